import type { Locator, Page } from 'playwright-core';

/** Opens the audit log viewer and returns its table of events. */
export async function openAuditLog(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: 'Audit log' }).click();
  const table = page.getByRole('table', { name: 'Audit events' });
  await table.getByRole('row').nth(1).waitFor();
  return table;
}

/** The rows of the audit table that mention every one of `texts`, once at least one is shown. */
export async function auditRows(table: Locator, texts: string[]): Promise<Locator> {
  let rows = table.getByRole('row');
  for (const text of texts) rows = rows.filter({ hasText: text });
  await rows.first().waitFor();
  return rows;
}
