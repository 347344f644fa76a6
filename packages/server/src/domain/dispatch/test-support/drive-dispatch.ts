import type { PostTargetRow } from '../../../db/schema.js';
import { claimDueTargets } from '../claim-targets.js';
import type { DispatchDeps } from '../dispatch-deps.js';
import { publishTarget, type TargetOutcome } from '../publish-target.js';

/** Claims whatever is due at `now` for `deps.owner` and publishes it, one by one; the outcomes. */
export async function runDueTargets(
  deps: DispatchDeps,
  now: Date,
): Promise<{ target: PostTargetRow; outcome: TargetOutcome }[]> {
  const claimed = await claimDueTargets(deps.db, {
    dialect: deps.dialect,
    owner: deps.owner,
    now,
    leaseUntil: new Date(now.getTime() + 300_000),
    limit: 100,
  });
  const results: { target: PostTargetRow; outcome: TargetOutcome }[] = [];
  for (const target of claimed)
    results.push({ target, outcome: await publishTarget({ ...deps, now: () => now }, target) });
  return results;
}
