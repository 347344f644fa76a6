import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { createDemoAuthorizations } from './demo-authorizations.js';
import { listAuthorizations } from './list-authorizations.js';
import { seedOrg } from './test-support/seed.js';

describeEachDialect('demo authorizations', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it('gives the demo practice one active, one expiring and one pending authorization, each with a PDF when signed', async () => {
    const org = await seedOrg(t.handle.db, 'demo');
    await createDemoAuthorizations(t.handle.db, { orgId: org.orgId, actor: org.actor });
    const list = await listAuthorizations(t.handle.db, { orgId: org.orgId });
    expect(list.map((a) => a.status).sort()).toEqual(['active', 'expiring', 'pending']);
    const documents = await t.handle.db
      .selectFrom('authorizationDocuments')
      .select('kind')
      .execute();
    expect(documents.map((d) => d.kind)).toEqual(['signed_pdf', 'signed_pdf']);
  });
});
