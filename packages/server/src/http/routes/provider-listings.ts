import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteListing,
  directories,
  listListings,
  recordListing,
} from '../../domain/providers/listings.js';
import {
  importListings,
  LISTING_IMPORT_FIELDS,
  suggestListingMapping,
} from '../../domain/providers/listing-import.js';
import { previewImport } from '../../domain/reputation/import-preview.js';
import type { AppServices } from '../services.js';
import { inTransaction, orgParams } from './route-kit.js';

const id = z.string().min(1).max(64);
/** Under the generic 3 MB "oversized" probe, far over any practice's listings. */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;
const mappingSchema = z.strictObject(
  Object.fromEntries(
    LISTING_IMPORT_FIELDS.map((f) => [f, z.string().min(1).max(200).optional()]),
  ) as Record<(typeof LISTING_IMPORT_FIELDS)[number], z.ZodOptional<z.ZodString>>,
);

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

    app.post(
      '/orgs/:orgId/listings/import/preview',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary: 'The columns and first rows of a listings CSV, and a suggested column mapping',
          params: orgParams,
          body: z.strictObject({
            sample: z
              .string()
              .min(1)
              .max(256 * 1024),
          }),
        },
      },
      async (request) => {
        const preview = await previewImport('csv', request.body.sample);
        return { ...preview, suggested: suggestListingMapping(preview.columns) };
      },
    );

    app.post(
      '/orgs/:orgId/listings/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary:
            'Import listings from a CSV with a column mapping: all rows checked first, then written in one transaction; preview with apply: false',
          params: orgParams,
          body: z.strictObject({
            csv: z.string().min(1).max(IMPORT_BODY_LIMIT),
            mapping: mappingSchema,
            apply: z.boolean(),
          }),
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          importListings(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            input: request.body,
          }),
        ),
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
