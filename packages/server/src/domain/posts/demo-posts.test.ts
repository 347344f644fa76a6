import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { createDemoOrganization } from '../demo/create-demo-organization.js';
import { getPublishingSettings } from './publishing-settings.js';

describeEachDialect('demo organization: publishing', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database?.drop());

  it('has the practice website for UTM, compliance approval and a first draft by the marketer', async () => {
    const { db } = database.handle;
    const { orgId, accounts } = await createDemoOrganization(db);
    expect(await getPublishingSettings(db, orgId)).toEqual({
      approverRoles: ['compliance_officer'],
      complianceOnWarning: true,
      websiteDomains: ['riverbend-health.test'],
      utmEnabled: true,
    });
    const posts = await db
      .selectFrom('posts')
      .innerJoin('users', 'users.id', 'posts.authorId')
      .select(['posts.status', 'posts.campaign', 'users.email'])
      .where('posts.orgId', '=', orgId)
      .execute();
    const marketer = accounts.find((a) => a.role === 'marketer');
    expect(posts).toEqual([{ status: 'draft', campaign: 'flu-season', email: marketer?.email }]);
  });
});
