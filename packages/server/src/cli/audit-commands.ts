import type { Command } from 'commander';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { verifyAuditChain } from '../domain/audit/verify-audit-chain.js';

export function registerAuditCommands(program: Command, config: () => Config): void {
  const audit = program.command('audit').description('the hash-chained audit trail');
  audit
    .command('verify')
    .description('walk every chain and name the first broken link (exit 1 when broken)')
    .option('--org <orgId>', 'verify one organization only')
    .action(async (opts: { org?: string }) => {
      const handle = openDatabase(config().database);
      try {
        const report = await verifyAuditChain(handle.db, opts.org ? { orgId: opts.org } : {});
        if (report.ok) {
          console.log(`Audit trail intact: ${report.events} events in ${report.chains} chains.`);
          return;
        }
        for (const b of report.breaks) {
          console.log(
            `BROKEN chain ${b.orgId} at event ${b.seq}${b.eventId ? ` (${b.eventId})` : ''}: ${b.reason}`,
          );
        }
        process.exitCode = 1;
      } finally {
        await handle.close();
      }
    });
}
