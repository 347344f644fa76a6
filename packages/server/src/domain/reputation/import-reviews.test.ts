import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { importReviews, type ImportOptions } from './import-reviews.js';
import { existingItemsQuery } from './ingest-items.js';
import { suggestMapping } from './import-mapping.js';
import { createTestPractice } from '../../test-support/reputation-practice.js';

async function* chunks(text: string, size = 7): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const CSV = [
  'Review ID,Reviewer,Rating,Date,Review',
  'hg-1,A. Reader,1,2026-11-27,"We waited two hours, and the front desk was rude."',
  'hg-2,B. Writer,5,2026-11-27,Lovely staff and a clean office.',
  'hg-3,C. Someone,9,2026-11-27,Rating out of range',
  'hg-4,D. Short,4',
  'hg-5,E. Person,2,not a date,Parking was impossible.',
  'hg-6,F. Quote,3,2026-11-27,"unterminated',
].join('\n');

describeEachDialect('reputation import', (dialect) => {
  let t: TestDatabase;
  let orgId: string;
  let ownerId: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    ({ orgId, ownerId } = await createTestPractice(t.handle.db, 'import'));
  });
  afterEach(async () => t.drop());

  const options = (input: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({
    actor: { userId: ownerId, label: 'owner', ip: null },
    orgId,
    source: 'healthgrades',
    format: 'csv',
    mapping: suggestMapping(['Review ID', 'Reviewer', 'Rating', 'Date', 'Review']),
    fileName: 'export.csv',
    input: chunks(input),
    ...extra,
  });

  it('suggests a mapping from the header names', () => {
    expect(suggestMapping(['Review ID', 'Reviewer', 'Rating', 'Date', 'Review'])).toEqual({
      externalId: 'Review ID',
      authorName: 'Reviewer',
      rating: 'Rating',
      publishedAt: 'Date',
      text: 'Review',
    });
  });

  it('keeps good rows and reports each malformed one by line, without its content', async () => {
    const report = await importReviews(t.handle.db, options(CSV));
    expect(report.created).toBe(2);
    expect(report.skipped).toBe(4);
    expect(report.problems.map((p) => p.line)).toEqual([4, 5, 6, 7]);
    expect(report.problems[0]!.reason).toMatch(/rating/i);
    expect(report.problems[1]!.reason).toMatch(/columns/i);
    expect(report.problems[2]!.reason).toMatch(/date/i);
    expect(JSON.stringify(report.problems)).not.toContain('Parking');
    const stored = await t.handle.db
      .selectFrom('reputationItems')
      .select(['externalId', 'rating', 'sentimentLabel', 'authorName', 'importId'])
      .where('orgId', '=', orgId)
      .orderBy('externalId')
      .execute();
    expect(stored.map((s) => [s.externalId, s.rating, s.sentimentLabel])).toEqual([
      ['hg-1', 1, 'negative'],
      ['hg-2', 5, 'positive'],
    ]);
    const saved = await t.handle.db
      .selectFrom('reputationImports')
      .selectAll()
      .where('id', '=', report.importId)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ rowsCreated: 2, rowsSkipped: 4, rowsTotal: 6 });
    expect(saved.finishedAt).not.toBeNull();
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('details')
      .where('action', '=', 'review.imported')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({
      created: 2,
      skipped: 4,
      source: 'healthgrades',
    });
  });

  it('changes nothing when the same file is imported twice, with or without an id column', async () => {
    await importReviews(t.handle.db, options(CSV));
    const again = await importReviews(t.handle.db, options(CSV));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, skipped: 4 });
    const noIds = 'Review,Rating\nGreat care,5\nSlow billing office,2\n';
    const mapping = { text: 'Review', rating: 'Rating' };
    const first = await importReviews(t.handle.db, options(noIds, { mapping, source: 'vitals' }));
    const second = await importReviews(t.handle.db, options(noIds, { mapping, source: 'vitals' }));
    expect([first.created, second.created, second.unchanged]).toEqual([2, 0, 2]);
    const count = await t.handle.db
      .selectFrom('reputationItems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('reads NDJSON line by line and a JSON array by position', async () => {
    const ndjson =
      '{"id":"z1","text":"Helpful front desk","stars":5}\nnot json\n[1]\n{"id":"z2","text":""}\n';
    const mapping = { externalId: 'id', text: 'text', rating: 'stars' };
    const report = await importReviews(
      t.handle.db,
      options(ndjson, { format: 'json', mapping, source: 'zocdoc' }),
    );
    expect(report.created).toBe(1);
    expect(report.problems).toEqual([
      { line: 2, reason: 'The line is not valid JSON.' },
      { line: 3, reason: 'The line is not a JSON object.' },
      { line: 4, reason: 'The review text is empty.' },
    ]);
    const array = JSON.stringify(
      [{ id: 'y1', text: 'Kind nurse' }, 'oops', { id: 'y2', text: 'Rude' }],
      null,
      2,
    );
    const second = await importReviews(
      t.handle.db,
      options(array, { format: 'json', mapping, source: 'yelp' }),
    );
    expect(second.created).toBe(2);
    expect(second.problems).toEqual([{ line: 2, reason: 'The entry is not an object.' }]);
  });

  it('refuses a mapping without the text column and a JSON file that is not JSON', async () => {
    await expect(
      importReviews(t.handle.db, options(CSV, { mapping: { rating: 'Rating' } })),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      importReviews(t.handle.db, options('[{"a":', { format: 'json', mapping: { text: 'a' } })),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('alerts the managers about a recent negative review, and not about old ones', async () => {
    const recent = new Date().toISOString();
    const csv = `id,text,rating,date\nn1,Rude staff and a long wait,1,${recent}\nn2,Terrible and rude,1,2019-01-01\n`;
    await importReviews(
      t.handle.db,
      options(csv, {
        mapping: { externalId: 'id', text: 'text', rating: 'rating', publishedAt: 'date' },
      }),
    );
    const notes = await t.handle.db
      .selectFrom('notifications')
      .selectAll()
      .where('orgId', '=', orgId)
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      userId: ownerId,
      kind: 'review.negative',
      emailStatus: 'pending',
    });
    expect(notes[0]!.title).toBe('New negative review on Healthgrades (1★)');
    expect(notes[0]!.body).not.toMatch(/rude|wait/i);
  });
});

