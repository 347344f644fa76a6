import { createHash, randomBytes } from 'node:crypto';
import type { NetworkName } from '../connector-error.js';
import type { EndpointOverrides, OAuthClient } from '../network-endpoints.js';
import type { FakeHandler, FakeHttpServer, FakeReply, FakeRequest } from './fake-http-server.js';
import { formBody } from './fake-http-server.js';

/** A post as a fake network keeps it. */
export interface FakePost {
  id: string;
  text: string;
  createdAt: string;
  mediaCount: number;
}

/**
 * What every network contract fake offers (see NOTES.md: dispatch's fault tests and the
 * scheduler benchmark use these). `credentials` are valid for the fake's one account.
 */
export interface NetworkFake<C> extends FakeHttpServer {
  network: NetworkName;
  credentials: C;
  /** The OAuth app the fake accepts. */
  client: OAuthClient;
  /** Point the connector's endpoints here: spread into `networkEndpoints(...)`. */
  endpoints: EndpointOverrides;
  /** Posts created, ever (a retry that created a second post counts twice). */
  publishCount(): number;
  /** Posts that exist now (after deletes). */
  posts(): FakePost[];
  /** Every access token issued so far is refused as expired from now on (refresh tokens still work). */
  expireToken(): void;
  /** The next authorize request is refused by the person: redirect back with `error=access_denied`. */
  denyConsent(): void;
  /** The route that creates posts, for `failNext` and `delay`. */
  publishRoute: string;
  /** This network's own error envelopes and headers, for `failNext`. */
  replies: NetworkReplies;
}

export interface NetworkReplies {
  expiredToken(): FakeReply;
  /** A 429 (or the network's equivalent) with its rate-limit headers saying "wait `seconds`". */
  rateLimited(seconds: number): FakeReply;
  /** The network refusing the content, with `reason` where the network puts its message. */
  rejected(reason: string): FakeReply;
  serverError(): FakeReply;
}

/** Access and refresh tokens the fake has issued; refresh tokens rotate (X does, others may). */
export class FakeTokens {
  private readonly access = new Map<string, 'ok' | 'expired'>();
  private readonly refresh = new Set<string>();

  issue(): { accessToken: string; refreshToken: string } {
    const accessToken = `at-${randomBytes(12).toString('hex')}`;
    const refreshToken = `rt-${randomBytes(12).toString('hex')}`;
    this.access.set(accessToken, 'ok');
    this.refresh.add(refreshToken);
    return { accessToken, refreshToken };
  }

  check(token: string | undefined): 'ok' | 'expired' | 'invalid' {
    return (token && this.access.get(token)) || 'invalid';
  }

  expireAll(): void {
    for (const token of this.access.keys()) this.access.set(token, 'expired');
  }

  /** Uses a refresh token up (it rotates) and issues new tokens; undefined if it is unknown or used. */
  rotate(
    refreshToken: string | undefined,
  ): { accessToken: string; refreshToken: string } | undefined {
    if (!refreshToken || !this.refresh.delete(refreshToken)) return undefined;
    return this.issue();
  }
}

interface PendingCode {
  redirectUri: string;
  challenge: string | undefined;
}

/**
 * The authorization-code part every OAuth network shares: an authorize page that approves at once
 * (as if the person clicked "Allow") or, after `deny()`, answers `error=access_denied`; codes are
 * single-use and bound to the redirect URI and PKCE challenge.
 */
export class FakeOAuth {
  private readonly codes = new Map<string, PendingCode>();
  private denyNext = false;

  constructor(
    readonly client: OAuthClient,
    private readonly tokens: FakeTokens,
    private readonly requirePkce: boolean,
  ) {}

  deny(): void {
    this.denyNext = true;
  }

  readonly authorize: FakeHandler = (request) => {
    const q = request.query;
    const redirect = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== this.client.clientId || !redirect)
      return { status: 400, body: 'Invalid client or redirect_uri' };
    const back = new URL(redirect);
    back.searchParams.set('state', q.get('state') ?? '');
    if (this.denyNext) {
      this.denyNext = false;
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied the request');
    } else {
      if (this.requirePkce && q.get('code_challenge_method') !== 'S256')
        return { status: 400, body: 'PKCE (S256) is required' };
      const code = `code-${randomBytes(10).toString('hex')}`;
      this.codes.set(code, {
        redirectUri: redirect,
        challenge: q.get('code_challenge') ?? undefined,
      });
      back.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: back.toString() }, body: '' };
  };

  /**
   * Redeems a code; returns an error description, or the tokens. `fields` are the token request's
   * parameters (a form body, or a query string for Meta).
   */
  redeem(
    request: FakeRequest,
    fields: URLSearchParams = formBody(request),
  ): { error: string } | { accessToken: string; refreshToken: string } {
    if (!this.clientOk(request, fields)) return { error: 'invalid_client' };
    if (fields.get('grant_type') === 'refresh_token') {
      const next = this.tokens.rotate(fields.get('refresh_token') ?? undefined);
      return next ?? { error: 'invalid_grant' };
    }
    const code = fields.get('code') ?? '';
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (!pending || pending.redirectUri !== fields.get('redirect_uri'))
      return { error: 'invalid_grant' };
    if (pending.challenge) {
      const verifier = fields.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge)
        return { error: 'invalid_grant' };
    } else if (this.requirePkce) return { error: 'invalid_request' };
    return this.tokens.issue();
  }

  private clientOk(request: FakeRequest, fields: URLSearchParams): boolean {
    const basic = request.headers.authorization;
    if (typeof basic === 'string' && basic.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':');
      return id === this.client.clientId && secret === this.client.clientSecret;
    }
    return (
      (fields.get('client_id') ?? request.query.get('client_id')) === this.client.clientId &&
      (fields.get('client_secret') ?? request.query.get('client_secret')) ===
        this.client.clientSecret
    );
  }
}

/** The standard token-endpoint answer (RFC 6749 §5.1 / §5.2). */
export function tokenReply(
  result: { error: string } | { accessToken: string; refreshToken: string },
  expiresIn: number,
): FakeReply {
  if ('error' in result)
    return {
      status: 400,
      body: { error: result.error, error_description: 'The grant is invalid or was already used.' },
    };
  return {
    status: 200,
    body: {
      access_token: result.accessToken,
      refresh_token: result.refreshToken,
      token_type: 'bearer',
      expires_in: expiresIn,
    },
  };
}

/** A sequence of ids, as networks hand them out. */
export function idSequence(start: number): () => string {
  let next = start;
  return () => String((next += 1));
}
