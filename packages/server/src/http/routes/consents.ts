import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  authorizationDetail,
  displayStatuses,
  listAuthorizations,
} from '../../domain/consents/list-authorizations.js';
import {
  exportAuthorizations,
  readDocument,
  resolveTakedown,
} from '../../domain/consents/export-authorizations.js';
import { recordExpiryEvent } from '../../domain/consents/expire-authorizations.js';
import {
  linkPostAuthorization,
  listMediaTags,
  tagMedia,
  unlinkPostAuthorization,
  untagMedia,
} from '../../domain/consents/links.js';
import { findPostCoverageGap } from '../../domain/consents/post-coverage.js';
import { findCoveredIdentifiers } from '../../domain/consents/covered-identifiers.js';
import { createChannelConnectors } from '../../domain/channels/channel-connectors.js';
import { createPostEffects } from '../../domain/consents/post-effects.js';
import {
  maxPaperBytes,
  paperInputSchema,
  recordPaperAuthorization,
} from '../../domain/consents/record-paper-authorization.js';
import {
  requestAuthorization,
  requestInputSchema,
  sendSigningEmail,
} from '../../domain/consents/request-authorization.js';
import { revokeAuthorization } from '../../domain/consents/revoke-authorization.js';
import { createSigningLink } from '../../domain/consents/signing-links.js';
import {
  currentTemplate,
  saveTemplate,
  templateInputSchema,
} from '../../domain/consents/templates.js';
import type { AppServices } from '../services.js';
import { publicConsentRoutes } from './consents-public.js';
import { inTransaction, orgParams } from './route-kit.js';

const id = z.string().min(1).max(64);
const authorizationParams = orgParams.extend({ authorizationId: id });
const confirm = z.strictObject({ confirm: z.literal(true, 'Confirm to go on.') });
const listQuery = z.strictObject({
  query: z.string().max(200).optional(),
  status: z.enum(displayStatuses).optional(),
});
const endReport = z.object({
  authorizationId: z.string(),
  ended: z.boolean(),
  returnedToDraft: z.array(z.string()),
  deleted: z.array(z.object({ postId: z.string(), network: z.string().nullable() })),
  takedown: z.array(
    z.object({ postId: z.string(), network: z.string().nullable(), url: z.string().nullable() }),
  ),
});

/**
 * Patient authorizations (HIPAA 164.508). There is no DELETE here on purpose: authorizations and
 * their documents are kept at least six years after they were last in effect (164.530(j)).
 */
