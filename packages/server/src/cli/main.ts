import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config/config.js';
import { AppError } from '../errors.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerDbCommands } from './db-commands.js';
import { registerScanCommand } from './scan-command.js';
import { registerServeCommands } from './serve-commands.js';
import { registerUserCommands } from './user-commands.js';

/** `bedside` — serve, run workers, migrate, seed a demo, manage users, verify the audit trail. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('bedside')
    .description('Bedside: social media and reputation for healthcare practices, HIPAA-safe.')
    .addOption(
      new Option(
        '--data-dir <dir>',
        'data folder for embedded SQLite, the secret key and the mail outbox',
      ).env('BEDSIDE_DATA_DIR'),
    )
    .showHelpAfterError()
    .exitOverride();
  const config = () => {
    const dataDir = program.opts<{ dataDir?: string }>().dataDir;
    return loadConfig({ ...process.env, ...(dataDir && { BEDSIDE_DATA_DIR: dataDir }) });
  };
  registerServeCommands(program, config);
  registerDbCommands(program, config);
  registerUserCommands(program, config);
  registerAuditCommands(program, config);
  registerScanCommand(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  const e = error as { code?: string; exitCode?: number };
  if (typeof e.code === 'string' && e.code.startsWith('commander.')) return e.exitCode ?? 2;
  if (error instanceof ConfigError) {
    console.error(error.message);
    return 2;
  }
  if (error instanceof AppError) {
    const fields = error.details?.fields
      ? Object.entries(error.details.fields)
          .map(([k, v]) => `\n  ${k}: ${v}`)
          .join('')
      : '';
    console.error(`${error.message}${fields}`);
    return 2;
  }
  console.error('bedside failed:', error instanceof Error ? error.message : error);
  return 1;
}
