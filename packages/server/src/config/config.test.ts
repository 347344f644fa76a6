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
});
