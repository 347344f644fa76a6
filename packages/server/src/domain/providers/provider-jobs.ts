import { z } from 'zod';
import type { JobDefinition } from '../../jobs/job-runner.js';
import { remindExpiringLicences } from './licence-reminders.js';

/** Daily: reminders for state licences about to expire. */
export const licenceReminderJob: JobDefinition<Record<string, never>> = {
  id: 'providers.licence-reminders',
  payload: z.object({}).strict(),
  cron: '23 7 * * *',
  async handler(_payload, { db, log }) {
    const sent = await remindExpiringLicences(db);
    log.info({ sent }, 'licence reminders sent');
  },
};

export const providerJobs: JobDefinition<Record<string, never>>[] = [licenceReminderJob];
