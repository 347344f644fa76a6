import { z } from 'zod';
import type { JobDefinition, JobServices } from '../../jobs/job-runner.js';
import { deliverNotificationEmails } from './deliver-notification-emails.js';

/** Sends waiting notification emails every minute: alerts reach inboxes within about a minute. */
export function notificationJobs(services: JobServices): JobDefinition<Record<string, never>>[] {
  return [
    {
      id: 'notifications.send-email',
      payload: z.object({}).strict(),
      cron: '* * * * *',
      maxAttempts: 1,
      async handler(_payload, { db, log }) {
        const report = await deliverNotificationEmails(db, {
          mailer: services.mailer,
          publicUrl: services.config.publicUrl,
        });
        if (report.sent > 0 || report.failed > 0) log.info(report, 'notification emails');
      },
    },
  ];
}
