import { createGuard } from '@bedside/guard';
import type { DbOrTx } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { guardContextFor } from '../guard/check-text.js';
import { displayName } from './provider-views.js';

/**
 * A bio is published on the public page, so the guard checks it like a post, knowing the
 * practice's providers are not patients. A `block` verdict refuses it with the rules that fired
 * (rule ids and messages only: the guard's messages never echo the text).
 */
export async function checkBio(
  db: DbOrTx,
  options: { orgId: string; bio: string; field?: string },
): Promise<void> {
  if (!options.bio) return;
  const context = await guardContextFor(db, options.orgId);
  const providers = await db
    .selectFrom('providers')
    .select(['firstName', 'lastName', 'credentials'])
    .where('orgId', '=', options.orgId)
    .execute();
  const guard = createGuard({
    ...context,
    providers: providers.map((p) => ({
      name: displayName({ ...p, credentials: '' }),
      credentials: p.credentials,
    })),
  });
  const result = guard.check({ text: options.bio, kind: 'post' });
  if (result.verdict === 'block') {
    const reasons = [
      ...new Set(result.findings.filter((f) => f.severity === 'block').map((f) => f.message)),
    ];
    throw invalid({
      [options.field ?? 'bio']: `The guard blocked this text: ${reasons.join(' ')}`,
    });
  }
}