export function consentRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  const mail = { mailer: services.mailer, publicUrl: services.config.publicUrl };
  const effects = createPostEffects({
    box: services.box,
    connectors: services.connectors ?? createChannelConnectors(),
  });
  return async (app) => {
    await app.register(publicConsentRoutes(services, effects));

    app.get(
      '/orgs/:orgId/consents',
      {
        config: { access: { kind: 'org', action: 'consent.read' } },
        schema: {
          tags: ['consents'],
          summary:
            'Search authorizations by patient name, external id or contact; filter by status',
          params: orgParams,
          querystring: listQuery,
        },
      },
      async (request) => ({
        authorizations: await listAuthorizations(db, {
          orgId: request.params.orgId,
          ...request.query,
        }),
      }),
    );

    app.get(
      '/orgs/:orgId/consents/export',
      {
        config: { access: { kind: 'org', action: 'consent.export' } },
        schema: {
          tags: ['consents'],
          summary: 'A zip for an audit: authorizations.csv and every signed PDF and paper scan',
          params: orgParams,
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const { zip } = await inTransaction(services, (tx) =>
          exportAuthorizations(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            ...request.query,
          }),
        );
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', 'application/zip')
          .header(
            'content-disposition',
            `attachment; filename="bedside-authorizations-${stamp}.zip"`,
          )
          .header('cache-control', 'no-store')
          .send(zip);
      },
    );

    app.get(
      '/orgs/:orgId/consents/:authorizationId',
      {
        config: { access: { kind: 'org', action: 'consent.read' } },
        schema: {
          tags: ['consents'],
          summary: 'One authorization: the form, its documents, what depends on it, its checklist',
          params: authorizationParams,
        },
      },
      async (request) =>
        authorizationDetail(db, {
          orgId: request.params.orgId,
          id: request.params.authorizationId,
        }),
    );

    app.get(
      '/orgs/:orgId/consents/:authorizationId/documents/:documentId',
      {
        config: { access: { kind: 'org', action: 'consent.read' } },
        schema: {
          tags: ['consents'],
          summary: 'A signed PDF or paper scan, exactly as stored',
          params: authorizationParams.extend({ documentId: id }),
        },
      },
      async (request, reply) => {
        const doc = await readDocument(db, {
          orgId: request.params.orgId,
          authorizationId: request.params.authorizationId,
          documentId: request.params.documentId,
        });
        return reply
          .header('content-type', doc.mediaType)
          .header('content-disposition', `inline; filename="${doc.filename}"`)
          .header('x-content-sha256', doc.sha256)
          .header('cache-control', 'no-store')
          .send(doc.content);
      },
    );

    app.post(
      '/orgs/:orgId/consents',
      {
        config: { access: { kind: 'org', action: 'consent.request' } },
        schema: {
          tags: ['consents'],
          summary:
            'Prepare an authorization and send it for signature (email link or office tablet)',
          params: orgParams,
          body: requestInputSchema,
        },
      },
      async (request, reply) => {
        const result = await requestAuthorization(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          input: request.body,
          mail,
        });
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/orgs/:orgId/consents/:authorizationId/signing-link',
      {
        config: { access: { kind: 'org', action: 'consent.request' } },
        schema: {
          tags: ['consents'],
          summary: 'Send a new signing link (the earlier one stops working)',
          params: authorizationParams,
          body: z.strictObject({ mode: z.enum(['email', 'tablet']) }),
        },
      },
      async (request) => {
        const link = await inTransaction(services, (tx) =>
          createSigningLink(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            authorizationId: request.params.authorizationId,
            mode: request.body.mode,
            publicUrl: services.config.publicUrl,
          }),
        );
        if (request.body.mode === 'email') await sendSigningEmail(services.mailer, link);
        return {
          signingUrl: request.body.mode === 'tablet' ? link.url : null,
          expiresAt: link.expiresAt,
        };
      },
    );

    app.post(
      '/orgs/:orgId/consents/paper',
      {
        bodyLimit: Math.ceil((maxPaperBytes * 4) / 3) + 64 * 1024,
        config: { access: { kind: 'org', action: 'consent.manage' } },
        schema: {
          tags: ['consents'],
          summary:
            'File a signed paper form: the scan (PDF, JPEG or PNG, up to 2 MB) and the elements ticked off',
          params: orgParams,
          body: paperInputSchema,
        },
      },
      async (request, reply) => {
        const result = await recordPaperAuthorization(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          input: request.body,
        });
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/orgs/:orgId/consents/:authorizationId/revoke',
      {
        config: { access: { kind: 'org', action: 'consent.revoke' } },
        schema: {
          tags: ['consents'],
          summary: 'Record a written revocation the practice received; it takes effect now',
          params: authorizationParams,
          body: confirm,
          response: { 200: endReport },
        },
      },
      async (request) =>
        revokeAuthorization(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          authorizationId: request.params.authorizationId,
          effects,
        }),
    );

    app.post(
      '/orgs/:orgId/consents/:authorizationId/expiry-event',
      {
        config: { access: { kind: 'org', action: 'consent.manage' } },
        schema: {
          tags: ['consents'],
          summary: 'Record that the expiration event on the form has happened',
          params: authorizationParams,
          body: confirm,
          response: { 200: endReport },
        },
      },
      async (request) =>
        recordExpiryEvent(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          authorizationId: request.params.authorizationId,
          effects,
        }),
    );

    app.get(
      '/orgs/:orgId/consent-template',
      {
        config: { access: { kind: 'org', action: 'consent.read' } },
        schema: {
          tags: ['consents'],
          summary: "The organization's current form",
          params: orgParams,
        },
      },
      async (request) => currentTemplate(db, request.params.orgId),
    );

    app.post(
      '/orgs/:orgId/consent-template',
      {
        config: { access: { kind: 'org', action: 'consent.manage' } },
        schema: {
          tags: ['consents'],
          summary: 'Save a new version of the form (forms already sent keep their wording)',
          params: orgParams,
          body: templateInputSchema,
        },
      },
      async (request, reply) => {
        const saved = await inTransaction(services, (tx) =>
          saveTemplate(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            input: request.body,
          }),
        );
        return reply.status(201).send(saved);
      },
    );

    app.post(
      '/orgs/:orgId/takedowns/:itemId/resolve',
      {
        config: { access: { kind: 'org', action: 'consent.manage' } },
        schema: {
          tags: ['consents'],
          summary: 'Mark a takedown checklist item done (the post was removed by hand)',
          params: orgParams.extend({ itemId: id }),
          body: confirm,
        },
      },
      async (request) => {
        await inTransaction(services, (tx) =>
          resolveTakedown(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            itemId: request.params.itemId,
          }),
        );
        return { ok: true };
      },
    );

    linkRoutes(app, services);
  };
}

