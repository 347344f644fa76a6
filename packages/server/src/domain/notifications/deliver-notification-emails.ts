import type { Db } from '../../db/database.js';
import type { Mailer } from '../../mail/mailer.js';

const MAX_ATTEMPTS = 5;
/** A claim older than this belongs to a process that died mid-send: the email goes out again. */
const STALE_CLAIM_MS = 10 * 60_000;
const BATCH = 100;

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/**
 * Sends the email copies of notifications waiting in the outbox. Each row is claimed with a
 * conditional update first, so two workers never mail the same row; delivery is at least once
 * (a crash between sending and marking sends again after the claim goes stale).
 */
export async function deliverNotificationEmails(
  db: Db,
  options: { mailer: Mailer; publicUrl: string },
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  const staleBefore = new Date(Date.now() - STALE_CLAIM_MS).toISOString();
  await db
    .updateTable('notifications')
    .set({ emailStatus: 'pending', emailClaimedAt: null })
    .where('emailStatus', '=', 'sending')
    .where('emailClaimedAt', '<', staleBefore)
    .execute();

  const due = await db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.userId')
    .innerJoin('organizations', 'organizations.id', 'notifications.orgId')
    .select([
      'notifications.id',
      'notifications.title',
      'notifications.body',
      'notifications.link',
      'notifications.emailAttempts',
      'users.email',
      'organizations.name as orgName',
    ])
    .where('notifications.emailStatus', '=', 'pending')
    .orderBy('notifications.createdAt')
    .limit(BATCH)
    .execute();

  for (const row of due) {
    const claimed = await db
      .updateTable('notifications')
      .set({ emailStatus: 'sending', emailClaimedAt: new Date().toISOString() })
      .where('id', '=', row.id)
      .where('emailStatus', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    try {
      await options.mailer.send({
        to: row.email,
        subject: `[Bedside · ${row.orgName}] ${row.title}`,
        text: emailText(row, options.publicUrl),
      });
      await db
        .updateTable('notifications')
        .set({ emailStatus: 'sent', emailAttempts: row.emailAttempts + 1 })
        .where('id', '=', row.id)
        .execute();
      report.sent += 1;
    } catch {
      const attempts = row.emailAttempts + 1;
      await db
        .updateTable('notifications')
        .set({
          emailStatus: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          emailAttempts: attempts,
          emailClaimedAt: null,
        })
        .where('id', '=', row.id)
        .execute();
      report.failed += 1;
    }
  }
  return report;
}

function emailText(
  row: { title: string; body: string; link: string | null },
  publicUrl: string,
): string {
  const open = row.link ? `\n\nOpen in Bedside: ${new URL(row.link, publicUrl).toString()}` : '';
  return `${row.title}\n\n${row.body}${open}\n\nYou receive this because of your role in the organization.\n`;
}
