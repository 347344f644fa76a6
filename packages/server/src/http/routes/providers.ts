import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { npiSchema, profileEditSchema } from '../../domain/providers/profile-schema.js';
import {
  createProvider,
  decideProviderChange,
  listProviderChanges,
  proposeProviderChange,
} from '../../domain/providers/providers.js';
import { getProvider, listProviders } from '../../domain/providers/provider-views.js';
import {
  decidePublication,
  listProviderPublications,
} from '../../domain/providers/publications.js';
import { shareAsPost } from '../../domain/providers/share-as-post.js';
import type { AppServices } from '../services.js';
import { inTransaction, memberOf, orgParams } from './route-kit.js';

const providerParams = orgParams.extend({ providerId: z.string().min(1).max(64) });
const changeParams = orgParams.extend({ changeId: z.string().min(1).max(64) });
const publicationParams = providerParams.extend({ publicationId: z.string().min(1).max(64) });

/** The caller as the audit trail records them, with the role the operation's ownership rule reads. */
export function actorWithRole(request: FastifyRequest) {
  return { ...request.actor, role: memberOf(request).role };
}

/** Provider profiles: records, edits that wait for the clinician, approvals, publications. */
export function providerRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  return async (app) => {
    app.get(
      '/orgs/:orgId/providers',
      {
        config: { access: { kind: 'org', action: 'provider.read' } },
        schema: {
          tags: ['providers'],
          summary: 'Every provider of the practice',
          params: orgParams,
        },
      },
      async (request) => ({ providers: await listProviders(db, request.params.orgId) }),
    );

    app.post(
      '/orgs/:orgId/providers',
      {
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary: 'Add a provider (the profile fills in by edits or an NPPES import)',
          params: orgParams,
          body: z.strictObject({
            firstName: z.string().trim().min(1).max(80),
            lastName: z.string().trim().min(1).max(80),
            credentials: z.string().trim().max(40),
            npi: npiSchema.nullable(),
            userId: z.string().min(1).max(64).nullable(),
          }),
        },
      },
      async (request, reply) => {
        const provider = await inTransaction(services, (tx) =>
          createProvider(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            input: request.body,
          }),
        );
        return reply.status(201).send(provider);
      },
    );

    app.get(
      '/orgs/:orgId/providers/:providerId',
      {
        config: { access: { kind: 'org', action: 'provider.read' } },
        schema: { tags: ['providers'], summary: 'One provider', params: providerParams },
      },
      async (request) => getProvider(db, request.params),
    );

    app.patch(
      '/orgs/:orgId/providers/:providerId',
      {
        config: { access: { kind: 'org', action: 'provider.edit' } },
        schema: {
          tags: ['providers'],
          summary:
            "Change a profile: the clinician's own edits apply, others wait for their approval",
          params: providerParams,
          body: profileEditSchema,
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          proposeProviderChange(tx, {
            actor: actorWithRole(request),
            orgId: request.params.orgId,
            providerId: request.params.providerId,
            changes: request.body,
          }),
        ),
    );

    app.get(
      '/orgs/:orgId/provider-changes',
      {
        config: { access: { kind: 'org', action: 'provider.read' } },
        schema: {
          tags: ['providers'],
          summary: 'Proposed changes, newest first',
          params: orgParams,
        },
      },
      async (request) => ({
        changes: await inTransaction(services, (tx) =>
          listProviderChanges(tx, { orgId: request.params.orgId, userId: request.actor.userId }),
        ),
      }),
    );

    app.post(
      '/orgs/:orgId/provider-changes/:changeId/decision',
      {
        config: { access: { kind: 'org', action: 'provider.approve' } },
        schema: {
          tags: ['providers'],
          summary: 'The clinician approves or rejects a change to their profile',
          params: changeParams,
          body: z.strictObject({ approve: z.boolean() }),
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          decideProviderChange(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            changeId: request.params.changeId,
            approve: request.body.approve,
          }),
        ),
    );

    app.get(
      '/orgs/:orgId/providers/:providerId/publications',
      {
        config: { access: { kind: 'org', action: 'provider.read' } },
        schema: {
          tags: ['providers'],
          summary: "A provider's publications as a bibliography",
          params: providerParams,
        },
      },
      async (request) => {
        await getProvider(db, request.params);
        return {
          publications: await listProviderPublications(db, {
            orgId: request.params.orgId,
            providerIds: [request.params.providerId],
          }),
        };
      },
    );

    app.post(
      '/orgs/:orgId/providers/:providerId/publications/:publicationId/decision',
      {
        config: { access: { kind: 'org', action: 'provider.approve' } },
        schema: {
          tags: ['providers'],
          summary: 'The provider confirms an article is theirs (or not)',
          params: publicationParams,
          body: z.strictObject({ confirm: z.boolean() }),
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          decidePublication(tx, {
            actor: actorWithRole(request),
            orgId: request.params.orgId,
            providerId: request.params.providerId,
            publicationId: request.params.publicationId,
            confirm: request.body.confirm,
          }),
        ),
    );

    app.post(
      '/orgs/:orgId/providers/:providerId/share',
      {
        config: { access: { kind: 'org', action: 'post.write' } },
        schema: {
          tags: ['providers'],
          summary: 'Turn a new provider, certification or publication into a post draft',
          params: providerParams,
          body: z.strictObject({
            event: z.discriminatedUnion('kind', [
              z.strictObject({ kind: z.literal('provider') }),
              z.strictObject({
                kind: z.literal('certification'),
                index: z.number().int().min(0).max(29),
              }),
              z.strictObject({
                kind: z.literal('publication'),
                publicationId: z.string().min(1).max(64),
              }),
            ]),
          }),
        },
      },
      async (request, reply) => {
        const shared = await inTransaction(services, (tx) =>
          shareAsPost(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            providerId: request.params.providerId,
            event: request.body.event,
            publicUrl: services.config.publicUrl,
          }),
        );
        return reply.status(201).send(shared);
      },
    );
  };
}
