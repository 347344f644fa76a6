import { spawnSync } from 'node:child_process';

/**
 * Why a connector suite cannot run here, or undefined when it can. Suites skip with this reason
 * printed; CI (BEDSIDE_STRICT_SKIPS=1) installs snac2 and turns any skip into a failure.
 */
export function snacMissingReason(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v snac'], { encoding: 'utf8' });
  return found.status === 0
    ? undefined
    : 'snac2 tests skipped: install it from bookworm-backports (see NETWORKS.md §2 or .ci/run)';
}
