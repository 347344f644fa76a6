import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attemptLogin } from '../../domain/auth/login.js';
import { confirmPasswordReset, requestPasswordReset } from '../../domain/auth/passwords.js';
import { createSession, describeSession, destroySession } from '../../domain/auth/sessions.js';
import { beginTotpSetup, disableTotp, enableTotp } from '../../domain/auth/totp.js';
import { emailSchema, passwordSchema } from '../../domain/orgs/schemas.js';
import { SESSION_COOKIE } from '../access.js';
import type { AppServices } from '../services.js';
import { inTransaction, sessionOf, setSessionCookie } from './route-kit.js';
import { sessionSchema } from './session-schema.js';

const signInLimit = { max: 10, timeWindow: '1 minute' };

export function authRoutes(services: AppServices): FastifyPluginAsyncZod {
  const secure = services.config.publicUrl.startsWith('https://');
  return async (app) => {
    app.get(
      '/csrf',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['auth'],
          summary: 'A CSRF token to send as x-csrf-token on state-changing requests',
          response: { 200: z.object({ token: z.string() }) },
        },
      },
      async (_request, reply) => ({ token: reply.generateCsrf() }),
    );

    app.post(
      '/auth/login',
      {
        config: { access: { kind: 'public' }, rateLimit: signInLimit },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email, password and, when enabled, a TOTP code',
          body: z.strictObject({
            email: emailSchema,
            password: z.string().min(1).max(256),
            totp: z.string().trim().max(10).optional(),
          }),
          response: { 200: sessionSchema },
        },
      },
      async (request, reply) => {
        const { db } = services.database;
        const result = await inTransaction(services, (tx) =>
          attemptLogin(tx, { ...request.body, ip: request.ip, box: services.box }),
        );
        if (!result.ok) throw result.error;
        const session = await createSession(db, {
          userId: result.userId,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, { ...session, secure });
        return describeSession(db, result.userId);
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: { kind: 'public' } }, schema: { tags: ['auth'], summary: 'Sign out' } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await destroySession(services.database.db, token);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/session',
      {
        config: { access: { kind: 'session' } },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in person and their organizations',
          response: { 200: sessionSchema },
        },
      },
      async (request) => {
        const { sessionId: _id, ...view } = sessionOf(request);
        return view;
      },
    );

    app.post(
      '/auth/password-reset/request',
      {
        config: { access: { kind: 'public' }, rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Mail a password reset link',
          body: z.strictObject({ email: emailSchema }),
        },
      },
      async (request, reply) => {
        await inTransaction(services, (tx) =>
          requestPasswordReset(tx, {
            email: request.body.email,
            ip: request.ip,
            mailer: services.mailer,
            publicUrl: services.config.publicUrl,
          }),
        );
        return reply.status(202).send();
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      {
        config: { access: { kind: 'public' }, rateLimit: signInLimit },
        schema: {
          tags: ['auth'],
          summary: 'Set a new password with a reset link token',
          body: z.strictObject({ token: z.string().min(10).max(200), password: passwordSchema }),
        },
      },
      async (request, reply) => {
        await inTransaction(services, (tx) =>
          confirmPasswordReset(tx, { ...request.body, ip: request.ip }),
        );
        return reply.status(204).send();
      },
    );

    app.post(
      '/auth/totp/setup',
      {
        config: { access: { kind: 'session' } },
        schema: {
          tags: ['auth'],
          summary: 'Begin two-factor setup',
          response: {
            200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }),
          },
        },
      },
      async (request) =>
        beginTotpSetup(services.database.db, {
          userId: sessionOf(request).user.id,
          box: services.box,
        }),
    );

    app.post(
      '/auth/totp/enable',
      {
        config: { access: { kind: 'session' }, rateLimit: signInLimit },
        schema: {
          tags: ['auth'],
          summary: 'Confirm two-factor setup with a code',
          body: z.strictObject({
            code: z
              .string()
              .trim()
              .regex(/^\d{6}$/, 'Enter the 6-digit code.'),
          }),
        },
      },
      async (request, reply) => {
        await inTransaction(services, (tx) =>
          enableTotp(tx, {
            actor: request.actor,
            userId: sessionOf(request).user.id,
            code: request.body.code,
            box: services.box,
          }),
        );
        return reply.status(204).send();
      },
    );

    app.post(
      '/auth/totp/disable',
      {
        config: { access: { kind: 'session' }, rateLimit: signInLimit },
        schema: {
          tags: ['auth'],
          summary: 'Turn two-factor sign-in off',
          body: z.strictObject({ password: z.string().min(1).max(256) }),
        },
      },
      async (request, reply) => {
        await inTransaction(services, (tx) =>
          disableTotp(tx, {
            actor: request.actor,
            userId: sessionOf(request).user.id,
            password: request.body.password,
          }),
        );
        return reply.status(204).send();
      },
    );
  };
}
