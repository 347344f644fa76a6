import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createLocation, listLocations, updateLocation } from '../../domain/orgs/locations.js';
import { locationInputSchema } from '../../domain/orgs/schemas.js';
import type { AppServices } from '../services.js';
import { inTransaction, orgParams } from './route-kit.js';

const locationSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  phone: z.string(),
  fax: z.string().nullable(),
  timeZone: z.string(),
  archived: z.boolean(),
});
const locationParams = orgParams.extend({ locationId: z.string().min(1).max(64) });

export function locationRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orgs/:orgId/locations',
      {
        config: { access: { kind: 'org', action: 'location.read' } },
        schema: {
          tags: ['locations'],
          summary: 'Locations (practices, offices)',
          params: orgParams,
          response: { 200: z.object({ locations: z.array(locationSchema) }) },
        },
      },
      async (request) => ({
        locations: await listLocations(services.database.db, request.params.orgId),
      }),
    );

    app.post(
      '/orgs/:orgId/locations',
      {
        config: { access: { kind: 'org', action: 'location.manage' } },
        schema: {
          tags: ['locations'],
          summary: 'Add a location',
          params: orgParams,
          body: locationInputSchema,
          response: { 201: locationSchema },
        },
      },
      async (request, reply) => {
        const location = await inTransaction(services, (tx) =>
          createLocation(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            input: request.body,
          }),
        );
        return reply.status(201).send(location);
      },
    );

    app.patch(
      '/orgs/:orgId/locations/:locationId',
      {
        config: { access: { kind: 'org', action: 'location.manage' } },
        schema: {
          tags: ['locations'],
          summary: 'Change or archive a location',
          params: locationParams,
          body: locationInputSchema.partial().extend({ archived: z.boolean().optional() }),
          response: { 200: locationSchema },
        },
      },
      async (request) =>
        inTransaction(services, (tx) =>
          updateLocation(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            locationId: request.params.locationId,
            changes: request.body,
          }),
        ),
    );
  };
}
