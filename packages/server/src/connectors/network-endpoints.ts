/**
 * Where each network's APIs live. The defaults are the real hosts; config/config.ts can point
 * them elsewhere (tests point them at the contract fakes in test-support/).
 */
export interface NetworkEndpoints {
  meta: { graphUrl: string; loginUrl: string; apiVersion: string };
  linkedin: { apiUrl: string; loginUrl: string; apiVersion: string };
  x: { apiUrl: string; loginUrl: string };
  google: {
    loginUrl: string;
    tokenUrl: string;
    accountManagementUrl: string;
    businessInformationUrl: string;
    myBusinessUrl: string;
  };
}

/** The app Bedside registered with a network (Meta app, LinkedIn app, X client, Google client). */
export interface OAuthClient {
  clientId: string;
  /** Empty for a public client (X allows PKCE without a secret). */
  clientSecret: string;
}

export const DEFAULT_NETWORK_ENDPOINTS: NetworkEndpoints = {
  meta: {
    graphUrl: 'https://graph.facebook.com',
    loginUrl: 'https://www.facebook.com',
    apiVersion: 'v23.0',
  },
  linkedin: {
    apiUrl: 'https://api.linkedin.com',
    loginUrl: 'https://www.linkedin.com',
    apiVersion: '202510',
  },
  x: { apiUrl: 'https://api.x.com', loginUrl: 'https://x.com' },
  google: {
    loginUrl: 'https://accounts.google.com',
    tokenUrl: 'https://oauth2.googleapis.com',
    accountManagementUrl: 'https://mybusinessaccountmanagement.googleapis.com',
    businessInformationUrl: 'https://mybusinessbusinessinformation.googleapis.com',
    myBusinessUrl: 'https://mybusiness.googleapis.com',
  },
};

/** Per-network overrides of the default hosts: every Google API host can be one base URL. */
export interface EndpointOverrides {
  metaGraphUrl?: string;
  metaLoginUrl?: string;
  linkedinApiUrl?: string;
  linkedinLoginUrl?: string;
  xApiUrl?: string;
  xLoginUrl?: string;
  googleApiUrl?: string;
  googleLoginUrl?: string;
}

export function networkEndpoints(overrides: EndpointOverrides = {}): NetworkEndpoints {
  const d = DEFAULT_NETWORK_ENDPOINTS;
  const google = overrides.googleApiUrl;
  return {
    meta: {
      ...d.meta,
      graphUrl: overrides.metaGraphUrl ?? d.meta.graphUrl,
      loginUrl: overrides.metaLoginUrl ?? d.meta.loginUrl,
    },
    linkedin: {
      ...d.linkedin,
      apiUrl: overrides.linkedinApiUrl ?? d.linkedin.apiUrl,
      loginUrl: overrides.linkedinLoginUrl ?? d.linkedin.loginUrl,
    },
    x: { apiUrl: overrides.xApiUrl ?? d.x.apiUrl, loginUrl: overrides.xLoginUrl ?? d.x.loginUrl },
    google: {
      loginUrl: overrides.googleLoginUrl ?? d.google.loginUrl,
      tokenUrl: google ?? d.google.tokenUrl,
      accountManagementUrl: google ?? d.google.accountManagementUrl,
      businessInformationUrl: google ?? d.google.businessInformationUrl,
      myBusinessUrl: google ?? d.google.myBusinessUrl,
    },
  };
}

/** What every OAuth network connector is built from. */
export interface NetworkConnectorOptions<E> {
  endpoints: E;
  client: OAuthClient;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /** For tests that count requests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Starting an OAuth round trip: where the network sends the browser back. */
export interface OAuthStartOptions {
  redirectUri: string;
}

/** Finishing it with the `code` from the callback (after checking its `state`). */
export interface OAuthFinishOptions {
  redirectUri: string;
  code: string;
  /** The PKCE verifier kept since `start`. */
  codeVerifier: string | undefined;
}
