/** Runs every system on every adversarial input in its own child process, with a time limit. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SystemId } from '../systems/system.js';
import type { AdversarialPattern } from './adversarial-inputs.js';

export type AdversarialOutcome =
  | { status: 'ok'; ms: number }
  | { status: 'error'; message: string }
  | { status: 'timeout'; limitMs: number }
  | { status: 'crash'; message: string }
  | { status: 'skipped'; reason: string };

export interface AdversarialResult {
  system: SystemId;
  pattern: AdversarialPattern;
  size: number;
  outcome: AdversarialOutcome;
}

const WORKER = fileURLToPath(new URL('./adversarial-worker.ts', import.meta.url));

export function runAdversarialCase(run: {
  system: SystemId;
  pattern: AdversarialPattern;
  size: number;
  timeoutMs: number;
}): AdversarialOutcome {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', WORKER, run.system, run.pattern, String(run.size)],
    {
      timeout: run.timeoutMs,
      killSignal: 'SIGKILL',
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: process.env,
    },
  );
  if (child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
    return { status: 'timeout', limitMs: run.timeoutMs };
  if (child.signal === 'SIGKILL') return { status: 'timeout', limitMs: run.timeoutMs };
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(line) as { ms?: number; error?: string };
    if (typeof parsed.ms === 'number') return { status: 'ok', ms: parsed.ms };
    if (parsed.error) return { status: 'error', message: parsed.error.slice(0, 200) };
  } catch {
    // fall through: the child died without a result
  }
  const stderr = child.stderr.trim().split('\n').filter(Boolean);
  const reason =
    stderr.find((l) => /Error|heap|stack/i.test(l)) ??
    stderr.at(-1) ??
    `exit ${child.status ?? child.signal}`;
  return { status: 'crash', message: reason.slice(0, 200) };
}

/** Every (system, pattern, size); once a size times out or crashes, larger sizes of that pattern are skipped. */
export function runAdversarial(options: {
  systems: readonly SystemId[];
  patterns: readonly AdversarialPattern[];
  sizes: readonly number[];
  timeoutMs: number;
  onResult?: (result: AdversarialResult) => void;
}): AdversarialResult[] {
  const results: AdversarialResult[] = [];
  for (const system of options.systems) {
    for (const pattern of options.patterns) {
      let failedAt: number | null = null;
      for (const size of options.sizes) {
        let outcome: AdversarialOutcome =
          failedAt !== null
            ? {
                status: 'skipped',
                reason: `the ${failedAt.toLocaleString('en-US')}-character input already failed`,
              }
            : runAdversarialCase({ system, pattern, size, timeoutMs: options.timeoutMs });
        // A slow finish may be background load: run it once more and keep the faster time.
        if (outcome.status === 'ok' && outcome.ms > 200) {
          const again = runAdversarialCase({ system, pattern, size, timeoutMs: options.timeoutMs });
          if (again.status === 'ok' && again.ms < outcome.ms) outcome = again;
        }
        if (outcome.status === 'timeout' || outcome.status === 'crash') failedAt ??= size;
        const result = { system, pattern, size, outcome };
        results.push(result);
        options.onResult?.(result);
      }
    }
  }
  return results;
}
