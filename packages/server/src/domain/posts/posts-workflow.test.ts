import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { schedulePost } from '../dispatch/schedule-post.js';
import { returnToDraft } from './return-to-draft.js';
import { addTestChannel } from './test-support/test-channels.js';

const WARN_TEXT = 'Our laser treatment is guaranteed to cure your back pain.';
const BLOCK_TEXT = 'Congrats to Maria Lopez, DOB 01/02/1950, on her recovery!';
const CLEAN_TEXT = 'Flu shots are in this week at our Springfield office.';
const JUSTIFICATION = 'Claims reviewed by our medical director against the 2026 study.';

interface Post {
  id: string;
  baseText: string;
  scheduledAt: string | null;
  status: string;
  version: number;
  guardVerdict: string | null;
  overrideJustification: string | null;
  variants: { id: string; text: string; count: number; limit: number; network: string }[];
  approvals: { role: string }[];
  approval: { required: string[]; missing: string[]; complete: boolean };
  comments: { kind: string; body: string; quote: string | null; variantId: string | null }[];
}

describeEachDialect('posts: compose, guard, review', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let bluesky: string;
  let mastodon: string;
  const base = () => `/api/orgs/${o.orgId}/posts`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, `wf-${dialect}`);
    const { db } = t.services.database;
    bluesky = await addTestChannel(db, {
      orgId: o.orgId,
      locationId: o.locationId,
      network: 'bluesky',
      handle: 'clinic.bsky.test',
    });
    mastodon = await addTestChannel(db, {
      orgId: o.orgId,
      locationId: o.locationId,
      network: 'mastodon',
      handle: '@clinic@small.social',
      maxCharacters: 100,
    });
  });
  afterAll(() => t?.close());

  async function draft(text: string, as = o.clients.marketer): Promise<Post> {
    const res = await as.post(base(), { locationId: o.locationId, baseText: text });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Post>();
  }

  async function auditActions(postId: string): Promise<string[]> {
    const rows = await t.services.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('orgId', '=', o.orgId)
      .where('targetId', '=', postId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.action);
  }

  describe('composing', () => {
    it('counts per network with the instance’s own Mastodon limit, and refuses text over it', async () => {
      const post = await draft(CLEAN_TEXT);
      expect(post.variants.map((v) => [v.network, v.count, v.limit])).toEqual([
        ['bluesky', CLEAN_TEXT.length, 300],
        ['mastodon', CLEAN_TEXT.length, 100],
      ]);
      const long = 'a'.repeat(120);
      const res = await o.clients.marketer.post(base(), {
        locationId: o.locationId,
        baseText: long,
        variants: [
          { channelId: bluesky, text: long },
          { channelId: mastodon, text: long },
        ],
      });
      expect(res.statusCode).toBe(400);
      const error = res.json<{
        error: { code: string; details: { fields: Record<string, string> } };
      }>().error;
      expect(error.code).toBe('validation_failed');
      expect(error.details.fields).toEqual({
        'variants.1.text': expect.stringContaining(
          'This Mastodon instance (@clinic@small.social) allows 100 characters; this text has 120',
        ) as string,
      });
    });

    it('lists the location’s channels with their limits for the composer', async () => {
      const res = await o.clients.clinician.get(
        `/api/orgs/${o.orgId}/compose/channels?locationId=${o.locationId}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json<{ channels: { id: string; limit: number }[] }>().channels).toEqual([
        expect.objectContaining({ id: bluesky, limit: 300 }),
        expect.objectContaining({ id: mastodon, limit: 100 }),
      ]);
    });

    it('refuses a channel of another organization and unknown fields', async () => {
      const other = await createOrgWithRoles(t, `wf2-${dialect}`);
      const foreign = await addTestChannel(t.services.database.db, {
        orgId: other.orgId,
        locationId: other.locationId,
        network: 'bluesky',
      });
      const res = await o.clients.marketer.post(base(), {
        locationId: o.locationId,
        baseText: 'Hi',
        variants: [{ channelId: foreign, text: 'Hi' }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('variants.0.channelId');
      const bad = await o.clients.marketer.post(base(), {
        locationId: o.locationId,
        baseText: 'Hi',
        status: 'approved',
      });
      expect(bad.statusCode).toBe(400);
      const viewer = await o.clients.viewer.post(base(), {
        locationId: o.locationId,
        baseText: 'Hi',
      });
      expect(viewer.statusCode).toBe(403);
      const otherPost = await draft(CLEAN_TEXT);
      expect(
        (await other.clients.owner.get(`/api/orgs/${other.orgId}/posts/${otherPost.id}`))
          .statusCode,
      ).toBe(404);
    });
  });

  describe('the guard on submit', () => {
    it('a blocking finding cannot be submitted; the findings come back without the matched text', async () => {
      const post = await draft(BLOCK_TEXT);
      const res = await o.clients.marketer.post(`${base()}/${post.id}/submit`, {
        version: post.version,
      });
      expect(res.statusCode).toBe(400);
      const error = res.json<{
        error: {
          message: string;
          details: { findings: { rule: string; severity: string }[]; verdict: string };
        };
      }>().error;
      expect(error.details.verdict).toBe('block');
      expect(error.details.findings.map((f) => f.rule)).toContain('phi.name');
      expect(res.body).not.toContain('Maria');
      expect(res.body).not.toContain('1950');
      const again = await o.clients.marketer.post(`${base()}/${post.id}/submit`, {
        version: post.version,
        overrideJustification: JUSTIFICATION,
      });
      expect(again.statusCode).toBe(400);
      expect((await o.clients.marketer.get(`${base()}/${post.id}`)).json<Post>().status).toBe(
        'draft',
      );
      // Nothing of the text reaches the log, and the audit trail holds rules, not words.
      expect(t.logLines.length).toBeGreaterThan(0);
      expect(t.logLines.join('\n')).not.toContain('Maria');
      const details = await t.services.database.db
        .selectFrom('auditEvents')
        .select('details')
        .where('orgId', '=', o.orgId)
        .execute();
      expect(details.map((d) => d.details).join('')).not.toContain('Maria');
    });

    it('a warning needs a written justification, which the post and the audit trail keep', async () => {
      const post = await draft(WARN_TEXT);
      const bare = await o.clients.marketer.post(`${base()}/${post.id}/submit`, {
        version: post.version,
      });
      expect(bare.statusCode).toBe(400);
      expect(
        bare.json<{ error: { details: { fields: Record<string, string> } } }>().error.details
          .fields,
      ).toHaveProperty('overrideJustification');
      const short = await o.clients.marketer.post(`${base()}/${post.id}/submit`, {
        version: post.version,
        overrideJustification: 'fine',
      });
      expect(short.statusCode).toBe(400);
      const ok = await o.clients.marketer.post(`${base()}/${post.id}/submit`, {
        version: post.version,
        overrideJustification: JUSTIFICATION,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const submitted = ok.json<Post>();
      expect(submitted.status).toBe('in_review');
      expect(submitted.guardVerdict).toBe('review');
      expect(submitted.overrideJustification).toBe(JUSTIFICATION);
      const event = await t.services.database.db
        .selectFrom('auditEvents')
        .select('details')
        .where('orgId', '=', o.orgId)
        .where('targetId', '=', post.id)
        .where('action', '=', 'post.guard_overridden')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(event.details)).toMatchObject({
        justification: JUSTIFICATION,
        rules: ['claims.cure', 'claims.guarantee'],
      });
    });
  });

  describe('approval', () => {
    async function submitted(text = CLEAN_TEXT): Promise<Post> {
      const post = await draft(text);
      const res = await o.clients.marketer.post(`${base()}/${post.id}/submit`, {
        version: post.version,
        ...(text === WARN_TEXT && { overrideJustification: JUSTIFICATION }),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Post>();
    }

    it('nobody approves their own post; by default only the compliance officer approves', async () => {
      const post = await submitted();
      expect(post.approval).toEqual({
        required: ['compliance_officer'],
        missing: ['compliance_officer'],
        complete: false,
      });
      const own = await o.clients.marketer.post(`${base()}/${post.id}/approve`, {
        version: post.version,
      });
      expect(own.statusCode).toBe(403);
      expect(own.json<{ error: { message: string } }>().error.message).toContain(
        'someone else must approve',
      );
      const admin = await o.clients.admin.post(`${base()}/${post.id}/approve`, {
        version: post.version,
      });
      expect(admin.statusCode).toBe(403);
      expect(admin.json<{ error: { message: string } }>().error.message).toContain(
        'compliance officer',
      );
      const viewer = await o.clients.viewer.post(`${base()}/${post.id}/approve`, {
        version: post.version,
      });
      expect(viewer.statusCode).toBe(403);
      const stale = await o.clients.compliance_officer.post(`${base()}/${post.id}/approve`, {
        version: post.version + 1,
      });
      expect(stale.statusCode).toBe(409);
      const ok = await o.clients.compliance_officer.post(`${base()}/${post.id}/approve`, {
        version: post.version,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Post>().status).toBe('approved');
      expect(await auditActions(post.id)).toEqual([
        'post.created',
        'post.submitted',
        'post.approval_recorded',
        'post.approved',
      ]);
    });

    it('any edit after approval returns it to review; the old approval no longer counts', async () => {
      const post = await submitted();
      const approved = (
        await o.clients.compliance_officer.post(`${base()}/${post.id}/approve`, {
          version: post.version,
        })
      ).json<Post>();
      const edited = await o.clients.clinician.put(`${base()}/${post.id}`, {
        version: approved.version,
        locationId: o.locationId,
        baseText: `${CLEAN_TEXT} Open Saturdays too.`,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      const back = edited.json<Post>();
      expect(back.status).toBe('in_review');
      expect(back.version).toBe(approved.version + 1);
      expect(back.approvals).toEqual([]);
      // The clinician edited this version: they cannot approve it either.
      await t.services.database.db
        .insertInto('publishingSettings')
        .values({
          orgId: o.orgId,
          approverRoles: '[]',
          complianceOnWarning: 1,
          websiteDomains: '[]',
          utmEnabled: 1,
          updatedBy: null,
          updatedAt: new Date().toISOString(),
        })
        .execute();
      const ownEdit = await o.clients.clinician.post(`${base()}/${post.id}/approve`, {
        version: back.version,
      });
      expect(ownEdit.statusCode).toBe(403);
      const stale = await o.clients.marketer.put(`${base()}/${post.id}`, {
        version: approved.version,
        locationId: o.locationId,
        baseText: 'Lost update',
      });
      expect(stale.statusCode).toBe(409);
      await t.services.database.db
        .deleteFrom('publishingSettings')
        .where('orgId', '=', o.orgId)
        .execute();
      expect(await auditActions(post.id)).toContain('post.returned_to_review');
    });

    it('organization settings: every listed role approves, plus compliance after a guard warning', async () => {
      const put = await o.clients.owner.put(`/api/orgs/${o.orgId}/publishing-settings`, {
        approverRoles: ['admin'],
        complianceOnWarning: true,
        websiteDomains: [],
        utmEnabled: true,
      });
      expect(put.statusCode, put.body).toBe(200);
      const marketerPut = await o.clients.marketer.put(`/api/orgs/${o.orgId}/publishing-settings`, {
        approverRoles: [],
        complianceOnWarning: false,
        websiteDomains: [],
        utmEnabled: true,
      });
      expect(marketerPut.statusCode).toBe(403);
      const badRole = await o.clients.owner.put(`/api/orgs/${o.orgId}/publishing-settings`, {
        approverRoles: ['viewer'],
        complianceOnWarning: true,
        websiteDomains: [],
        utmEnabled: true,
      });
      expect(badRole.statusCode).toBe(400);

      const clean = await submitted();
      const byAdmin = await o.clients.admin.post(`${base()}/${clean.id}/approve`, {
        version: clean.version,
      });
      expect(byAdmin.json<Post>().status).toBe('approved');

      const warned = await submitted(WARN_TEXT);
      expect(warned.approval.required.sort()).toEqual(['admin', 'compliance_officer']);
      const first = await o.clients.admin.post(`${base()}/${warned.id}/approve`, {
        version: warned.version,
      });
      expect(first.json<Post>()).toMatchObject({
        status: 'in_review',
        approval: { missing: ['compliance_officer'] },
      });
      const twice = await o.clients.admin.post(`${base()}/${warned.id}/approve`, {
        version: warned.version,
      });
      expect(twice.statusCode).toBe(400);
      const queue = await o.clients.compliance_officer.get(`${base()}?status=in_review`);
      expect(
        queue
          .json<{ posts: { id: string; awaitingMe: boolean }[] }>()
          .posts.find((p) => p.id === warned.id)?.awaitingMe,
      ).toBe(true);
      const second = await o.clients.compliance_officer.post(`${base()}/${warned.id}/approve`, {
        version: warned.version,
      });
      expect(second.json<Post>().status).toBe('approved');
      await t.services.database.db
        .deleteFrom('publishingSettings')
        .where('orgId', '=', o.orgId)
        .execute();
    });

    it('request changes and reject need a reason, go back to the author, and are audited', async () => {
      const post = await submitted();
      const noReason = await o.clients.compliance_officer.post(
        `${base()}/${post.id}/request-changes`,
        {
          version: post.version,
          reason: '',
        },
      );
      expect(noReason.statusCode).toBe(400);
      const changes = await o.clients.compliance_officer.post(
        `${base()}/${post.id}/request-changes`,
        {
          version: post.version,
          reason: 'Name the office hours, please.',
        },
      );
      expect(changes.statusCode, changes.body).toBe(200);
      const back = changes.json<Post>();
      expect(back.status).toBe('draft');
      expect(back.comments).toEqual([
        expect.objectContaining({
          kind: 'changes_requested',
          body: 'Name the office hours, please.',
        }),
      ]);
      const resubmit = await o.clients.marketer.post(`${base()}/${post.id}/submit`, {
        version: back.version,
      });
      const byAdmin = await o.clients.admin.post(`${base()}/${post.id}/reject`, {
        version: resubmit.json<Post>().version,
        reason: 'Not my call, but no.',
      });
      expect(byAdmin.statusCode).toBe(403);
      expect(byAdmin.body).toContain('request changes instead');
      const reject = await o.clients.compliance_officer.post(`${base()}/${post.id}/reject`, {
        version: resubmit.json<Post>().version,
        reason: 'We are not running this campaign.',
      });
      expect(reject.json<Post>().status).toBe('rejected');
      const edit = await o.clients.marketer.put(`${base()}/${post.id}`, {
        version: reject.json<Post>().version,
        locationId: o.locationId,
        baseText: 'Try again',
      });
      expect(edit.statusCode).toBe(409);
      expect(await auditActions(post.id)).toEqual([
        'post.created',
        'post.submitted',
        'post.changes_requested',
        'post.submitted',
        'post.rejected',
      ]);
      const notes = await t.services.database.db
        .selectFrom('notifications')
        .select('kind')
        .where('userId', '=', o.userIds.marketer)
        .where('kind', 'in', ['post.changes_requested', 'post.rejected'])
        .execute();
      expect(notes.length).toBeGreaterThanOrEqual(2);
    });

    it('reviewers comment on a range of a variant’s text', async () => {
      const post = await submitted();
      const variant = post.variants[0];
      if (!variant) throw new Error('no variant');
      const res = await o.clients.compliance_officer.post(`${base()}/${post.id}/comments`, {
        body: 'Which office?',
        variantId: variant.id,
        anchorStart: 34,
        anchorEnd: 52,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ quote: string }>().quote).toBe(variant.text.slice(34, 52));
      const outside = await o.clients.compliance_officer.post(`${base()}/${post.id}/comments`, {
        body: 'Hm',
        variantId: variant.id,
        anchorStart: 10,
        anchorEnd: 5000,
      });
      expect(outside.statusCode).toBe(400);
      const noVariant = await o.clients.compliance_officer.post(`${base()}/${post.id}/comments`, {
        body: 'Hm',
        anchorStart: 1,
        anchorEnd: 2,
      });
      expect(noVariant.statusCode).toBe(400);
    });

    it('editing a scheduled post unschedules it (dispatch cancels its targets) and sends it back to review', async () => {
      const { db } = t.services.database;
      const actor = { userId: o.userIds.marketer, label: 'marketer', ip: null };
      const nextWeek = `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T09:30`;
      for (const finish of ['edit', 'returnToDraft'] as const) {
        const post = await submitted();
        await o.clients.compliance_officer.post(`${base()}/${post.id}/approve`, {
          version: post.version,
        });
        await schedulePost(db, {
          actor,
          orgId: o.orgId,
          postId: post.id,
          localTime: nextWeek,
        });
        const scheduled = (await o.clients.marketer.get(`${base()}/${post.id}`)).json<Post>();
        expect(scheduled.status).toBe('scheduled');
        if (finish === 'edit') {
          const res = await o.clients.marketer.put(`${base()}/${post.id}`, {
            version: scheduled.version,
            locationId: o.locationId,
            baseText: `${CLEAN_TEXT} Book online.`,
            // Mastodon is taken off: its canceled target keeps the variant, marked removed.
            variants: [{ channelId: bluesky, text: `${CLEAN_TEXT} Book online.` }],
          });
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json<Post>()).toMatchObject({ status: 'in_review', scheduledAt: null });
          expect(res.json<Post>().variants.map((v) => v.network)).toEqual(['bluesky']);
          const rows = await db
            .selectFrom('postVariants')
            .select(['channelId', 'removedAt'])
            .where('postId', '=', post.id)
            .execute();
          expect(rows.find((r) => r.channelId === mastodon)?.removedAt).toBeTruthy();
          expect(rows.find((r) => r.channelId === bluesky)?.removedAt).toBeNull();
        } else {
          const result = await returnToDraft(db, {
            orgId: o.orgId,
            postId: post.id,
            reason: 'authorization revoked',
          });
          expect(result).toEqual({ moved: true, from: 'scheduled' });
        }
        const targets = await db
          .selectFrom('postTargets')
          .select('status')
          .where('postId', '=', post.id)
          .execute();
        expect(targets.length).toBeGreaterThan(0);
        expect(targets.every((x) => x.status === 'canceled')).toBe(true);
        expect(await auditActions(post.id)).toContain('post.unscheduled');
      }
    });

    it('an edit under review with a guard warning needs a justification too', async () => {
      const post = await submitted();
      const bare = await o.clients.marketer.put(`${base()}/${post.id}`, {
        version: post.version,
        locationId: o.locationId,
        baseText: WARN_TEXT,
      });
      expect(bare.statusCode).toBe(400);
      expect(bare.body).toContain('overrideJustification');
      const unchanged = (await o.clients.marketer.get(`${base()}/${post.id}`)).json<Post>();
      expect(unchanged).toMatchObject({ version: post.version, baseText: CLEAN_TEXT });
      const ok = await o.clients.marketer.put(`${base()}/${post.id}`, {
        version: post.version,
        locationId: o.locationId,
        baseText: WARN_TEXT,
        overrideJustification: JUSTIFICATION,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Post>()).toMatchObject({
        status: 'in_review',
        guardVerdict: 'review',
        overrideJustification: JUSTIFICATION,
        approval: { required: ['compliance_officer'] },
      });
    });

    it('returnToDraft (consents, withdraw) pulls an approved post back and voids its approvals', async () => {
      const post = await submitted();
      await o.clients.compliance_officer.post(`${base()}/${post.id}/approve`, {
        version: post.version,
      });
      const result = await returnToDraft(t.services.database.db, {
        orgId: o.orgId,
        postId: post.id,
        reason: 'authorization revoked',
      });
      expect(result).toEqual({ moved: true, from: 'approved' });
      const after = (await o.clients.marketer.get(`${base()}/${post.id}`)).json<Post>();
      expect(after).toMatchObject({ status: 'draft', version: post.version + 1, approvals: [] });
      expect(
        await returnToDraft(t.services.database.db, {
          orgId: o.orgId,
          postId: post.id,
          reason: 'x',
        }),
      ).toEqual({
        moved: false,
        from: 'draft',
      });
      expect(await auditActions(post.id)).toContain('post.returned_to_draft');
    });
  });
});
