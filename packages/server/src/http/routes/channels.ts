import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createChannelConnectors,
  type ChannelConnectors,
} from '../../domain/channels/channel-connectors.js';
import {
  disconnectChannel,
  listChannels,
  validateChannel,
} from '../../domain/channels/channels.js';
import { connectBluesky } from '../../domain/channels/connect-bluesky.js';
import {
  blueskyClientMetadataDocument,
  finishBlueskyOAuthConnect,
  startBlueskyOAuthConnect,
} from '../../domain/channels/connect-bluesky-oauth.js';
import {
  finishMastodonConnect,
  startMastodonConnect,
} from '../../domain/channels/connect-mastodon.js';
import {
  chooseNetworkAccount,
  finishNetworkConnect,
  OAUTH_NETWORKS,
  startNetworkConnect,
} from '../../domain/channels/connect-network.js';
import type { AppServices } from '../services.js';
import { orgParams } from './route-kit.js';

const channelSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  network: z.enum(['mastodon', 'bluesky', 'facebook', 'instagram', 'linkedin', 'x', 'gbp']),
  handle: z.string(),
  displayName: z.string(),
  serviceUrl: z.string(),
  status: z.enum(['connected', 'reconnect_needed', 'disconnected']),
  statusReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastValidatedAt: z.string().nullable(),
});
const channelParams = orgParams.extend({ channelId: z.string().min(1).max(64) });
const locationId = z.string().min(1).max(64);
const serverUrl = z.string().trim().min(1).max(300);

const networkParams = orgParams.extend({ network: z.enum(OAUTH_NETWORKS) });
const choiceSchema = z.object({
  id: z.string(),
  expiresAt: z.string(),
  accounts: z.array(
    z.object({
      id: z.string(),
      handle: z.string(),
      displayName: z.string(),
      url: z.string().nullable(),
    }),
  ),
});

/** Where Facebook, Instagram, LinkedIn, X and Google send the browser back (register these with each). */
export function networkRedirectUri(publicUrl: string, network: string): string {
  return `${publicUrl}/settings/channels/${network}/callback`;
}

/** Where the instance sends the browser back; the web page there calls `/mastodon/finish`. */
export function mastodonRedirectUri(publicUrl: string): string {
  return `${publicUrl}/settings/channels/mastodon/callback`;
}

/**
 * Connected social accounts. Connecting calls the network, so these handlers pass the database
 * itself: the operations open their own short transactions around the writes.
 */
