import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  metaWebhookBody,
  receiveMetaWebhook,
  verifyMetaSubscription,
} from '../../domain/reputation/meta-webhook.js';
import { AppError } from '../../errors.js';
import type { AppServices } from '../services.js';

const params = z.strictObject({ sourceId: z.string().min(1).max(64) });
const BODY_LIMIT = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes of a webhook body: signatures are computed over them, not over re-encoded JSON. */
    rawBody?: Buffer;
  }
}

/**
 * Meta's webhooks for a source (Facebook Page feed and ratings, Instagram comments and mentions).
 * Public: Meta authenticates each delivery with X-Hub-Signature-256, checked by the operation
 * over the raw body. The JSON parser here keeps those bytes; it is scoped to this plugin only.
 */
export function reputationWebhookRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  return async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
      (request, body, done) => {
        const raw = body as Buffer;
        request.rawBody = raw;
        try {
          done(null, raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8')));
        } catch {
          done(new AppError('malformed_json', 'The request body is not valid JSON.'), undefined);
        }
      },
    );

    app.get(
      '/webhooks/meta/:sourceId',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['reputation'],
          summary: "Meta's subscription check: echoes hub.challenge when the verify token matches",
          params,
          querystring: z.object({
            'hub.mode': z.string().max(40),
            'hub.verify_token': z.string().max(200),
            'hub.challenge': z.string().max(200),
          }),
          response: { 200: z.string() },
        },
      },
      async (request, reply) => {
        const challenge = await verifyMetaSubscription(db, {
          sourceId: request.params.sourceId,
          box: services.box,
          mode: request.query['hub.mode'],
          token: request.query['hub.verify_token'],
          challenge: request.query['hub.challenge'],
        });
        return reply.type('text/plain').send(challenge);
      },
    );

    app.post(
      '/webhooks/meta/:sourceId',
      {
        config: { access: { kind: 'public' } },
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['reputation'],
          summary: 'A Meta webhook delivery (signature checked before anything is stored)',
          params,
          body: metaWebhookBody,
          response: {
            200: z.object({ created: z.number(), updated: z.number(), deleted: z.number() }),
          },
        },
      },
      async (request) => {
        const header = request.headers['x-hub-signature-256'];
        try {
          return await receiveMetaWebhook(db, {
            sourceId: request.params.sourceId,
            rawBody: request.rawBody ?? Buffer.alloc(0),
            signature: typeof header === 'string' ? header : undefined,
            body: request.body,
            box: services.box,
          });
        } catch (error) {
          if (error instanceof AppError && error.code === 'unauthenticated')
            request.log.warn(
              { sourceId: request.params.sourceId, bytes: request.rawBody?.length ?? 0 },
              'meta webhook signature rejected',
            );
          throw error;
        }
      },
    );
  };
}
