import type { Command } from 'commander';
import type { Config } from '../config/config.js';
import { needsSetup } from '../domain/orgs/setup-first-run.js';
import { createDemoOrganization } from '../domain/demo/create-demo-organization.js';
import { printDemoAccounts } from './print-demo-accounts.js';

export function registerServeCommands(program: Command, config: () => Config): void {
  program
    .command('serve')
    .description('serve the web app and API (and, by BEDSIDE_ROLES, the worker and scheduler)')
    .option('--migrate', 'bring the database schema up to date first')
    .option('--demo', 'on an empty database, create the demo organization and print its sign-ins')
    .option('-p, --port <port>', 'port to listen on (PORT)')
    .action(async (opts: { migrate?: boolean; demo?: boolean; port?: string }) => {
      const started = Date.now();
      const base = config();
      const cfg: Config = opts.port
        ? {
            ...base,
            port: Number(opts.port),
            publicUrl: base.publicUrl.replace(/:\d+$/, `:${opts.port}`),
          }
        : base;
      const { startBedside } = await import('../runtime.js');
      const running = await startBedside(cfg, { migrate: Boolean(opts.migrate || opts.demo) });
      const { db } = running.services.database;
      if (opts.demo && (await needsSetup(db))) {
        const demo = await db.transaction().execute((tx) => createDemoOrganization(tx));
        printDemoAccounts(demo.accounts);
      }
      if (running.url) {
        const setup = (await needsSetup(db)) ? ' — open it to set up your practice' : '';
        console.log(
          `\nBedside is running at ${running.url}${setup} (started in ${Date.now() - started} ms, ${cfg.database.kind === 'sqlite' ? `SQLite in ${cfg.dataDir}` : 'PostgreSQL'})`,
        );
        if (running.services.mailer.outboxDir)
          console.log(
            `No SMTP server configured: mails are written to ${running.services.mailer.outboxDir}`,
          );
      }
      await waitForSignal();
      await running.stop();
    });

  program
    .command('worker')
    .description(
      'run background jobs only (BEDSIDE_ROLES=worker,scheduler), e.g. beside API processes on PostgreSQL',
    )
    .action(async () => {
      const base = config();
      const roles = base.roles.filter((r) => r !== 'api');
      const { startBedside } = await import('../runtime.js');
      const running = await startBedside(
        { ...base, roles: roles.length ? roles : ['worker'] },
        { migrate: false, webRoot: null },
      );
      console.log(`Bedside worker running (${roles.join(', ') || 'worker'})`);
      await waitForSignal();
      await running.stop();
    });
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
