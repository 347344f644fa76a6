import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.js';
import {
  createDemoOrganization,
  type DemoAccount,
} from '../../domain/demo/create-demo-organization.js';
import { addApprovedPost } from '../../domain/dispatch/test-support/dispatch-fixture.js';
import { schedulePost } from '../../domain/dispatch/schedule-post.js';
import { createDraft } from '../../domain/posts/create-draft.js';
import { declinePost } from '../../domain/posts/review-post.js';
import { submitForReview } from '../../domain/posts/submit-for-review.js';
import { addTestChannel } from '../../domain/posts/test-support/test-channels.js';
import { listInbox, type InboxFilters } from '../../domain/reputation/list-inbox.js';
import { roles } from '../../domain/policy/policy.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { createTestApp, TestClient, type TestApp } from '../../test-support/test-app.js';
import { describeEachDialect } from '../../test-support/test-database.js';

interface Summary {
  inbox: Record<'new' | 'assignedToMe' | 'overdue' | 'urgent' | 'critical', number> | null;
  posts: Record<'awaitingMyReview' | 'myDrafts' | 'returnedToMe', number | null> | null;
  publishing: {
    failed: number;
    unconfirmed: number;
    paused: number;
    reconnectNeeded: number | null;
  } | null;
  consents: { awaitingSignature: number; expiringSoon: number } | null;
  upcoming: {
    total: number;
    posts: { network: string; locationName: string; dueAt: string; timeZone: string }[];
  } | null;
}

const REVIEW_TEXT = 'Synthetic post waiting for the compliance officer, never on the dashboard.';

