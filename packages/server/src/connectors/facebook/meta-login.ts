import { z } from 'zod';
import type { NetworkHttp } from '../http/network-http.js';
import { authorizeUrl, newAuthorizationSecrets } from '../http/oauth2.js';
import type { AuthorizationStart } from '../connector.js';
import type { NetworkEndpoints, OAuthClient, OAuthFinishOptions } from '../network-endpoints.js';

type MetaEndpoints = NetworkEndpoints['meta'];

const tokenSchema = z.object({ access_token: z.string().min(1) });
const pagesSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      access_token: z.string().min(1).optional(),
      link: z.string().optional(),
      instagram_business_account: z
        .object({
          id: z.string().min(1),
          username: z.string().optional(),
          name: z.string().optional(),
        })
        .optional(),
    }),
  ),
});
export type MetaPage = z.infer<typeof pagesSchema>['data'][number];

/** The Facebook Login dialog (Meta does not take PKCE here; `state` and the app secret guard it). */
export function startMetaLogin(
  endpoints: MetaEndpoints,
  options: { client: OAuthClient; redirectUri: string; scopes: string },
): Promise<AuthorizationStart> {
  const { state } = newAuthorizationSecrets();
  return Promise.resolve({
    url: authorizeUrl(`${endpoints.loginUrl}/${endpoints.apiVersion}/dialog/oauth`, {
      client_id: options.client.clientId,
      redirect_uri: options.redirectUri,
      state,
      scope: options.scopes,
      response_type: 'code',
    }),
    state,
  });
}

/**
 * Code → short-lived user token → long-lived user token → the Pages this person manages, each
 * with a Page token that does not expire (NETWORKS.md §3.1). Tokens travel in the query string
 * as Meta documents; they are redacted from every error.
 */
export async function finishMetaLogin(
  http: NetworkHttp,
  options: { endpoints: MetaEndpoints; client: OAuthClient; finish: OAuthFinishOptions },
): Promise<MetaPage[]> {
  const { endpoints, client, finish } = options;
  const graph = (path: string, params: Record<string, string>): string =>
    `${endpoints.graphUrl}/${endpoints.apiVersion}${path}?${new URLSearchParams(params).toString()}`;
  const short = await http.request({
    method: 'GET',
    url: graph('/oauth/access_token', {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: finish.redirectUri,
      code: finish.code,
    }),
    schema: tokenSchema,
    what: 'the token request',
  });
  const long = await http.request({
    method: 'GET',
    url: graph('/oauth/access_token', {
      grant_type: 'fb_exchange_token',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      fb_exchange_token: short.data.access_token,
    }),
    schema: tokenSchema,
    what: 'the token exchange',
  });
  const pages = await http.request({
    method: 'GET',
    url: graph('/me/accounts', {
      fields: 'id,name,access_token,link,instagram_business_account{id,username,name}',
      limit: '100',
    }),
    accessToken: long.data.access_token,
    schema: pagesSchema,
    what: 'listing your Pages',
  });
  return pages.data.data.filter((page) => page.access_token);
}
