import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config/config.js';
import type { DialectName } from '../db/database.js';
import { buildApp, type App } from '../http/app.js';
import type { AppServices } from '../http/services.js';
import { createLogger } from '../logging/logger.js';
import type { MailMessage, Mailer } from '../mail/mailer.js';
import { createSecretBox } from '../security/secret-box.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: App;
  services: AppServices;
  testDb: TestDatabase;
  mails: MailMessage[];
  /** Every log line the app wrote, as raw JSON text. */
  logLines: string[];
  close(): Promise<void>;
}

/** A real app on a real, fresh database, with mail captured and logs kept for inspection. */
export async function createTestApp(dialect: DialectName): Promise<TestApp> {
  const testDb = await createTestDatabase(dialect);
  const mails: MailMessage[] = [];
  const mailer: Mailer = { outboxDir: null, send: async (m) => void mails.push(m) };
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    BEDSIDE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    BEDSIDE_DATA_DIR: '/nonexistent-test-data',
    SMTP_HOST: 'localhost',
  });
  const log = createLogger({ level: 'info', destination });
  const services: AppServices = {
    config,
    database: testDb.handle,
    mailer,
    box: createSecretBox(config.secretKey),
    log,
    webRoot: null,
  };
  const app = await buildApp(services);
  await app.ready();
  return {
    app,
    services,
    testDb,
    mails,
    logLines,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

let clientCount = 0;

/** A browser-like client: keeps cookies, fetches and sends the CSRF token. Each comes from its own address, as people do. */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;
  private readonly ip: string;

  constructor(
    private readonly app: App,
    ip?: string,
  ) {
    clientCount += 1;
    this.ip = ip ?? `10.0.${(clientCount >> 8) & 255}.${clientCount & 255}`;
  }

  async request(
    method: string,
    url: string,
    options: {
      body?: unknown;
      rawBody?: string | Buffer;
      headers?: Record<string, string>;
      csrf?: boolean;
    } = {},
  ): Promise<LightMyRequestResponse> {
    const stateChanging = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (stateChanging && options.csrf !== false && !this.csrf) {
      const res = await this.send('GET', '/api/csrf', {});
      this.csrf = (res.json() as { token: string }).token;
    }
    const headers: Record<string, string> = {
      ...(stateChanging && options.csrf !== false && this.csrf && { 'x-csrf-token': this.csrf }),
      ...options.headers,
    };
    return this.send(method, url, { ...options, headers });
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) =>
    this.request('POST', url, body === undefined ? {} : { body });
  patch = (url: string, body?: unknown) => this.request('PATCH', url, { body });
  put = (url: string, body?: unknown) => this.request('PUT', url, { body });
  delete = (url: string) => this.request('DELETE', url);

  private async send(
    method: string,
    url: string,
    options: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const payload =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.ip,
      headers: {
        ...(cookie && { cookie }),
        ...(payload !== undefined && { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(payload !== undefined && { payload }),
    });
    for (const c of res.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0)
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
}

export const demoLocation = {
  name: 'Northside Clinic',
  address: '100 Main St',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  phone: '(217) 555-0100',
  timeZone: 'America/Chicago',
};

/** Runs first-run setup and returns the signed-in owner's client and the organization id. */
export async function setUpOrganization(
  t: TestApp,
  email = 'owner@clinic.test',
): Promise<{ owner: TestClient; orgId: string }> {
  const owner = new TestClient(t.app);
  const res = await owner.post('/api/setup', {
    owner: { name: 'Olivia Owner', email, password: 'correct horse battery' },
    organization: { name: 'Northside Family Practice', kind: 'practice' },
    location: demoLocation,
  });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return { owner, orgId: (res.json() as { orgId: string }).orgId };
}
