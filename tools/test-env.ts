import { existsSync } from 'node:fs';

/**
 * Where the suite finds its real dependencies. A suite that needs one calls `whenAvailable`
 * and is skipped, with the reason printed, when it is missing; CI sets BEDSIDE_STRICT_SKIPS=1
 * so a skip fails the run instead.
 */
export const testEnv = {
  postgresUrl: process.env.DATABASE_URL_TEST ?? '',
  chromiumPath:
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : ''),
};

export function missingReason(what: 'postgres' | 'chromium'): string | undefined {
  if (what === 'postgres' && !testEnv.postgresUrl)
    return 'PostgreSQL tests skipped: set DATABASE_URL_TEST=postgres://… to run them';
  if (what === 'chromium' && !testEnv.chromiumPath)
    return 'Browser tests skipped: install Debian chromium or set CHROMIUM_PATH';
  return undefined;
}
