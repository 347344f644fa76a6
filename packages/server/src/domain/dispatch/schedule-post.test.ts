import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/test-database.js';
import { setQueueSlots } from './queue-slots.js';
import { schedulePost } from './schedule-post.js';
import {
  addApprovedPost,
  addChannel,
  createDispatchFixture,
  mastodonCredentials,
  type DispatchFixture,
} from './test-support/dispatch-fixture.js';
import { unschedulePost } from './unschedule-post.js';

const JAN_1 = new Date('2026-01-01T12:00:00Z');

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describeEachDialect('schedulePost', (dialect) => {
  let database: TestDatabase;
  let f: DispatchFixture;
  let channelId: string;
  let secondChannelId: string;
  const db = () => database.handle.db;
  const post = (text = 'Flu shots all week at Northside.') =>
    addApprovedPost(db(), f, {
      channels: [
        { id: channelId, network: 'mastodon' },
        { id: secondChannelId, network: 'bluesky' },
      ],
      text,
    });
  const targets = (postId: string) =>
    db()
      .selectFrom('postTargets')
      .selectAll()
      .where('postId', '=', postId)
      .orderBy('dueAt')
      .orderBy('network')
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    f = await createDispatchFixture(db(), { tag: `sched-${dialect}` });
    channelId = await addChannel(db(), f, {
      network: 'mastodon',
      serviceUrl: 'https://social.example',
      credentials: mastodonCredentials('https://social.example', 'token'),
    });
    secondChannelId = await addChannel(db(), f, {
      network: 'bluesky',
      serviceUrl: 'https://pds.example',
      credentials: {},
    });
  }, 60_000);
  afterAll(async () => database?.drop());

  it('schedules an approved post: one queued target per channel at the UTC instant, the zone kept', async () => {
    const { postId } = await post();
    const result = await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-01-15T09:00',
      now: JAN_1,
    });
    expect(result).toMatchObject({
      scheduledAt: '2026-01-15T16:00:00.000Z',
      timeZone: 'America/Denver',
      localTime: '2026-01-15T09:00',
      adjustment: 'none',
    });
    const rows = await targets(postId);
    expect(rows.map((r) => [r.network, r.status, r.dueAt, r.timeZone, r.attempts])).toEqual([
      ['bluesky', 'queued', '2026-01-15T16:00:00.000Z', 'America/Denver', 0],
      ['mastodon', 'queued', '2026-01-15T16:00:00.000Z', 'America/Denver', 0],
    ]);
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(2);
    const stored = await db()
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();
    expect([stored.status, stored.scheduledAt, stored.timeZone]).toEqual([
      'scheduled',
      '2026-01-15T16:00:00.000Z',
      'America/Denver',
    ]);
    const audit = await db()
      .selectFrom('auditEvents')
      .select('action')
      .where('orgId', '=', f.orgId)
      .where('targetId', '=', postId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('post.scheduled');
  });

  it('a channel taken off the post (variant removed) gets no target', async () => {
    const { postId, variantIds } = await post();
    await db()
      .updateTable('postVariants')
      .set({ removedAt: new Date().toISOString() })
      .where('id', '=', variantIds[1] ?? '')
      .execute();
    const result = await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-01-15T09:00',
      now: JAN_1,
    });
    expect(result.targets.map((t) => t.channelId)).toEqual([channelId]);
  });

  it('spring forward (2026-03-08, Denver): 02:30 does not exist and goes out at 03:30 MDT, said so', async () => {
    const { postId } = await post();
    const result = await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-03-08T02:30',
      now: JAN_1,
    });
    expect(result).toMatchObject({
      scheduledAt: '2026-03-08T09:30:00.000Z',
      localTime: '2026-03-08T03:30',
      adjustment: 'skipped',
    });
    expect((await targets(postId)).map((t) => t.dueAt)).toEqual([
      '2026-03-08T09:30:00.000Z',
      '2026-03-08T09:30:00.000Z',
    ]);
  });

  it('fall back (2026-11-01, Denver): 01:30 happens twice and the first (MDT, 07:30 UTC) is used', async () => {
    const { postId } = await post();
    const result = await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-11-01T01:30',
      now: JAN_1,
    });
    expect(result).toMatchObject({
      scheduledAt: '2026-11-01T07:30:00.000Z',
      adjustment: 'repeated',
    });
  });

  it('a weekly post keeps its wall-clock time across the DST change', async () => {
    const { postId } = await post();
    await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-02-26T09:00',
      recurrence: { frequency: 'weekly', interval: 1, count: 3 },
      now: JAN_1,
    });
    const rows = (await targets(postId)).filter((t) => t.network === 'mastodon');
    expect(rows.map((r) => [r.occurrence, r.dueAt])).toEqual([
      [0, '2026-02-26T16:00:00.000Z'],
      [1, '2026-03-05T16:00:00.000Z'],
      [2, '2026-03-12T15:00:00.000Z'],
    ]);
    expect(new Set(rows.map((r) => r.recurrenceId)).size).toBe(1);
  });

  it('refuses a time zone that does not exist, a past time, and impossible dates, with the field named', async () => {
    const { postId } = await post();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { localTime: '2026-01-15T09:00', timeZone: 'Mars/Olympus_Mons' },
        'timeZone',
        /no time zone called "Mars\/Olympus_Mons"/,
      ],
      [{ localTime: '2026-01-15T09:00', timeZone: '+05:00' }, 'timeZone', /IANA name/],
      [
        { localTime: '2025-12-31T09:00' },
        'localTime',
        /2025-12-31 09:00 in America\/Denver has already passed \(it is now 2026-01-01 05:00 there\)/,
      ],
      [{ localTime: '2026-02-30T09:00' }, 'localTime', /real date and time/],
      [{ localTime: '2028-01-15T09:00' }, 'localTime', /at most 400 days/],
      [{}, 'localTime', /one of the two/],
      [
        {
          localTime: '2026-01-15T09:00',
          recurrence: { frequency: 'weekly', interval: 1, count: 1 },
        },
        'recurrence.count',
        /2 to 52/,
      ],
      [
        {
          localTime: '2026-01-15T09:00',
          recurrence: { frequency: 'weekly', interval: 1, count: 53 },
        },
        'recurrence.count',
        /2 to 52/,
      ],
      [
        {
          localTime: '2026-01-15T09:00',
          recurrence: { frequency: 'daily', interval: 0, count: 3 },
        },
        'recurrence.interval',
        /1 to 12/,
      ],
    ];
    for (const [input, field, message] of cases) {
      const error = await refusal(
        schedulePost(db(), { actor: f.actor, orgId: f.orgId, postId, now: JAN_1, ...input }),
      );
      expect(error.code).toBe('validation_failed');
      expect(error.details?.fields).toEqual({ [field]: expect.stringMatching(message) });
    }
    expect(await targets(postId)).toEqual([]);
  });

  it("refuses a post that is not approved, and another organization's post is not found", async () => {
    const draft = await addApprovedPost(db(), f, {
      channels: [{ id: channelId, network: 'mastodon' }],
      text: 'Draft text',
      status: 'draft',
    });
    const error = await refusal(
      schedulePost(db(), {
        actor: f.actor,
        orgId: f.orgId,
        postId: draft.postId,
        localTime: '2026-01-15T09:00',
        now: JAN_1,
      }),
    );
    expect([error.code, error.message]).toEqual([
      'conflict',
      'Only an approved post can be scheduled; this one is draft.',
    ]);
    const other = await createDispatchFixture(db(), { tag: `other-${dialect}` });
    const missing = await refusal(
      schedulePost(db(), {
        actor: other.actor,
        orgId: other.orgId,
        postId: draft.postId,
        localTime: '2026-01-15T09:00',
        now: JAN_1,
      }),
    );
    expect(missing.code).toBe('not_found');
  });

  it('queue slots: each post takes the next free weekly time of its channel', async () => {
    const own = await addChannel(db(), f, {
      network: 'mastodon',
      serviceUrl: 'https://social.example',
      credentials: mastodonCredentials('https://social.example', 'token'),
    });
    // Thursday 2026-01-01 05:00 in Denver. Slots: Thursday 09:00 and Monday 14:00.
    await setQueueSlots(db(), {
      actor: f.actor,
      orgId: f.orgId,
      channelId: own,
      slots: [
        { weekday: 4, localTime: '09:00' },
        { weekday: 1, localTime: '14:00' },
      ],
    });
    const dues: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { postId } = await addApprovedPost(db(), f, {
        channels: [{ id: own, network: 'mastodon' }],
        text: `Queued ${i}`,
      });
      dues.push(
        (
          await schedulePost(db(), {
            actor: f.actor,
            orgId: f.orgId,
            postId,
            queue: true,
            now: JAN_1,
          })
        ).scheduledAt,
      );
    }
    expect(dues).toEqual([
      '2026-01-01T16:00:00.000Z',
      '2026-01-05T21:00:00.000Z',
      '2026-01-08T16:00:00.000Z',
    ]);
    const bad = await refusal(
      setQueueSlots(db(), {
        actor: f.actor,
        orgId: f.orgId,
        channelId: own,
        slots: [{ weekday: 7, localTime: '25:00' }],
      }),
    );
    expect(bad.details?.fields).toEqual({ 'slots.0.weekday': 'Use 0 (Sunday) to 6 (Saturday).' });
    const noSlots = await addApprovedPost(db(), f, {
      channels: [{ id: channelId, network: 'mastodon' }],
      text: 'No slots',
    });
    const refused = await refusal(
      schedulePost(db(), {
        actor: f.actor,
        orgId: f.orgId,
        postId: noSlots.postId,
        queue: true,
        now: JAN_1,
      }),
    );
    expect(refused.details?.fields?.queue).toMatch(/no free queue time/);
  });

  it('unschedule cancels the targets and approves the post again; it can then be scheduled anew', async () => {
    const { postId } = await post();
    await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-01-20T09:00',
      now: JAN_1,
    });
    expect(await unschedulePost(db(), { actor: f.actor, orgId: f.orgId, postId })).toEqual({
      postId,
      canceled: 2,
    });
    expect((await targets(postId)).map((t) => t.status)).toEqual(['canceled', 'canceled']);
    const stored = await db()
      .selectFrom('posts')
      .select(['status', 'scheduledAt'])
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'approved', scheduledAt: null });
    await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-01-21T09:00',
      now: JAN_1,
    });
    // Rescheduling a scheduled post moves it: the old targets are canceled, new ones wait.
    const moved = await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-01-22T10:00',
      now: JAN_1,
    });
    expect(moved.scheduledAt).toBe('2026-01-22T17:00:00.000Z');
    const live = (await targets(postId)).filter((t) => t.status === 'queued');
    expect(live.map((t) => t.dueAt)).toEqual([
      '2026-01-22T17:00:00.000Z',
      '2026-01-22T17:00:00.000Z',
    ]);
    const again = await refusal(
      unschedulePost(db(), { actor: f.actor, orgId: f.orgId, postId: (await post()).postId }),
    );
    expect(again.code).toBe('conflict');
  });

  it('refuses to move a post once a target has started, and refuses a channel that needs reconnecting', async () => {
    const { postId } = await post();
    await schedulePost(db(), {
      actor: f.actor,
      orgId: f.orgId,
      postId,
      localTime: '2026-01-20T09:00',
      now: JAN_1,
    });
    await db()
      .updateTable('postTargets')
      .set({ status: 'published' })
      .where('postId', '=', postId)
      .where('network', '=', 'bluesky')
      .execute();
    const moved = await refusal(
      schedulePost(db(), {
        actor: f.actor,
        orgId: f.orgId,
        postId,
        localTime: '2026-01-21T09:00',
        now: JAN_1,
      }),
    );
    expect(moved.message).toMatch(/already been sent/);
    const stale = await addChannel(db(), f, {
      network: 'mastodon',
      serviceUrl: 'https://social.example',
      credentials: {},
      handle: '@stale',
    });
    await db()
      .updateTable('channels')
      .set({ status: 'reconnect_needed' })
      .where('id', '=', stale)
      .execute();
    const p = await addApprovedPost(db(), f, {
      channels: [{ id: stale, network: 'mastodon' }],
      text: 'x',
    });
    const refused = await refusal(
      schedulePost(db(), {
        actor: f.actor,
        orgId: f.orgId,
        postId: p.postId,
        localTime: '2026-01-21T09:00',
        now: JAN_1,
      }),
    );
    expect(refused.message).toBe(
      '@stale needs reconnecting (Settings → Channels) before posts can be scheduled to it.',
    );
  });
});
