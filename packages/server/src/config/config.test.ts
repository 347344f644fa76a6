import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'bedside-config-'));

describe('config', () => {
  it('defaults to embedded SQLite in ./data-style folder, port 3000, all roles, mail outbox', () => {
    const dir = tempDir();
    const config = loadConfig({ BEDSIDE_DATA_DIR: dir });
    expect(config.database).toEqual({ kind: 'sqlite', file: join(dir, 'bedside.sqlite') });
    expect(config.port).toBe(3000);
    expect(config.roles).toEqual(['api', 'worker', 'scheduler']);
    expect(config.mail).toMatchObject({ kind: 'outbox', dir: join(dir, 'outbox') });
  });

  it('generates the secret key once, owner-readable only, and reuses it', () => {
    const dir = tempDir();
    const first = loadConfig({ BEDSIDE_DATA_DIR: dir });
    const second = loadConfig({ BEDSIDE_DATA_DIR: dir });
    expect(first.secretKey.equals(second.secretKey)).toBe(true);
    expect(first.secretKey).toHaveLength(32);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(
      first.secretKey.toString('base64'),
    );
  });

  it('names every problem at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        BEDSIDE_ROLES: 'api,cook',
        DATABASE_URL: 'mysql://x',
        BEDSIDE_LOG_LEVEL: 'loud',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/BEDSIDE_ROLES/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/BEDSIDE_LOG_LEVEL/);
    }
  });

  it('PostgreSQL needs a shared secret key and SMTP', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/bedside' })).toThrow(
      /BEDSIDE_SECRET_KEY[\s\S]*SMTP_HOST/,
    );
    const key = Buffer.alloc(32, 1).toString('base64');
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/bedside',
      BEDSIDE_SECRET_KEY: key,
      SMTP_HOST: 'mail.example.test',
      BEDSIDE_ROLES: 'worker',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://db/bedside' });
    expect(config.roles).toEqual(['worker']);
    expect(config.mail).toMatchObject({ kind: 'smtp', host: 'mail.example.test', port: 587 });
  });

  it('refuses a short secret key', () => {
    expect(() => loadConfig({ BEDSIDE_SECRET_KEY: 'c2hvcnQ=' })).toThrow(ConfigError);
  });

  it('public media links: the public URL and a key derived from the secret key by default; each can be set', () => {
    const secret = Buffer.alloc(32, 3).toString('base64');
    const base = { BEDSIDE_DATA_DIR: tempDir(), BEDSIDE_SECRET_KEY: secret };
    const defaults = loadConfig({ ...base, BEDSIDE_PUBLIC_URL: 'https://app.clinic.example/' });
    expect(defaults.mediaUrls.publicBaseUrl).toBe('https://app.clinic.example');
    expect(defaults.mediaUrls.ttlSeconds).toBe(3600);
    expect(defaults.mediaUrls.key).toHaveLength(32);
    // Derived, never the secret key itself (that one also encrypts tokens).
    expect(defaults.mediaUrls.key.equals(defaults.secretKey)).toBe(false);
    const key = Buffer.alloc(32, 5).toString('base64');
    const set = loadConfig({
      ...base,
      BEDSIDE_MEDIA_PUBLIC_URL: 'https://media.clinic.example/',
      BEDSIDE_MEDIA_URL_KEY: key,
      BEDSIDE_MEDIA_URL_TTL_SECONDS: '600',
    });
    expect(set.mediaUrls).toEqual({
      publicBaseUrl: 'https://media.clinic.example',
      key: Buffer.from(key, 'base64'),
      ttlSeconds: 600,
    });
    for (const bad of [
      { BEDSIDE_MEDIA_PUBLIC_URL: 'not a url' },
      { BEDSIDE_MEDIA_URL_KEY: 'c2hvcnQ=' },
      { BEDSIDE_MEDIA_URL_TTL_SECONDS: '5' },
      { BEDSIDE_MEDIA_URL_TTL_SECONDS: '999999' },
    ])
      expect(() => loadConfig({ ...base, ...bad }), JSON.stringify(bad)).toThrow(ConfigError);
  });
});
