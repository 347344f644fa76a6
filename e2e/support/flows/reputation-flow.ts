import type { Page } from 'playwright-core';

const LOCATIONS = ['Riverbend Family Health — Portland', 'Riverbend Family Health — Denver'];
const PRAISE = [
  'Dr. Patel listened and explained everything clearly.',
  'The front desk staff were friendly and welcoming.',
  'Short wait, seen right on time.',
  'Spotless office and easy parking.',
  'My telehealth visit was quick and easy.',
];
const COMPLAINTS = [
  'Waited over an hour past my appointment time.',
  'The receptionist was rude and dismissive.',
  'They billed my insurance wrong and nobody fixed it.',
  'Nobody called me back about my results.',
  'The exam room was dirty.',
];

/**
 * A CSV export of synthetic reviews as a review site would give it: `count` reviews, one every
 * `spacingDays` days back from `until`, alternating locations, one in three a complaint.
 */
export function syntheticReviewsCsv(options: {
  count: number;
  until: Date;
  spacingDays: number;
}): string {
  const lines = ['Review ID,Date,Rating,Location,Review'];
  for (let i = 0; i < options.count; i++) {
    const complaint = i % 3 === 0;
    const text = complaint ? COMPLAINTS[i % COMPLAINTS.length] : PRAISE[i % PRAISE.length];
    const date = new Date(options.until.getTime() - i * options.spacingDays * 86_400_000);
    const rating = complaint ? 1 + (i % 2) : 4 + (i % 2);
    lines.push(
      `hg-${i},${date.toISOString()},${rating},${LOCATIONS[i % 2]},"${text!.replace(/"/g, '""')}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Imports a CSV through the inbox's import API as the signed-in person (the real ingest path). */
export async function importReviews(page: Page, csv: string): Promise<{ created: number }> {
  const session = (await (await page.request.get('/api/auth/session')).json()) as {
    memberships: { orgId: string }[];
  };
  const orgId = session.memberships[0]!.orgId;
  const { token } = (await (await page.request.get('/api/csrf')).json()) as { token: string };
  const response = await page.request.post(`/api/orgs/${orgId}/reputation/imports`, {
    headers: { 'x-csrf-token': token },
    data: {
      source: 'healthgrades',
      format: 'csv',
      fileName: 'healthgrades-export.csv',
      mapping: {
        externalId: 'Review ID',
        publishedAt: 'Date',
        rating: 'Rating',
        location: 'Location',
        text: 'Review',
      },
      content: csv,
    },
  });
  if (!response.ok())
    throw new Error(`import failed: ${response.status()} ${await response.text()}`);
  const report = (await response.json()) as { created: number };
  return report;
}
