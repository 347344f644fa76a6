import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory of the test run. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Screenshots and server logs of the last run; gitignored. */
export const artifactsDir = fileURLToPath(new URL('../.artifacts/', import.meta.url));

/** The `bedside` CLI, which runs the compiled server (npm run build). */
export const bedsideBin = fileURLToPath(
  new URL('../../packages/server/bin/bedside.js', import.meta.url),
);
