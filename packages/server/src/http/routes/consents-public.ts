import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PostEffects } from '../../domain/consents/post-effects.js';
import { revocationView, revokeByPatientLink } from '../../domain/consents/revoke-authorization.js';
import { signAuthorization, signInputSchema } from '../../domain/consents/sign-authorization.js';
import { signingFormView } from '../../domain/consents/signing-form.js';
import type { AppServices } from '../services.js';

const tokenParams = z.strictObject({ token: z.string().min(20).max(100) });
/** A patient signs once or twice; guessing tokens is what this limit stops. */
const publicLimit = { max: 30, timeWindow: '1 minute' };

/**
 * The pages a patient reaches without an account: the signing link (read, type a name, draw or
 * type a signature) and the revocation link in their copy. The token in the URL is the only key;
 * only its SHA-256 is stored.
 */
export function publicConsentRoutes(
  services: AppServices,
  effects: PostEffects,
): FastifyPluginAsyncZod {
  const { db } = services.database;
  const mail = { mailer: services.mailer, publicUrl: services.config.publicUrl };
  return async (app) => {
    app.get(
      '/public/signing/:token',
      {
        config: { access: { kind: 'public' }, rateLimit: publicLimit },
        schema: {
          tags: ['consents'],
          summary: 'The form behind a signing link (unknown, used or expired links are refused)',
          params: tokenParams,
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return signingFormView(db, { token: request.params.token, now: new Date() });
      },
    );

    app.post(
      '/public/signing/:token',
      {
        // A drawn signature (at most 300 KB of PNG) travels as base64.
        bodyLimit: 512 * 1024,
        config: { access: { kind: 'public' }, rateLimit: publicLimit },
        schema: {
          tags: ['consents'],
          summary: 'Sign: typed name, drawn or typed signature; the link is used up',
          params: tokenParams,
          body: signInputSchema,
        },
      },
      async (request) =>
        signAuthorization(db, {
          token: request.params.token,
          input: request.body,
          actor: { userId: null, label: 'patient (signing link)', ip: request.ip },
          mail,
        }),
    );

    app.get(
      '/public/revocation/:token',
      {
        config: { access: { kind: 'public' }, rateLimit: publicLimit },
        schema: {
          tags: ['consents'],
          summary: 'What the revocation link in a signed copy refers to',
          params: tokenParams,
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return revocationView(db, request.params.token);
      },
    );

    app.post(
      '/public/revocation/:token',
      {
        config: { access: { kind: 'public' }, rateLimit: publicLimit },
        schema: {
          tags: ['consents'],
          summary: 'The patient revokes their authorization; it takes effect at once',
          params: tokenParams,
          body: z.strictObject({ confirm: z.literal(true, 'Confirm to revoke.') }),
        },
      },
      async (request) =>
        revokeByPatientLink(db, {
          token: request.params.token,
          actor: { userId: null, label: 'patient (revocation link)', ip: request.ip },
          effects,
        }),
    );
  };
}
