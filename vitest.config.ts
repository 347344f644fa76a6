import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { StrictSkipReporter } from './tools/strict-skip-reporter.js';

// One test command for the whole repository: `npm test`.
// Projects run in order of cost; browser and database suites decide for themselves whether their
// real dependency is present (see tools/test-env.ts) and CI turns any skip into a failure.
export default defineConfig({
  resolve: {
    // Tests run the guard from source, so no build is needed between editing it and testing.
    alias: {
      '@bedside/guard': fileURLToPath(new URL('./packages/guard/src/index.ts', import.meta.url)),
      '@bedside/analysis': fileURLToPath(
        new URL('./packages/analysis/src/index.ts', import.meta.url),
      ),
    },
  },
  test: {
    reporters: ['default', new StrictSkipReporter()],
    projects: [
      {
        extends: true,
        test: {
          name: 'guard',
          include: ['packages/guard/src/**/*.test.ts', 'packages/guard/bench/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'analysis',
          include: ['packages/analysis/src/**/*.test.ts', 'packages/analysis/scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.ts', 'packages/web/src/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
