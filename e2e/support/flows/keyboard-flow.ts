import type { Page } from 'playwright-core';

const maxTabs = 15;

/** The accessible label of the focused element: its <label>, aria-label or aria-labelledby. */
function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return '';
    const byLabel = el.labels?.[0]?.textContent ?? '';
    const labelledBy = el.getAttribute('aria-labelledby');
    const byRef = labelledBy ? (document.getElementById(labelledBy)?.textContent ?? '') : '';
    return (byLabel || el.getAttribute('aria-label') || byRef || el.textContent || '').trim();
  });
}

/** Presses Tab until the focused control's label starts with `label` (required marks follow it). */
export async function tabTo(page: Page, label: string): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    const current = await focusedLabel(page);
    if (current.replace(/\s*\*$/, '') === label) return;
    seen.push(current);
  }
  throw new Error(`Tab never reached "${label}"; focus went through: ${seen.join(' → ')}`);
}

/** Signs in on the sign-in page using only Tab, typing and Enter. */
export async function signInWithKeyboard(
  page: Page,
  input: { email: string; password: string },
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await tabTo(page, 'Email');
  await page.keyboard.type(input.email);
  await tabTo(page, 'Password');
  await page.keyboard.type(input.password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');
}