describeEachDialect('dashboard API: what needs you', (dialect) => {
  let t: TestApp;
  let orgId: string;
  let other: OrgWithRoles;
  const clients = {} as Record<Role, TestClient>;
  const userIds = {} as Record<Role, string>;
  const summaries = {} as Record<Role, Summary>;
  let accounts: DemoAccount[];
  const url = (id: string) => `/api/orgs/${id}/dashboard`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { db } = t.services.database;
    const demo = await db.transaction().execute((tx) => createDemoOrganization(tx));
    orgId = demo.orgId;
    accounts = demo.accounts;
    for (const role of roles) {
      const account = accounts.find((a) => a.role === role)!;
      const client = new TestClient(t.app);
      const res = await client.post('/api/auth/login', {
        email: account.email,
        password: account.password,
      });
      if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.body}`);
      clients[role] = client;
      userIds[role] = res.json<{ user: { id: string } }>().user.id;
    }
    const portland = await db
      .selectFrom('locations')
      .select('id')
      .where('orgId', '=', orgId)
      .orderBy('createdAt')
      .executeTakeFirstOrThrow();
    const locationId = portland.id;
    const marketer = { userId: userIds.marketer, label: 'marketer', ip: null };
    const compliance = { userId: userIds.compliance_officer, label: 'compliance', ip: null };
    const channelId = await addTestChannel(db, { orgId, locationId, network: 'bluesky' });
    // One post waits for the compliance officer; another came back to the marketer.
    const waiting = await createDraft(db, marketer, { orgId, locationId, baseText: REVIEW_TEXT });
    await submitForReview(db, { actor: marketer, orgId, postId: waiting.id });
    const returned = await createDraft(db, marketer, {
      orgId,
      locationId,
      baseText: 'Synthetic post sent back for changes.',
    });
    await submitForReview(db, { actor: marketer, orgId, postId: returned.id });
    await declinePost(db, {
      actor: compliance,
      role: 'compliance_officer',
      orgId,
      postId: returned.id,
      version: 1,
      decision: 'changes_requested',
      reason: 'Shorter, please.',
    });
    // Two approved posts on the calendar tomorrow; one of them failed.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const channels = [{ id: channelId, network: 'bluesky' as const }];
    for (const [index, hour] of ['09:00', '15:00'].entries()) {
      const { postId } = await addApprovedPost(
        db,
        { orgId, locationId, ownerId: userIds.marketer },
        { channels, text: `Synthetic scheduled post ${index}` },
      );
      await schedulePost(db, {
        actor: marketer,
        orgId,
        postId,
        localTime: `${tomorrow}T${hour}`,
        timeZone: 'America/Los_Angeles',
      });
      if (index === 1)
        await db
          .updateTable('postTargets')
          .set({ status: 'failed' })
          .where('postId', '=', postId)
          .execute();
    }
    const broken = await addTestChannel(db, { orgId, locationId, network: 'mastodon' });
    await db
      .updateTable('channels')
      .set({ status: 'reconnect_needed' })
      .where('id', '=', broken)
      .execute();
    other = await createOrgWithRoles(t, 'dash-other');
    for (const role of roles) {
      const res = await clients[role].get(url(orgId));
      expect(res.statusCode, `${role}: ${res.body}`).toBe(200);
      summaries[role] = res.json<Summary>();
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('counts the inbox exactly as the inbox filters it links to list it', async () => {
    const { db } = t.services.database;
    const listed = async (filters: InboxFilters) =>
      (await listInbox(db, { orgId, filters, limit: 1000 })).items.length;
    for (const role of roles) {
      const inbox = summaries[role].inbox;
      expect(inbox, role).not.toBeNull();
      expect(inbox?.new).toBe(await listed({ status: 'new' }));
      expect(inbox?.overdue).toBe(await listed({ overdue: true }));
      expect(inbox?.urgent).toBe(await listed({ urgency: 'high', status: 'new' }));
      expect(inbox?.critical).toBe(await listed({ urgency: 'critical', status: 'new' }));
      expect(inbox?.assignedToMe).toBe(
        await listed({ assigneeId: userIds[role], status: 'assigned' }),
      );
    }
    // The demo leaves work for the people who triage it.
    expect(summaries.owner.inbox?.new).toBeGreaterThan(0);
    expect(summaries.owner.inbox?.urgent).toBe(1);
    expect(summaries.front_desk.inbox?.assignedToMe).toBeGreaterThan(0);
    expect(summaries.marketer.inbox?.assignedToMe).toBeGreaterThan(0);
  });

  it('shows posts to those who write or approve them: the review queue, drafts and returns', () => {
    expect(summaries.compliance_officer.posts).toEqual({
      awaitingMyReview: 1,
      myDrafts: 0,
      returnedToMe: 0,
    });
    // The demo's own draft and the returned one; the marketer cannot approve their own post.
    expect(summaries.marketer.posts).toEqual({
      awaitingMyReview: 0,
      myDrafts: 2,
      returnedToMe: 1,
    });
    // Only the compliance officer's approval is required in the demo.
    expect(summaries.owner.posts?.awaitingMyReview).toBe(0);
    expect(summaries.clinician.posts).toEqual({
      awaitingMyReview: 0,
      myDrafts: 0,
      returnedToMe: 0,
    });
    expect(summaries.front_desk.posts).toBeNull();
    expect(summaries.viewer.posts).toBeNull();
  });

  it('shows publishing problems to who schedules, channels to reconnect to who reconnects them', () => {
    for (const role of ['owner', 'admin', 'marketer'] as const)
      expect(summaries[role].publishing, role).toEqual({
        failed: 1,
        unconfirmed: 0,
        paused: 0,
        reconnectNeeded: 1,
      });
    expect(summaries.compliance_officer.publishing).toEqual({
      failed: 1,
      unconfirmed: 0,
      paused: 0,
      reconnectNeeded: null,
    });
    for (const role of ['clinician', 'front_desk', 'viewer'] as const)
      expect(summaries[role].publishing, role).toBeNull();
  });

  it('shows authorizations to every role but viewers: one awaiting signature, one expiring', () => {
    for (const role of roles) {
      if (role === 'viewer') expect(summaries[role].consents).toBeNull();
      else
        expect(summaries[role].consents, role).toMatchObject({
          awaitingSignature: 1,
          expiringSoon: 1,
        });
    }
  });

  it('lists the next week’s queued copies with network, location and zone, and no text', () => {
    const upcoming = summaries.viewer.upcoming;
    expect(upcoming?.total).toBe(1);
    expect(upcoming?.posts).toEqual([
      expect.objectContaining({
        network: 'bluesky',
        locationName: 'Riverbend Family Health — Portland',
        timeZone: 'America/Los_Angeles',
      }),
    ]);
    for (const role of roles) {
      const body = JSON.stringify(summaries[role]);
      expect(body).not.toContain('Synthetic');
      expect(body).not.toContain('555-0199');
    }
  });

  describe('isolation', () => {
    it('another organization’s dashboard does not exist for you, and anonymous callers are refused', async () => {
      for (const role of roles) {
        const res = await clients[role].get(url(other.orgId));
        expect(res.statusCode, role).toBe(404);
        expect(res.json().error.message).toBe('The organization was not found.');
        const back = await other.clients[role].get(url(orgId));
        expect(back.statusCode, role).toBe(404);
      }
      expect((await new TestClient(t.app).get(url(orgId))).statusCode).toBe(401);
    });

    it('another organization’s items, posts and channels never count in yours', async () => {
      const res = await other.clients.owner.get(url(other.orgId));
      expect(res.statusCode).toBe(200);
      expect(res.json<Summary>()).toEqual({
        inbox: { new: 0, assignedToMe: 0, overdue: 0, urgent: 0, critical: 0 },
        posts: { awaitingMyReview: 0, myDrafts: 0, returnedToMe: 0 },
        publishing: { failed: 0, unconfirmed: 0, paused: 0, reconnectNeeded: 0 },
        consents: { awaitingSignature: 0, expiringSoon: 0, expiringWithinDays: 30 },
        upcoming: { total: 0, posts: [] },
      });
    });
  });
});
