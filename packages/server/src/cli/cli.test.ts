import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/database.js';
import { main } from './main.js';

/** Runs the real CLI in-process against a temp data folder and captures what it prints. */
async function bedside(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const write = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const writeErr = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  try {
    process.exitCode = undefined;
    const code = await main(['--data-dir', dataDir, ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.exitCode = undefined;
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    writeErr.mockRestore();
  }
}

describe('bedside CLI (embedded SQLite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bedside-cli-'));
    vi.stubEnv('DATABASE_URL', undefined);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('--help lists every command', async () => {
    const { out } = await bedside(dir, '--help');
    for (const command of ['serve', 'worker', 'db', 'demo', 'user', 'audit'])
      expect(out).toContain(command);
  });

  it('db migrate applies, then reports up to date', async () => {
    expect((await bedside(dir, 'db', 'migrate')).out).toMatch(/Applied/);
    expect((await bedside(dir, 'db', 'migrate')).out).toMatch(/Up to date/);
  });

  it('demo creates two offices in two time zones, six providers and a person for every role', async () => {
    const { code, out } = await bedside(dir, 'demo');
    expect(code).toBe(0);
    for (const role of [
      'owner',
      'admin',
      'marketer',
      'compliance_officer',
      'clinician',
      'front_desk',
      'viewer',
    ])
      expect(out).toContain(role);
    const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'bedside.sqlite') });
    try {
      const zones = await handle.db.selectFrom('locations').select('timeZone').execute();
      expect(new Set(zones.map((z) => z.timeZone)).size).toBe(2);
      const clinicians = await handle.db
        .selectFrom('memberships')
        .selectAll()
        .where('role', '=', 'clinician')
        .execute();
      expect(clinicians).toHaveLength(6);
    } finally {
      await handle.close();
    }
  });

  it('user create validates its input and exits 2 naming the problem', async () => {
    const bad = await bedside(
      dir,
      'user',
      'create',
      '--email',
      'not-an-email',
      '--name',
      'X',
      '--password',
      'short',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/email/);
    expect(bad.err).toMatch(/12 characters/);
    const ok = await bedside(
      dir,
      'user',
      'create',
      '--email',
      'ok@clinic.test',
      '--name',
      'Okay Person',
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/with password \S{12,}/);
  });

  it('audit verify passes on an intact trail and names the first broken link after tampering', async () => {
    await bedside(dir, 'demo');
    expect((await bedside(dir, 'audit', 'verify')).out).toMatch(/intact/);
    const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'bedside.sqlite') });
    await sql.raw('DROP TRIGGER audit_events_no_update').execute(handle.db);
    await handle.db
      .updateTable('auditEvents')
      .set({ action: 'org.deleted' })
      .where('seq', '=', 3)
      .execute();
    await handle.close();
    const broken = await bedside(dir, 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN chain .* at event 3/);
  });

  it('reports configuration problems with exit code 2', async () => {
    vi.stubEnv('BEDSIDE_ROLES', 'chef');
    const { code, err } = await bedside(dir, 'db', 'migrate');
    expect(code).toBe(2);
    expect(err).toMatch(/BEDSIDE_ROLES/);
  });
});
