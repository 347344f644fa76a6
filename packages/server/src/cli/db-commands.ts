import type { Command } from 'commander';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createDemoOrganization } from '../domain/demo/create-demo-organization.js';
import { printDemoAccounts } from './print-demo-accounts.js';

export function registerDbCommands(program: Command, config: () => Config): void {
  const db = program.command('db').description('database tasks');
  db.command('migrate')
    .description('apply new migrations (safe to run from several processes at once)')
    .action(async () => {
      const handle = openDatabase(config().database);
      try {
        const report = await migrateToLatest(handle);
        console.log(
          report.applied.length
            ? `Applied ${report.applied.join(', ')}`
            : `Up to date (${report.alreadyApplied} migrations)`,
        );
      } finally {
        await handle.close();
      }
    });

  program
    .command('demo')
    .description(
      'create the demo organization (two offices, six providers, a person for every role, 90 days of reviews) and print sign-ins',
    )
    .option('--without-reviews', 'leave the inbox empty (for journeys that import their own)')
    .action(async (opts: { withoutReviews?: boolean }) => {
      const handle = openDatabase(config().database);
      try {
        await migrateToLatest(handle);
        const demo = await handle.db
          .transaction()
          .execute((tx) => createDemoOrganization(tx, { reviews: !opts.withoutReviews }));
        printDemoAccounts(demo.accounts);
      } finally {
        await handle.close();
      }
    });
}
