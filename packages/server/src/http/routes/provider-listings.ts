import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteListing,
  directories,
  listListings,
  recordListing,
} from '../../domain/providers/listings.js';
import type { AppServices } from '../services.js';
import { inTransaction, orgParams } from './route-kit.js';

const id = z.string().min(1).max(64);

/** Where the practice and its providers are listed, with the NAP as seen there and its mismatches. */
export function providerListingRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  return async (app) => {
    app.get(
      '/orgs/:orgId/listings',
      {
        config: { access: { kind: 'org', action: 'provider.read' } },
        schema: {
          tags: ['providers'],
          summary: 'Directory listings and their mismatches with the master record',
          params: orgParams,
        },
      },
      async (request) => ({ listings: await listListings(db, request.params.orgId) }),
    );

    app.post(
      '/orgs/:orgId/listings',
      {
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary: 'Record a listing as seen on a directory',
          params: orgParams,
          body: z.strictObject({
            providerId: id.nullable(),
            locationId: id,
            directory: z.enum(directories),
            url: z
              .url({ protocol: /^https?$/ })
              .max(500)
              .nullable(),
            name: z.string().trim().min(1).max(200),
            address: z.string().trim().min(1).max(300),
            phone: z.string().trim().min(1).max(40),
          }),
        },
      },
      async (request, reply) => {
        const listing = await inTransaction(services, (tx) =>
          recordListing(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            input: request.body,
          }),
        );
        return reply.status(201).send(listing);
      },
    );

    app.delete(
      '/orgs/:orgId/listings/:listingId',
      {
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary: 'Remove a listing record',
          params: orgParams.extend({ listingId: id }),
        },
      },
      async (request, reply) => {
        await inTransaction(services, (tx) =>
          deleteListing(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            listingId: request.params.listingId,
          }),
        );
        return reply.status(204).send();
      },
    );
  };
}
