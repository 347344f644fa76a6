import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { OAuthStateTable } from '../../db/schema.js';
import { hashToken } from '../../security/tokens.js';
import { inTransaction } from './channels.js';

/**
 * Step two of every connect flow starts here: the pending request for `state` in this
 * organization, deleted as it is read, so a state is used once whatever happens next. The caller
 * checks it belongs to the person and network and is still fresh.
 */
export async function takeOAuthState(
  db: DbOrTx,
  options: { orgId: string; state: string },
): Promise<Selectable<OAuthStateTable> | undefined> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom('oauthStates')
      .selectAll()
      .where('stateHash', '=', hashToken(options.state))
      .where('orgId', '=', options.orgId)
      .executeTakeFirst();
    if (row) await tx.deleteFrom('oauthStates').where('stateHash', '=', row.stateHash).execute();
    return row;
  });
}
