/**
 * Child process for one adversarial run: `adversarial-worker.ts SYSTEM PATTERN SIZE`.
 * Prints one JSON line `{ ms }` or `{ error }`; the parent enforces the time limit.
 */
import { loadProjectCorpus } from '../datasets/project-corpus.js';
import { createSystem } from '../systems/index.js';
import type { SystemId } from '../systems/system.js';
import type { AdversarialPattern } from './adversarial-inputs.js';
import { adversarialInput } from './adversarial-inputs.js';

const [systemId, pattern, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
const system = await createSystem(systemId as SystemId);
const context = loadProjectCorpus().contexts[0] ?? {};
const warm = adversarialInput(pattern as AdversarialPattern, 1_000);
const input = adversarialInput(pattern as AdversarialPattern, size);
try {
  system.run(warm, context);
  const t0 = performance.now();
  system.run(input, context);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms }) + '\n');
} catch (error) {
  process.stdout.write(
    JSON.stringify({
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }) + '\n',
  );
}
