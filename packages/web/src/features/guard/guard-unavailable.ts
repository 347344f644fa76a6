// Stand-in for `@bedside/guard` while the library's entry point does not exist yet
// (vite.config.ts and tsconfig.json fall back to this file). It keeps the contract's types and
// reports the engine as unavailable rather than pretending that text is safe.
import type { Guard, GuardContext } from '../../../../guard/src/types';

export type * from '../../../../guard/src/types';

export function createGuard(_context: GuardContext): Guard {
  throw new Error('guard_unavailable');
}
