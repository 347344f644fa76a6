import { createGuardSystem } from './guard.js';
import { createOpenRedactionSystem } from './openredaction.js';
import { createRedactPiiSystem } from './redact-pii.js';
import type { BenchSystem, SystemId } from './system.js';

export const SYSTEM_IDS: readonly SystemId[] = ['guard', 'redact-pii', 'openredaction'];

export async function createSystem(id: SystemId): Promise<BenchSystem> {
  if (id === 'guard') return createGuardSystem();
  if (id === 'redact-pii') return createRedactPiiSystem();
  return createOpenRedactionSystem();
}