export function channelRoutes(services: AppServices): FastifyPluginAsyncZod {
  // Read per request: tests swap in connectors pointed at their fakes after the app is built.
  let fallback: ChannelConnectors | undefined;
  const connectors = (): ChannelConnectors =>
    services.connectors ??
    (fallback ??= createChannelConnectors({ networks: services.config.networks }));
  const redirectUri = mastodonRedirectUri(services.config.publicUrl);
  const { db } = services.database;
  return async (app) => {
    app.get(
      '/orgs/:orgId/channels',
      {
        config: { access: { kind: 'org', action: 'channel.read' } },
        schema: {
          tags: ['channels'],
          summary: 'Connected social accounts (never their credentials)',
          params: orgParams,
          response: { 200: z.object({ channels: z.array(channelSchema) }) },
        },
      },
      async (request) => ({ channels: await listChannels(db, request.params.orgId) }),
    );

    app.post(
      '/orgs/:orgId/channels/bluesky',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary: 'Connect a Bluesky account with an app password',
          params: orgParams,
          body: z.strictObject({
            locationId,
            identifier: z.string().trim().min(1).max(320),
            appPassword: z.string().min(1).max(200),
            service: serverUrl.optional(),
          }),
          response: { 201: channelSchema },
        },
      },
      async (request, reply) => {
        const channel = await connectBluesky(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          input: request.body,
          box: services.box,
          connectors: connectors(),
        });
        return reply.status(201).send(channel);
      },
    );

    app.post(
      '/orgs/:orgId/channels/bluesky/oauth/start',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary:
            "Start connecting a Bluesky account with atproto OAuth: returns its server's sign-in page",
          params: orgParams,
          body: z.strictObject({ locationId, handle: z.string().trim().min(1).max(320) }),
          response: { 200: z.object({ authorizeUrl: z.string() }) },
        },
      },
      async (request) =>
        startBlueskyOAuthConnect(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          locationId: request.body.locationId,
          handle: request.body.handle,
          publicUrl: services.config.publicUrl,
          box: services.box,
          connectors: connectors(),
        }),
    );

    app.post(
      '/orgs/:orgId/channels/bluesky/oauth/finish',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary:
            'Finish connecting a Bluesky account with the state, iss and code (or error) from the callback',
          params: orgParams,
          body: z.strictObject({
            state: z.string().min(10).max(200),
            iss: z.string().min(1).max(300).optional(),
            code: z.string().min(1).max(2000).optional(),
            error: z.string().min(1).max(200).optional(),
          }),
          response: { 201: channelSchema },
        },
      },
      async (request, reply) => {
        const channel = await finishBlueskyOAuthConnect(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          ...request.body,
          publicUrl: services.config.publicUrl,
          box: services.box,
          connectors: connectors(),
        });
        return reply.status(201).send(channel);
      },
    );

    app.get(
      '/oauth/bluesky/client-metadata.json',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['channels'],
          summary:
            "Bedside's atproto OAuth client metadata (its client id when it is not on this computer)",
          response: { 200: z.looseObject({ client_id: z.string() }) },
        },
      },
      async () => blueskyClientMetadataDocument(services.config.publicUrl),
    );

    app.post(
      '/orgs/:orgId/channels/mastodon/start',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary: "Start connecting a Mastodon account: returns the instance's authorize page",
          params: orgParams,
          body: z.strictObject({ locationId, instanceUrl: serverUrl }),
          response: { 200: z.object({ authorizeUrl: z.string() }) },
        },
      },
      async (request) =>
        startMastodonConnect(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          locationId: request.body.locationId,
          instanceUrl: request.body.instanceUrl,
          redirectUri,
          box: services.box,
          connectors: connectors(),
        }),
    );

    app.post(
      '/orgs/:orgId/channels/mastodon/finish',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary: 'Finish connecting a Mastodon account with the code and state from the callback',
          params: orgParams,
          body: z.strictObject({
            state: z.string().min(10).max(200),
            code: z.string().min(1).max(500),
          }),
          response: { 201: channelSchema },
        },
      },
      async (request, reply) => {
        const channel = await finishMastodonConnect(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          state: request.body.state,
          code: request.body.code,
          redirectUri,
          box: services.box,
          connectors: connectors(),
        });
        return reply.status(201).send(channel);
      },
    );

    app.get(
      '/orgs/:orgId/channels/networks',
      {
        config: { access: { kind: 'org', action: 'channel.read' } },
        schema: {
          tags: ['channels'],
          summary: 'Which OAuth networks this Bedside can connect (an app is configured for them)',
          params: orgParams,
          response: { 200: z.object({ configured: z.record(z.string(), z.boolean()) }) },
        },
      },
      async () => ({ configured: connectors().configured }),
    );

    app.post(
      '/orgs/:orgId/channels/oauth/:network/start',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary:
            "Start connecting a Facebook, Instagram, LinkedIn, X or Google account: returns the network's sign-in page",
          params: networkParams,
          body: z.strictObject({ locationId }),
          response: { 200: z.object({ authorizeUrl: z.string() }) },
        },
      },
      async (request) =>
        startNetworkConnect(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          network: request.params.network,
          locationId: request.body.locationId,
          redirectUri: networkRedirectUri(services.config.publicUrl, request.params.network),
          box: services.box,
          connectors: connectors(),
        }),
    );

    app.post(
      '/orgs/:orgId/channels/oauth/:network/finish',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary:
            'Finish with the callback’s state and code (or error): connects the one account, or returns the accounts to choose from',
          params: networkParams,
          body: z.strictObject({
            state: z.string().min(10).max(200),
            code: z.string().min(1).max(2000).optional(),
            error: z.string().min(1).max(200).optional(),
          }),
          response: {
            200: z.object({ choice: choiceSchema }),
            201: z.object({ channel: channelSchema }),
          },
        },
      },
      async (request, reply) => {
        const result = await finishNetworkConnect(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          network: request.params.network,
          state: request.body.state,
          code: request.body.code,
          error: request.body.error,
          redirectUri: networkRedirectUri(services.config.publicUrl, request.params.network),
          box: services.box,
          connectors: connectors(),
        });
        return result.channel
          ? reply.status(201).send({ channel: result.channel })
          : reply.status(200).send({ choice: result.choice });
      },
    );

    app.post(
      '/orgs/:orgId/channels/oauth/:network/choose',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary: 'Connect the account the person chose after signing in',
          params: networkParams,
          body: z.strictObject({
            choiceId: z.string().min(1).max(64),
            accountId: z.string().min(1).max(300),
          }),
          response: { 201: channelSchema },
        },
      },
      async (request, reply) => {
        const channel = await chooseNetworkAccount(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          network: request.params.network,
          choiceId: request.body.choiceId,
          accountId: request.body.accountId,
          box: services.box,
          connectors: connectors(),
        });
        return reply.status(201).send(channel);
      },
    );

    app.post(
      '/orgs/:orgId/channels/:channelId/validate',
      {
        config: { access: { kind: 'org', action: 'channel.connect' } },
        schema: {
          tags: ['channels'],
          summary: 'Check that the network still accepts the connection',
          params: channelParams,
          response: { 200: channelSchema },
        },
      },
      async (request) =>
        validateChannel(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          channelId: request.params.channelId,
          box: services.box,
          connectors: connectors(),
        }),
    );

    app.delete(
      '/orgs/:orgId/channels/:channelId',
      {
        config: { access: { kind: 'org', action: 'channel.manage' } },
        schema: {
          tags: ['channels'],
          summary: 'Disconnect a channel and erase its credentials',
          params: channelParams,
        },
      },
      async (request, reply) => {
        await disconnectChannel(db, {
          actor: request.actor,
          orgId: request.params.orgId,
          channelId: request.params.channelId,
        });
        return reply.status(204).send();
      },
    );
  };
}
