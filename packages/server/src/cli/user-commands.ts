import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { recordAuditEvent } from '../domain/audit/record-audit-event.js';
import { addMembership } from '../domain/orgs/create-organization.js';
import { createUser } from '../domain/orgs/create-user.js';
import { newUserSchema, roleSchema } from '../domain/orgs/schemas.js';
import { AppError } from '../errors.js';

export function registerUserCommands(program: Command, config: () => Config): void {
  const user = program.command('user').description('people who can sign in');
  user
    .command('create')
    .description('create a user, optionally as a member of an organization')
    .requiredOption('--email <email>', 'their email address')
    .requiredOption('--name <name>', 'their full name')
    .option('--password <password>', 'at least 12 characters (generated and printed when omitted)')
    .option('--org <orgId>', 'organization to add them to')
    .option(
      '--role <role>',
      'their role there: owner, admin, marketer, compliance_officer, clinician, front_desk, viewer',
      'viewer',
    )
    .action(
      async (opts: {
        email: string;
        name: string;
        password?: string;
        org?: string;
        role: string;
      }) => {
        const password = opts.password ?? randomBytes(12).toString('base64url');
        const input = newUserSchema.safeParse({ name: opts.name, email: opts.email, password });
        if (!input.success)
          throw new AppError('validation_failed', 'The user is not valid:', {
            fields: Object.fromEntries(
              input.error.issues.map((i) => [i.path.join('.'), i.message]),
            ),
          });
        const role = roleSchema.safeParse(opts.role);
        if (!role.success) throw new AppError('validation_failed', `Unknown role "${opts.role}".`);
        const handle = openDatabase(config().database);
        try {
          await migrateToLatest(handle);
          const id = await handle.db.transaction().execute(async (tx) => {
            const created = await createUser(tx, input.data);
            if (opts.org) {
              const org = await tx
                .selectFrom('organizations')
                .select('id')
                .where('id', '=', opts.org)
                .executeTakeFirst();
              if (!org) throw new AppError('not_found', `No organization with id ${opts.org}.`);
              await addMembership(tx, {
                orgId: opts.org,
                userId: created.id,
                role: role.data,
                now: new Date().toISOString(),
              });
              await recordAuditEvent(tx, {
                orgId: opts.org,
                actor: { userId: null, label: 'cli', ip: null },
                action: 'member.role_granted',
                target: { type: 'user', id: created.id },
                details: { role: role.data, via: 'cli' },
              });
            }
            return created.id;
          });
          console.log(
            `Created user ${input.data.email} (${id})${opts.password ? '' : ` with password ${password}`}`,
          );
        } finally {
          await handle.close();
        }
      },
    );
}
