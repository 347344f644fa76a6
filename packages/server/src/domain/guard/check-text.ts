import { createGuard, type CheckInput, type CheckResult, type GuardContext } from '@bedside/guard';
import type { DbOrTx } from '../../db/database.js';

/** What the practice publishes about itself — its name, people and offices — so the guard does not flag it. */
export async function guardContextFor(db: DbOrTx, orgId: string): Promise<GuardContext> {
  const org = await db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const locations = await db
    .selectFrom('locations')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('archived', '=', 0)
    .execute();
  const staff = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select('users.name')
    .where('memberships.orgId', '=', orgId)
    .execute();
  return {
    name: org.name,
    providers: [],
    staff: staff.map((s) => ({ name: s.name })),
    locations: locations.map((l) => ({
      name: l.name,
      address: l.address,
      city: l.city,
      state: l.state,
      zip: l.zip,
      phone: l.phone,
      ...(l.fax && { fax: l.fax }),
    })),
  };
}

/** Checks text against the organization's context. The server re-checks everything it stores or sends. */
export async function checkText(
  db: DbOrTx,
  options: { orgId: string } & CheckInput,
): Promise<CheckResult> {
  const { orgId, ...input } = options;
  return createGuard(await guardContextFor(db, orgId)).check(input);
}
