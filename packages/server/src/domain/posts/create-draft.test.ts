import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { createDraft } from './create-draft.js';
import { updatePublishingSettings } from './publishing-settings.js';
import { addTestChannel } from './test-support/test-channels.js';

describeEachDialect('createDraft', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let bluesky: string;
  let mastodon: string;
  const actor = (userId: string) => ({ userId, label: 'marketer', ip: null });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, `draft-${dialect}`);
    const { db } = t.services.database;
    bluesky = await addTestChannel(db, {
      orgId: o.orgId,
      locationId: o.locationId,
      network: 'bluesky',
    });
    mastodon = await addTestChannel(db, {
      orgId: o.orgId,
      locationId: o.locationId,
      network: 'mastodon',
      maxCharacters: 1000,
    });
  });
  afterAll(() => t?.close());

  it('starts a draft with a variant for every connected channel of the location', async () => {
    const post = await createDraft(t.services.database.db, actor(o.userIds.marketer), {
      orgId: o.orgId,
      locationId: o.locationId,
      baseText: 'Flu shots are in this week.',
    });
    expect(post.status).toBe('draft');
    expect(post.version).toBe(1);
    expect(post.campaign).toBe('flu-shots-are-in-this-week');
    expect(post.variants.map((v) => [v.channelId, v.text, v.limit])).toEqual([
      [bluesky, 'Flu shots are in this week.', 300],
      [mastodon, 'Flu shots are in this week.', 1000],
    ]);
    const events = await t.services.database.db
      .selectFrom('auditEvents')
      .select(['action', 'targetId'])
      .where('orgId', '=', o.orgId)
      .where('action', '=', 'post.created')
      .execute();
    expect(events).toEqual([{ action: 'post.created', targetId: post.id }]);
  });

  it('adds first-party UTM parameters and leaves other sites alone', async () => {
    const { db } = t.services.database;
    await updatePublishingSettings(db, {
      actor: actor(o.userIds.owner),
      orgId: o.orgId,
      settings: {
        approverRoles: ['compliance_officer'],
        complianceOnWarning: true,
        websiteDomains: ['https://Clinic.Example/'],
        utmEnabled: true,
      },
    });
    const post = await createDraft(db, actor(o.userIds.clinician), {
      orgId: o.orgId,
      locationId: o.locationId,
      baseText: 'x',
      campaign: 'Flu 2026',
      variants: [
        {
          channelId: bluesky,
          text: 'Book at https://www.clinic.example/flu. CDC: https://cdc.gov/flu?utm_source=x',
        },
      ],
    });
    expect(post.variants[0]?.publishText).toBe(
      'Book at https://www.clinic.example/flu?utm_source=bluesky&utm_medium=social&utm_campaign=flu-2026. CDC: https://cdc.gov/flu?utm_source=x',
    );
  });

  it('refuses text over the network limit, channels of other locations and unknown images, by field', async () => {
    const { db } = t.services.database;
    const error = await createDraft(db, actor(o.userIds.marketer), {
      orgId: o.orgId,
      locationId: o.locationId,
      baseText: 'Long one',
      variants: [
        { channelId: bluesky, text: 'a'.repeat(301) },
        { channelId: mastodon, text: 'a'.repeat(1000) },
        { channelId: 'nope', text: 'hi' },
      ],
      mediaIds: ['missing'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const fields = (error as AppError).details?.fields;
    expect(fields).toEqual({
      'variants.0.text': expect.stringContaining(
        'Bluesky allows 300 characters; this text has 301',
      ) as string,
      'variants.2.channelId': 'Choose one of the connected channels of this location.',
      'mediaIds.0': 'This image was not found; upload it again.',
    });
    const count = await db
      .selectFrom('posts')
      .select(db.fn.countAll().as('n'))
      .where('baseText', '=', 'Long one')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
