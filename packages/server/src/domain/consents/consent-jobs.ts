import { z } from 'zod';
import type { JobDefinition, JobServices } from '../../jobs/job-runner.js';
import { expireDueAuthorizations } from './expire-authorizations.js';
import { createChannelConnectors } from '../channels/channel-connectors.js';
import { createPostEffects } from './post-effects.js';

/**
 * Ends authorizations whose expiry date has passed. Dates are calendar dates in each practice's
 * zone, so it runs every hour (at :05) rather than once a day at a UTC time: an authorization ends
 * within the first hour of the day after its date wherever the practice is. Running it again, or
 * twice at once, does nothing twice (endAuthorization only changes a `signed` row).
 */
export function consentJobs(services: JobServices): JobDefinition<Record<string, never>>[] {
  const effects = createPostEffects({
    box: services.box,
    connectors: services.connectors ?? createChannelConnectors(),
  });
  return [
    {
      id: 'consents.expire',
      payload: z.object({}).strict(),
      cron: '5 * * * *',
      async handler(_payload, { db, log }) {
        const reports = await expireDueAuthorizations(db, {
          now: new Date(),
          effects,
        });
        const ended = reports.filter((r) => r.ended).length;
        if (reports.length > 0)
          log.info({ ended, checked: reports.length }, 'authorizations expired');
      },
    },
  ];
}