describeEachDialect('reputation import, streamed in batches', (dialect) => {
  let t: TestDatabase;
  let orgId: string;
  let ownerId: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    ({ orgId, ownerId } = await createTestPractice(t.handle.db, 'batches'));
  });
  afterEach(async () => t.drop());

  const rows = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `b-${i},2026-11-${String(1 + (i % 27)).padStart(2, '0')},${1 + (i % 5)},Text ${i}`,
    );
  const run = (input: AsyncIterable<string>) =>
    importReviews(t.handle.db, {
      actor: { userId: ownerId, label: 'owner', ip: null },
      orgId,
      source: 'yelp',
      format: 'csv',
      mapping: { externalId: 'id', publishedAt: 'date', rating: 'stars', text: 'text' },
      fileName: null,
      input,
      batchSize: 3,
    });

  it('stores every batch while the next is read, and counts each row once', async () => {
    const csv = ['id,date,stars,text', ...rows(11), 'b-0,2026-11-01,1,Text 0'].join('\n');
    const report = await run(chunks(csv, 40));
    expect(report).toMatchObject({ rowsTotal: 12, created: 11, unchanged: 1, skipped: 0 });
    const stored = await t.handle.db
      .selectFrom('reputationItems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orgId', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(11);
  });

  it('looks each stored item up by its identity, however many the import adds', async () => {
    const csv = ['id,date,stars,text', ...rows(2_500)].join('\n');
    const report = await importReviews(t.handle.db, {
      actor: { userId: ownerId, label: 'owner', ip: null },
      orgId,
      source: 'yelp',
      format: 'csv',
      mapping: { externalId: 'id', publishedAt: 'date', rating: 'stars', text: 'text' },
      fileName: null,
      input: chunks(csv, 4_096),
      batchSize: 500,
    });
    expect(report.created).toBe(2_500);
    // The next batch's lookup: one search of the (org, source, external id) index per id, not a
    // walk through every item of the source (PostgreSQL did that without statistics).
    const { sql, parameters } = existingItemsQuery(t.handle.db, {
      orgId,
      source: 'yelp',
      externalIds: Array.from({ length: 20 }, (_, i) => `b-${i * 123}`),
    }).compile();
    const explain = dialect === 'postgres' ? 'EXPLAIN (COSTS OFF)' : 'EXPLAIN QUERY PLAN';
    const { rows: plan } = await t.handle.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`${explain} ${sql}`, [...parameters]),
    );
    const text = plan
      .map((r) => String(dialect === 'postgres' ? Object.values(r)[0] : r.detail))
      .join('\n');
    expect(text).toMatch(
      dialect === 'postgres'
        ? /Index Scan using reputation_items_identity .*\n.*Index Cond: .*external_id = ANY/
        : /SEARCH reputation_items USING INDEX sqlite_autoindex_reputation_items_\d \(org_id=\? AND source=\? AND external_id=\?\)/,
    );
  });

  it('a file that breaks off mid-way fails the import; only whole batches were stored', async () => {
    async function* broken(): AsyncGenerator<string> {
      yield ['id,date,stars,text', ...rows(7)].join('\n') + '\n';
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('The upload was interrupted.');
    }
    await expect(run(broken())).rejects.toThrow('The upload was interrupted.');
    const stored = await t.handle.db
      .selectFrom('reputationItems')
      .select('externalId')
      .where('orgId', '=', orgId)
      .execute();
    expect(stored.length % 3).toBe(0);
    expect(stored.length).toBeLessThanOrEqual(6);
  });
});
