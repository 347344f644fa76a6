import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword } from '../../domain/auth/passwords.js';
import { recordForEveryOrg } from '../../domain/auth/totp.js';
import { passwordSchema, personNameSchema } from '../../domain/orgs/schemas.js';
import type { AppServices } from '../services.js';
import { inTransaction, sessionOf } from './route-kit.js';

export function meRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.patch(
      '/me',
      {
        config: { access: { kind: 'session' } },
        schema: {
          tags: ['profile'],
          summary: 'Change your name',
          body: z.strictObject({ name: personNameSchema }),
          response: { 200: z.object({ id: z.string(), name: z.string(), email: z.string() }) },
        },
      },
      async (request) => {
        const { user } = sessionOf(request);
        await inTransaction(services, async (tx) => {
          await tx
            .updateTable('users')
            .set({ name: request.body.name, updatedAt: new Date().toISOString() })
            .where('id', '=', user.id)
            .execute();
          await recordForEveryOrg(tx, {
            actor: request.actor,
            userId: user.id,
            action: 'profile.updated',
          });
        });
        return { id: user.id, name: request.body.name, email: user.email };
      },
    );

    app.post(
      '/me/password',
      {
        config: { access: { kind: 'session' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['profile'],
          summary: 'Change your password (signs out your other sessions)',
          body: z.strictObject({
            currentPassword: z.string().min(1).max(256),
            newPassword: passwordSchema,
          }),
        },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        await inTransaction(services, (tx) =>
          changePassword(tx, {
            actor: request.actor,
            userId: session.user.id,
            sessionId: session.sessionId,
            ...request.body,
          }),
        );
        return reply.status(204).send();
      },
    );
  };
}
