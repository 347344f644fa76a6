import { z } from 'zod';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { networksConfig, networksEnvSchema, type NetworksConfig } from './networks-config.js';

/** The process roles one Bedside process can play. */
export const processRoles = ['api', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof processRoles)[number];

const keyPattern = /^[A-Za-z0-9+/=_-]{43,}$/;

const envSchema = networksEnvSchema.extend({
  BEDSIDE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for embedded SQLite)')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BEDSIDE_PUBLIC_URL: z.string().url().optional(),
  BEDSIDE_SECRET_KEY: z
    .string()
    .regex(keyPattern, 'must be at least 32 random bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  BEDSIDE_ROLES: z
    .string()
    .default('api,worker,scheduler')
    .transform((value) =>
      value
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(processRoles)).min(1, 'name at least one of api, worker, scheduler')),
  BEDSIDE_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  BEDSIDE_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The NPPES NPI Registry API (https://npiregistry.cms.hhs.gov/api/); unset: the online lookup is off. */
  BEDSIDE_NPPES_API_URL: z.string().url().optional(),
  /** Public provider pages: requests per client address per minute (0: no limit). */
  BEDSIDE_PUBLIC_PAGE_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000_000).default(600),
  /**
   * Where Instagram and Google Business Profile download a post's image from (they take no
   * uploads): the part of Bedside's address they can reach; defaults to BEDSIDE_PUBLIC_URL.
   */
  BEDSIDE_MEDIA_PUBLIC_URL: z.string().url().optional(),
  /** Signs those image links (HMAC-SHA256); defaults to a key derived from the secret key. */
  BEDSIDE_MEDIA_URL_KEY: z
    .string()
    .regex(keyPattern, 'must be at least 32 random bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  /** How long an image link works after a publish attempt makes it (the network fetches at once). */
  BEDSIDE_MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  BEDSIDE_DISPATCH_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  BEDSIDE_DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Per-app publishing caps replacing the documented defaults: `x=10000/86400,mastodon=off`. */
  BEDSIDE_DISPATCH_APP_LIMITS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(bluesky|mastodon|facebook|instagram|linkedin|x|gbp)=(off|[1-9]\d{0,8}\/[1-9]\d{0,6})$/,
            'each entry is network=requests/seconds or network=off, e.g. x=10000/86400',
          ),
      ),
    ),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).default('Bedside <no-reply@localhost>'),
});

export interface Config {
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  port: number;
  host: string;
  publicUrl: string;
  /** 32-byte key for AES-256-GCM encryption of secrets at rest and for signing cookies. */
  secretKey: Buffer;
  roles: ProcessRole[];
  logLevel: z.infer<typeof envSchema>['BEDSIDE_LOG_LEVEL'];
  trustProxy: boolean;
  /** The NPPES registry API base URL, or null: the optional online provider lookup is off. */
  nppesApiUrl: string | null;
  /** Public provider pages: requests per client address per minute, or 0 for no limit. */
  publicPages: { rateLimitPerMinute: number };
  /**
   * Signed, expiring image links for networks that fetch images themselves (Instagram, Google
   * Business Profile): the base URL they are built on, the HMAC key, and their lifetime.
   */
  mediaUrls: { publicBaseUrl: string; key: Buffer; ttlSeconds: number };
  /** Publishing workers: how long a claim on a post target lasts, and how many publish at once. */
  dispatch: {
    leaseSeconds: number;
    concurrency: number;
    /** Overrides of the per-app publishing caps (null: no cap for that network). */
    appLimits: Record<string, { requests: number; seconds: number } | null>;
  };
  mail:
    | {
        kind: 'smtp';
        host: string;
        port: number;
        secure: boolean;
        user?: string;
        password?: string;
        from: string;
      }
    | { kind: 'outbox'; dir: string; from: string };
  /** Social networks: OAuth apps, API hosts (tests point them at fakes) and which server addresses users may give. */
  networks: NetworksConfig;
}

/** Every problem found in the environment, named at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Bedside cannot start; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment. The only place in Bedside that reads `process.env`.
 *
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const dataDir = isAbsolute(e.BEDSIDE_DATA_DIR) ? e.BEDSIDE_DATA_DIR : resolve(e.BEDSIDE_DATA_DIR);
  const database: Config['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'sqlite', file: join(dataDir, 'bedside.sqlite') };
  if (database.kind === 'postgres' && !e.BEDSIDE_SECRET_KEY) {
    problems.push(
      'BEDSIDE_SECRET_KEY: required with PostgreSQL, so every process shares one key (openssl rand -base64 32)',
    );
  }
  if (e.SMTP_USER && !e.SMTP_HOST) problems.push('SMTP_HOST: required when SMTP_USER is set');
  if (database.kind === 'postgres' && !e.SMTP_HOST) {
    problems.push(
      'SMTP_HOST: required with PostgreSQL (the mail outbox folder is for the embedded default only)',
    );
  }
  const keyBytes = e.BEDSIDE_SECRET_KEY ? Buffer.from(e.BEDSIDE_SECRET_KEY, 'base64') : undefined;
  if (keyBytes && keyBytes.length < 32)
    problems.push('BEDSIDE_SECRET_KEY: decodes to fewer than 32 bytes');
  if (problems.length > 0) throw new ConfigError(problems);

  const mailFrom = e.SMTP_FROM;
  const publicUrl = (e.BEDSIDE_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const secretKey = keyBytes ? keyBytes.subarray(0, 32) : embeddedSecretKey(dataDir);
  return {
    dataDir,
    database,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secretKey,
    roles: e.BEDSIDE_ROLES,
    logLevel: e.BEDSIDE_LOG_LEVEL,
    trustProxy: e.BEDSIDE_TRUST_PROXY,
    nppesApiUrl: e.BEDSIDE_NPPES_API_URL ?? null,
    publicPages: { rateLimitPerMinute: e.BEDSIDE_PUBLIC_PAGE_RATE_LIMIT },
    mediaUrls: {
      publicBaseUrl: (e.BEDSIDE_MEDIA_PUBLIC_URL ?? publicUrl).replace(/\/$/, ''),
      key: e.BEDSIDE_MEDIA_URL_KEY
        ? Buffer.from(e.BEDSIDE_MEDIA_URL_KEY, 'base64')
        : createHmac('sha256', secretKey).update('public-media-urls').digest(),
      ttlSeconds: e.BEDSIDE_MEDIA_URL_TTL_SECONDS,
    },
    dispatch: {
      leaseSeconds: e.BEDSIDE_DISPATCH_LEASE_SECONDS,
      concurrency: e.BEDSIDE_DISPATCH_CONCURRENCY,
      appLimits: Object.fromEntries(
        e.BEDSIDE_DISPATCH_APP_LIMITS.map((entry) => {
          const [network = '', limit = ''] = entry.split('=');
          const [requests, seconds] = limit.split('/').map(Number);
          return [
            network,
            limit === 'off' ? null : { requests: requests ?? 0, seconds: seconds ?? 0 },
          ];
        }),
      ),
    },
    mail: e.SMTP_HOST
      ? {
          kind: 'smtp',
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE,
          user: e.SMTP_USER,
          password: e.SMTP_PASSWORD,
          from: mailFrom,
        }
      : { kind: 'outbox', dir: join(dataDir, 'outbox'), from: mailFrom },
    networks: networksConfig(e),
  };
}

/** In embedded mode the key is generated once into the data folder, readable by the owner only. */
function embeddedSecretKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length < 32)
    throw new ConfigError([
      `${file}: holds fewer than 32 bytes; delete it only if no data was encrypted with it`,
    ]);
  return key.subarray(0, 32);
}
