import { z } from 'zod';
import type { JobDefinition, JobServices } from '../../jobs/job-runner.js';
import { deliverNotificationEmails } from '../notifications/deliver-notification-emails.js';
import { sendDailyDigests } from './digest.js';
import { createInboundSources, type InboundSources } from './inbound-sources.js';
import { deliverWebhookAlerts } from './outbound-webhooks.js';
import { pollDueSources } from './poll-sources.js';

const noPayload = z.object({}).strict();

/**
 * Reputation's background work, each once a minute (alerts must reach people within one):
 * polling due sources, delivering webhook alerts; and hourly the daily digest for organizations
 * whose digest hour it is.
 */
export function reputationJobs(
  services: JobServices & { inbound?: InboundSources },
): JobDefinition<Record<string, never>>[] {
  const inbound = services.inbound ?? createInboundSources({ networks: services.config.networks });
  return [
    {
      id: 'reputation.poll-sources',
      payload: noPayload,
      cron: '* * * * *',
      maxAttempts: 1,
      async handler(_payload, { db, log }) {
        const report = await pollDueSources(db, { box: services.box, inbound });
        if (report.polled > 0) log.info(report, 'reputation sources polled');
        // The email job of this same minute may have run before the poll stored its items: send
        // their alert emails now rather than a minute later (each email is claimed once).
        if (report.created > 0)
          await deliverNotificationEmails(db, {
            mailer: services.mailer,
            publicUrl: services.config.publicUrl,
          });
      },
    },
    {
      id: 'reputation.deliver-webhooks',
      payload: noPayload,
      cron: '* * * * *',
      maxAttempts: 1,
      async handler(_payload, { db, log }) {
        const report = await deliverWebhookAlerts(db, {
          box: services.box,
          publicUrl: services.config.publicUrl,
        });
        if (report.sent + report.failed > 0) log.info(report, 'reputation webhooks delivered');
      },
    },
    {
      id: 'reputation.daily-digest',
      payload: noPayload,
      cron: '0 * * * *',
      maxAttempts: 1,
      async handler(_payload, { db, log }) {
        const sent = await sendDailyDigests(db);
        if (sent > 0) log.info({ sent }, 'reputation digests sent');
      },
    },
  ];
}
