import type { DbOrTx } from '../../db/database.js';
import type { AlertLevel, SentimentLabel, Urgency } from '../../db/reputation-schema.js';
import type { Role } from '../../db/schema.js';
import { newId } from '../../security/tokens.js';
import { notify } from '../notifications/notify.js';
import type { IngestedItem } from './ingest-items.js';

/** Items published longer ago than this are history (a backfill or an old export): no alert. */
const RECENT_MS = 72 * 3_600_000;
/** More alertable items than this in one batch reach a person as one summary. */
const SUMMARY_OVER = 5;

export interface AlertPreference {
  userId: string;
  /** The wider of the channel levels; `email` and `inApp` say whether each channel is on. */
  level: AlertLevel;
  email: boolean;
  inApp: boolean;
  digest: boolean;
  /** Which items alert by email, and which in the app, chosen separately. */
  emailLevel: AlertLevel;
  inAppLevel: AlertLevel;
}

const WIDTH: Record<AlertLevel, number> = { none: 0, urgent: 1, negative: 2, all: 3 };

/** The preference from its two channel levels (the summary fields follow from them). */
export function preferenceOf(
  userId: string,
  levels: { emailLevel: AlertLevel; inAppLevel: AlertLevel; digest: boolean },
): AlertPreference {
  const level =
    WIDTH[levels.emailLevel] >= WIDTH[levels.inAppLevel] ? levels.emailLevel : levels.inAppLevel;
  return {
    userId,
    level,
    email: levels.emailLevel !== 'none',
    inApp: levels.inAppLevel !== 'none',
    digest: levels.digest,
    emailLevel: levels.emailLevel,
    inAppLevel: levels.inAppLevel,
  };
}

/** What a person gets when they never chose: managers hear about negative items, the compliance officer about urgent ones. */
export function defaultPreference(userId: string, role: Role): AlertPreference {
  const level: AlertLevel =
    role === 'owner' || role === 'admin'
      ? 'negative'
      : role === 'compliance_officer'
        ? 'urgent'
        : 'none';
  return preferenceOf(userId, { emailLevel: level, inAppLevel: level, digest: level !== 'none' });
}

/** Every member's preference, the stored one or the default for their role. */
export async function alertPreferences(db: DbOrTx, orgId: string): Promise<AlertPreference[]> {
  const members = await db
    .selectFrom('memberships')
    .leftJoin('reputationAlertPreferences as p', (join) =>
      join.onRef('p.userId', '=', 'memberships.userId').onRef('p.orgId', '=', 'memberships.orgId'),
    )
    .select(['memberships.userId', 'memberships.role', 'p.emailLevel', 'p.inAppLevel', 'p.digest'])
    .where('memberships.orgId', '=', orgId)
    .execute();
  return members.map((m) =>
    m.emailLevel === null || m.inAppLevel === null
      ? defaultPreference(m.userId, m.role)
      : preferenceOf(m.userId, {
          emailLevel: m.emailLevel,
          inAppLevel: m.inAppLevel,
          digest: m.digest === 1,
        }),
  );
}

export function matchesLevel(
  level: AlertLevel,
  item: { sentimentLabel: SentimentLabel; urgency: Urgency },
): boolean {
  if (level === 'none') return false;
  if (level === 'all') return true;
  if (level === 'urgent') return item.urgency !== 'none';
  return item.sentimentLabel === 'negative' || item.urgency !== 'none';
}

function isRecent(item: IngestedItem, now: number): boolean {
  return item.publishedAt === null || now - Date.parse(item.publishedAt) <= RECENT_MS;
}

const SOURCE_NAMES: Record<string, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  google: 'Google',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  x: 'X',
  healthgrades: 'Healthgrades',
  vitals: 'Vitals',
  zocdoc: 'Zocdoc',
  yelp: 'Yelp',
  ratemds: 'RateMDs',
  webmd: 'WebMD',
  other: 'another site',
};

export function sourceName(source: string): string {
  return SOURCE_NAMES[source] ?? source;
}

/** A title with no patient information: the kind, the source, the stars. Never the text. */
export function alertTitle(item: IngestedItem): string {
  const what = item.kind === 'review' ? 'review' : item.kind;
  const stars = item.rating !== null ? ` (${item.rating}★)` : '';
  if (item.urgency !== 'none') return `Urgent ${what} on ${sourceName(item.source)}${stars}`;
  return `New negative ${what} on ${sourceName(item.source)}${stars}`;
}

/**
 * Tells the right people about new negative or urgent items, inside the transaction that stored
 * them: in-app at once, email through the notifications outbox (sent within a minute), and one
 * pending delivery per matching webhook (sent by the workers' ReputationLoop). Old items from a
 * backfill do not alert.
 */
export async function alertNewItems(
  tx: DbOrTx,
  input: { orgId: string; items: readonly IngestedItem[]; now?: Date },
): Promise<{ notified: number; webhooks: number }> {
  const now = (input.now ?? new Date()).getTime();
  const alertable = input.items.filter(
    (i) => isRecent(i, now) && (i.sentimentLabel === 'negative' || i.urgency !== 'none'),
  );
  if (alertable.length === 0) return { notified: 0, webhooks: 0 };
  let notified = 0;
  const preferences = await alertPreferences(tx, input.orgId);
  for (const preference of preferences) {
    if (preference.level === 'none') continue;
    // Each item reaches the person in the app, and by email too, as each channel's level says.
    const mine = alertable.filter((i) => matchesLevel(preference.level, i));
    if (mine.length === 0) continue;
    const byEmail = (item: IngestedItem) => matchesLevel(preference.emailLevel, item);
    const messages =
      mine.length > SUMMARY_OVER
        ? [
            {
              kind: 'review.alert_summary',
              title: `${mine.length} new negative or urgent items`,
              body: 'They arrived together (an import or a busy hour). Open the inbox to triage them.',
              link: '/inbox?status=new',
              email: mine.some(byEmail),
            },
          ]
        : mine.map((item) => ({
            kind: item.urgency !== 'none' ? 'review.urgent' : 'review.negative',
            title: alertTitle(item),
            body:
              item.urgency === 'critical'
                ? 'It may describe an emergency or self-harm. Open it now and follow your crisis procedure.'
                : 'Open it in the inbox to read it and answer safely.',
            link: `/inbox?item=${item.id}`,
            email: byEmail(item),
          }));
    for (const message of messages)
      notified += (
        await notify(tx, {
          orgId: input.orgId,
          audience: { userIds: [preference.userId] },
          ...message,
        })
      ).length;
  }
  const webhooks = await tx
    .selectFrom('reputationWebhooks')
    .select(['id', 'level'])
    .where('orgId', '=', input.orgId)
    .where('enabled', '=', 1)
    .execute();
  const deliveries = webhooks.flatMap((hook) =>
    alertable
      .filter((item) => matchesLevel(hook.level, item))
      .map((item) => ({
        id: newId(),
        orgId: input.orgId,
        itemId: item.id,
        channel: 'webhook' as const,
        target: hook.id,
        status: 'pending' as const,
        attempts: 0,
        lastError: null,
        createdAt: new Date(now).toISOString(),
        sentAt: null,
      })),
  );
  for (let i = 0; i < deliveries.length; i += 200)
    await tx
      .insertInto('reputationAlerts')
      .values(deliveries.slice(i, i + 200))
      .onConflict((oc) => oc.doNothing())
      .execute();
  return { notified, webhooks: deliveries.length };
}
