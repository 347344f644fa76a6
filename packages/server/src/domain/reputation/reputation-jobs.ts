import { z } from 'zod';
import type { JobDefinition } from '../../jobs/job-runner.js';
import { sendDailyDigests } from './digest.js';

const noPayload = z.object({}).strict();

/**
 * Reputation's scheduled work: hourly, the daily digest for organizations whose digest hour it
 * is. Polling sources and delivering alerts cannot wait for a once-a-minute cron; every worker
 * does them every few seconds (ReputationLoop).
 */
export function reputationJobs(): JobDefinition<Record<string, never>>[] {
  return [
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
