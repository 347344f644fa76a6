import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createNppesApi } from '../../connectors/nppes/nppes-api.js';
import { AppError } from '../../errors.js';
import {
  importNppes,
  importNppesRecords,
  practiceNpis,
} from '../../domain/providers/import-nppes.js';
import { npiSchema } from '../../domain/providers/profile-schema.js';
import { importPublications } from '../../domain/providers/publications.js';
import type { AppServices } from '../services.js';
import { actorWithRole } from './providers.js';
import { inTransaction, orgParams } from './route-kit.js';

/** Under the generic 3 MB "oversized" probe, over any practice's slice of NPPES or PubMed. */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;

/** NPPES data file and PubMed XML imports. Each runs in one transaction: a bad file imports nothing. */
export function providerImportRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/orgs/:orgId/providers/import/nppes',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary:
            "Import the practice's rows of an NPPES data file (CSV); preview with apply: false",
          params: orgParams,
          body: z.strictObject({
            csv: z.string().min(1).max(IMPORT_BODY_LIMIT),
            addNpis: z.array(npiSchema).max(200).default([]),
            apply: z.boolean(),
          }),
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          importNppes(tx, {
            actor: actorWithRole(request),
            orgId: request.params.orgId,
            input: request.body,
          }),
        ),
    );

    app.post(
      '/orgs/:orgId/providers/import/nppes-api',
      {
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary:
            "Look up the practice's NPIs in the NPPES registry API (off unless BEDSIDE_NPPES_API_URL is set)",
          params: orgParams,
          body: z.strictObject({
            addNpis: z.array(npiSchema).max(50).default([]),
            apply: z.boolean(),
          }),
        },
      },
      async (request) => {
        const baseUrl = services.config.nppesApiUrl;
        if (!baseUrl)
          throw new AppError(
            'unavailable',
            'The NPPES registry lookup is off on this server; import the data file instead.',
          );
        const { orgId } = request.params;
        const npis = [
          ...new Set([
            ...(await practiceNpis(services.database.db, orgId)),
            ...request.body.addNpis,
          ]),
        ];
        // The registry is called outside any transaction; the import then runs in one.
        const records = await createNppesApi({ baseUrl }).lookup(npis);
        return inTransaction(services, (tx) =>
          importNppesRecords(tx, {
            actor: actorWithRole(request),
            orgId,
            input: {
              records,
              addNpis: request.body.addNpis,
              apply: request.body.apply,
              source: 'api',
            },
          }),
        );
      },
    );

    app.post(
      '/orgs/:orgId/providers/import/pubmed',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: { kind: 'org', action: 'provider.manage' } },
        schema: {
          tags: ['providers'],
          summary: 'Import PubMed XML, or only the listed PMIDs from it',
          params: orgParams,
          body: z.strictObject({
            xml: z.string().min(1).max(IMPORT_BODY_LIMIT),
            pmids: z
              .array(z.string().regex(/^\d{1,9}$/, 'A PMID is digits only.'))
              .max(500)
              .default([]),
          }),
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          importPublications(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            input: request.body,
          }),
        ),
    );
  };
}
