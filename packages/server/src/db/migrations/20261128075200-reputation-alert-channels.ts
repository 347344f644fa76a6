import { sql, type Kysely } from 'kysely';

/**
 * Alert preferences per channel and kind: which items reach a person by email and which in the
 * app are chosen separately (e.g. urgent ones by email, every negative one in the app). Existing
 * choices carry over: a channel that was on gets the level, one that was off gets none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reputation_alert_preferences')
    .addColumn('email_level', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema
    .alterTable('reputation_alert_preferences')
    .addColumn('in_app_level', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await sql`update reputation_alert_preferences set
    email_level = case when email = 1 then level else 'none' end,
    in_app_level = case when in_app = 1 then level else 'none' end`.execute(db);
}
