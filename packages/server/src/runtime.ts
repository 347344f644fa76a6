import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp, type App } from './http/app.js';
import type { AppServices } from './http/services.js';
import { createChannelConnectors } from './domain/channels/channel-connectors.js';
import { startDispatcher } from './domain/dispatch/start-dispatcher.js';
import { createInboundSources } from './domain/reputation/inbound-sources.js';
import { ReputationLoop } from './domain/reputation/reputation-loop.js';
import { createJobRunner } from './jobs/create-job-runner.js';
import { jobDefinitions } from './jobs/definitions/index.js';
import type { JobRunner } from './jobs/job-runner.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createMailer } from './mail/create-mailer.js';
import { createSecretBox } from './security/secret-box.js';

/** The built web app, when it has been built (`npm run build`). */
export function defaultWebRoot(): string | null {
  const root = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  return existsSync(`${root}index.html`) ? root : null;
}

export interface Running {
  app: App | null;
  jobs: JobRunner;
  services: AppServices;
  url: string | null;
  stop(): Promise<void>;
}

/**
 * Starts the parts of Bedside this process plays (BEDSIDE_ROLES): the HTTP API, a worker (jobs,
 * the publishing loop and the reputation loop), the cron scheduler — all three by default, one process on embedded SQLite.
 */
export async function startBedside(
  config: Config,
  options: { migrate: boolean; log?: Logger; webRoot?: string | null },
): Promise<Running> {
  const log = options.log ?? createLogger({ level: config.logLevel });
  const database = openDatabase(config.database);
  if (options.migrate) {
    const report = await migrateToLatest(database);
    log.info({ applied: report.applied }, 'database migrated');
  }
  const services: AppServices = {
    config,
    database,
    mailer: createMailer(config.mail),
    box: createSecretBox(config.secretKey),
    log,
    webRoot: options.webRoot === undefined ? defaultWebRoot() : options.webRoot,
    connectors: createChannelConnectors({ networks: config.networks }),
  };
  const jobs = createJobRunner({
    handle: database,
    log,
    ...(config.database.kind === 'postgres' && { databaseUrl: config.database.url }),
  });
  for (const definition of jobDefinitions(services)) jobs.register(definition);
  services.jobs = jobs;
  await jobs.start({
    work: config.roles.includes('worker'),
    schedule: config.roles.includes('scheduler'),
  });
  const worker = config.roles.includes('worker');
  const dispatcher = worker ? startDispatcher(services) : null;
  const reputation = worker
    ? new ReputationLoop({
        db: database.db,
        box: services.box,
        mailer: services.mailer,
        inbound: createInboundSources({ networks: config.networks }),
        publicUrl: config.publicUrl,
        log,
      })
    : null;
  reputation?.start();

  let app: App | null = null;
  let url: string | null = null;
  if (config.roles.includes('api')) {
    app = await buildApp(services);
    const address = await app.listen({ port: config.port, host: config.host });
    url = config.port === 0 ? address : config.publicUrl;
  }
  return {
    app,
    jobs,
    services,
    url,
    async stop() {
      await app?.close();
      await dispatcher?.stop();
      await reputation?.stop();
      await jobs.stop();
      await database.close();
    },
  };
}