type App = Parameters<FastifyPluginAsyncZod>[0];

/** Posts and media that depend on an authorization. */
function linkRoutes(app: App, services: AppServices): void {
  const { db } = services.database;
  const postParams = orgParams.extend({ postId: id });
  const mediaParams = orgParams.extend({ mediaId: id });
  const body = z.strictObject({ authorizationId: id });

  app.get(
    '/orgs/:orgId/posts/:postId/coverage',
    {
      config: { access: { kind: 'org', action: 'consent.read' } },
      schema: {
        tags: ['consents'],
        summary: 'Whether the post could be published at `at` as far as patient authorizations go',
        params: postParams,
        querystring: z.strictObject({ at: z.iso.datetime({ offset: true }).optional() }),
      },
    },
    async (request) => {
      const { orgId, postId } = request.params;
      const at = request.query.at ? new Date(request.query.at) : new Date();
      const gap = await findPostCoverageGap(db, { orgId, postId, at });
      const linked = await db
        .selectFrom('postAuthorizations')
        .innerJoin('authorizations', 'authorizations.id', 'postAuthorizations.authorizationId')
        .select(['authorizations.id', 'authorizations.patientName', 'authorizations.status'])
        .where('postAuthorizations.orgId', '=', orgId)
        .where('postAuthorizations.postId', '=', postId)
        .execute();
      const covered = await findCoveredIdentifiers(db, { orgId, postId, at });
      return { gap, linked, covered };
    },
  );

  app.post(
    '/orgs/:orgId/posts/:postId/authorizations',
    {
      config: { access: { kind: 'org', action: 'consent.link' } },
      schema: {
        tags: ['consents'],
        summary: 'Link an authorization the post depends on',
        params: postParams,
        body,
      },
    },
    async (request) => {
      await linkPostAuthorization(db, { actor: request.actor, ...request.params, ...request.body });
      return { ok: true };
    },
  );

  app.post(
    '/orgs/:orgId/posts/:postId/authorizations/:authorizationId/unlink',
    {
      config: { access: { kind: 'org', action: 'consent.link' } },
      schema: {
        tags: ['consents'],
        summary: 'Unlink an authorization from a post that is not scheduled or published',
        params: postParams.extend({ authorizationId: id }),
      },
    },
    async (request) => {
      await unlinkPostAuthorization(db, { actor: request.actor, ...request.params });
      return { ok: true };
    },
  );

  app.get(
    '/orgs/:orgId/media/:mediaId/authorizations',
    {
      config: { access: { kind: 'org', action: 'consent.read' } },
      schema: {
        tags: ['consents'],
        summary: 'The authorizations an image is tagged with',
        params: mediaParams,
      },
    },
    async (request) => ({ tags: await listMediaTags(db, request.params) }),
  );

  app.post(
    '/orgs/:orgId/media/:mediaId/authorizations',
    {
      config: { access: { kind: 'org', action: 'consent.link' } },
      schema: {
        tags: ['consents'],
        summary: 'Tag an image with the authorization it depends on',
        params: mediaParams,
        body,
      },
    },
    async (request) => {
      await tagMedia(db, { actor: request.actor, ...request.params, ...request.body });
      return { ok: true };
    },
  );

  app.post(
    '/orgs/:orgId/media/:mediaId/authorizations/:authorizationId/untag',
    {
      config: { access: { kind: 'org', action: 'consent.link' } },
      schema: {
        tags: ['consents'],
        summary: 'Remove an image tag unless a scheduled or published post uses it',
        params: mediaParams.extend({ authorizationId: id }),
      },
    },
    async (request) => {
      await untagMedia(db, { actor: request.actor, ...request.params });
      return { ok: true };
    },
  );
}
