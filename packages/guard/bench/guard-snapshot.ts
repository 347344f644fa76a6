/**
 * Freezes the guard for one benchmark run: packages/guard/src is copied to bench/.snapshot/src
 * (git-ignored, deleted when the run exits; node_modules still resolve from the repository) and every process of the run,
 * adversarial children included, imports that copy. The library can change while a run is going;
 * the report then still describes one version, named by its commit and uncommitted files.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface GuardSource {
  /** The last commit that touched packages/guard/src. */
  commit: string;
  /** Files under packages/guard/src that differed from the commit when the run started. */
  uncommitted: string[];
  /** The module the run imported. */
  module: string;
  /** Anything a reader should know about how this was recorded. */
  note?: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../', import.meta.url)),
    }).trim();
  } catch {
    return 'unknown';
  }
}

export function snapshotGuard(): GuardSource {
  const override = process.env.BEDSIDE_BENCH_GUARD;
  const commit = git(['log', '-1', '--format=%h', '--', 'src']);
  const uncommitted = git(['status', '--porcelain', '--', 'src'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (override) return { commit, uncommitted, module: override };
  const source = fileURLToPath(new URL('../src/', import.meta.url));
  const target = fileURLToPath(new URL('./.snapshot/src/', import.meta.url));
  rmSync(target, { recursive: true, force: true });
  cpSync(source, target, { recursive: true });
  // Leave nothing behind for the test runner or linter to pick up.
  process.on('exit', () =>
    rmSync(fileURLToPath(new URL('./.snapshot/', import.meta.url)), {
      recursive: true,
      force: true,
    }),
  );
  const module = `${target}index.ts`;
  process.env.BEDSIDE_BENCH_GUARD = module;
  return { commit, uncommitted, module: 'packages/guard/bench/.snapshot/src/index.ts' };
}
