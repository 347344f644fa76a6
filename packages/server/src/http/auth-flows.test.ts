import { generate } from 'otplib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestApp,
  setUpOrganization,
  TestClient,
  type TestApp,
} from '../test-support/test-app.js';
import { describeEachDialect } from '../test-support/test-database.js';

const linkIn = (text: string, path: string): string => {
  const match = new RegExp(`${path}[^\\s]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in mail`);
  return match[0];
};

describeEachDialect('authentication', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => t.close());

  it('first-run setup works once, then refuses', async () => {
    const anon = new TestClient(t.app);
    expect((await anon.get('/api/setup')).json()).toEqual({ needsSetup: true, mailOutbox: null });
    const { owner } = await setUpOrganization(t);
    expect((await owner.get('/api/auth/session')).json().memberships[0]).toMatchObject({
      role: 'owner',
      orgName: 'Northside Family Practice',
    });
    const again = await new TestClient(t.app).post('/api/setup', {
      owner: { name: 'X', email: 'x@y.test', password: 'another long pass' },
      organization: { name: 'Other' },
      location: {
        name: 'L',
        address: 'A',
        city: 'C',
        state: 'IL',
        zip: '62701',
        phone: '(217) 555-0100',
        timeZone: 'America/Chicago',
      },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a time zone that does not exist', async () => {
    const res = await new TestClient(t.app).post('/api/setup', {
      owner: { name: 'X', email: 'x@y.test', password: 'another long pass' },
      organization: { name: 'Other' },
      location: {
        name: 'L',
        address: 'A',
        city: 'C',
        state: 'IL',
        zip: '62701',
        phone: '(217) 555-0100',
        timeZone: 'Mars/Olympus_Mons',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields['location.timeZone']).toMatch(/time zone/);
  });

  it('signs in, signs out, and refuses wrong passwords without saying which part was wrong', async () => {
    await setUpOrganization(t);
    const client = new TestClient(t.app);
    const wrong = await client.post('/api/auth/login', {
      email: 'owner@clinic.test',
      password: 'wrong password!',
    });
    const unknown = await client.post('/api/auth/login', {
      email: 'nobody@clinic.test',
      password: 'wrong password!',
    });
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(
      (
        await client.post('/api/auth/login', {
          email: 'OWNER@clinic.test',
          password: 'correct horse battery',
        })
      ).statusCode,
    ).toBe(200);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('locks an account after five failed sign-ins and records it', async () => {
    const { orgId, owner } = await setUpOrganization(t);
    const client = new TestClient(t.app, '10.1.1.1');
    for (let i = 0; i < 5; i += 1)
      await client.post('/api/auth/login', {
        email: 'owner@clinic.test',
        password: `wrong password ${i}`,
      });
    const locked = await client.post('/api/auth/login', {
      email: 'owner@clinic.test',
      password: 'correct horse battery',
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['retry-after']).toBeDefined();
    const events = (await owner.get(`/api/orgs/${orgId}/audit?action=auth.account_locked`)).json()
      .events;
    expect(events).toHaveLength(1);
  });

  it('throttles sign-in attempts per address', async () => {
    const client = new TestClient(t.app, '10.9.9.9');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1)
      statuses.push(
        (
          await client.post('/api/auth/login', {
            email: `n${i}@clinic.test`,
            password: 'whatever it is',
          })
        ).statusCode,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('requires a CSRF token on state-changing requests', async () => {
    const res = await new TestClient(t.app).request('POST', '/api/auth/login', {
      body: { email: 'a@b.test', password: 'x' },
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_invalid');
  });

  it('sets up TOTP, then requires it, refuses a wrong or replayed code', async () => {
    const { owner } = await setUpOrganization(t);
    const setup = (await owner.post('/api/auth/totp/setup')).json() as {
      secret: string;
      qrDataUrl: string;
    };
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const stored = await t.services.database.db
      .selectFrom('users')
      .select('totpSecretSealed')
      .executeTakeFirstOrThrow();
    expect(stored.totpSecretSealed).not.toContain(setup.secret);
    expect((await owner.post('/api/auth/totp/enable', { code: '000000' })).statusCode).toBe(401);
    const code = await generate({ secret: setup.secret });
    expect((await owner.post('/api/auth/totp/enable', { code })).statusCode).toBe(204);

    const client = new TestClient(t.app);
    const first = await client.post('/api/auth/login', {
      email: 'owner@clinic.test',
      password: 'correct horse battery',
    });
    expect(first.json().error.code).toBe('totp_required');
    const replay = await client.post('/api/auth/login', {
      email: 'owner@clinic.test',
      password: 'correct horse battery',
      totp: code,
    });
    expect(replay.json().error.code).toBe('totp_invalid');
    const next = await generate({
      secret: setup.secret,
      epoch: Math.floor(Date.now() / 1000) + 30,
    });
    const ok = await client.post('/api/auth/login', {
      email: 'owner@clinic.test',
      password: 'correct horse battery',
      totp: next,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.totpEnabled).toBe(true);
  });

  it('an organization that requires 2FA keeps members without it out of its data', async () => {
    const { owner, orgId } = await setUpOrganization(t);
    expect((await owner.patch(`/api/orgs/${orgId}`, { requireTotp: true })).statusCode).toBe(200);
    const session = (await owner.get('/api/auth/session')).json();
    expect(session.totpSetupRequired).toBe(true);
    const res = await owner.get(`/api/orgs/${orgId}/locations`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details.totpSetupRequired).toBe(true);
  });

  it('logs off after the organization idle timeout', async () => {
    const { owner, orgId } = await setUpOrganization(t);
    await owner.patch(`/api/orgs/${orgId}`, { idleTimeoutMinutes: 5 });
    expect((await owner.get('/api/auth/session')).json().idleTimeoutMinutes).toBe(5);
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000).toISOString();
    await t.services.database.db
      .updateTable('sessions')
      .set({ lastSeenAt: sixMinutesAgo })
      .execute();
    const res = await owner.get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
    expect(await t.services.database.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('resets a password by emailed link, once, and ends other sessions', async () => {
    const { owner } = await setUpOrganization(t);
    const anon = new TestClient(t.app);
    expect(
      (await anon.post('/api/auth/password-reset/request', { email: 'nobody@clinic.test' }))
        .statusCode,
    ).toBe(202);
    expect(t.mails).toHaveLength(0);
    expect(
      (await anon.post('/api/auth/password-reset/request', { email: 'owner@clinic.test' }))
        .statusCode,
    ).toBe(202);
    const token = linkIn(t.mails[0]!.text, '/reset-password\\?token=').split('token=')[1]!;
    expect(
      (await anon.post('/api/auth/password-reset/confirm', { token, password: 'short' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await anon.post('/api/auth/password-reset/confirm', {
          token,
          password: 'a brand new passphrase',
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await anon.post('/api/auth/password-reset/confirm', {
          token,
          password: 'a second new passphrase',
        })
      ).statusCode,
    ).toBe(404);
    expect((await owner.get('/api/auth/session')).statusCode).toBe(401);
    expect(
      (
        await anon.post('/api/auth/login', {
          email: 'owner@clinic.test',
          password: 'a brand new passphrase',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('invites a person by emailed link; they join with the invited role', async () => {
    const { owner, orgId } = await setUpOrganization(t);
    const invited = await owner.post(`/api/orgs/${orgId}/invitations`, {
      email: 'new.marketer@clinic.test',
      role: 'marketer',
    });
    expect(invited.statusCode).toBe(201);
    const link = linkIn(t.mails[0]!.text, '/invite/');
    const token = link.split('/invite/')[1]!;
    const anon = new TestClient(t.app);
    expect((await anon.get(`/api/invitations/${token}`)).json()).toMatchObject({
      email: 'new.marketer@clinic.test',
      role: 'marketer',
    });
    const joined = await anon.post(`/api/invitations/${token}/accept`, {
      name: 'Nora Marketer',
      password: 'marketing passphrase',
    });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().memberships).toEqual([
      expect.objectContaining({ orgId, role: 'marketer' }),
    ]);
    expect(
      (
        await anon.post(`/api/invitations/${token}/accept`, {
          name: 'Again',
          password: 'marketing passphrase',
        })
      ).statusCode,
    ).toBe(404);
    const actions = (await owner.get(`/api/orgs/${orgId}/audit/actions`)).json().actions;
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.accepted', 'member.role_granted']),
    );
  });

  it('exports the audit trail as CSV and JSONL, and records the export', async () => {
    const { owner, orgId } = await setUpOrganization(t);
    const csv = await owner.get(`/api/orgs/${orgId}/audit/export?format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe(
      'seq,at,actorId,actorName,action,targetType,targetId,ip,outcome,details',
    );
    expect(csv.body).toContain('org.created');
    const jsonl = await owner.get(
      `/api/orgs/${orgId}/audit/export?format=jsonl&action=org.created`,
    );
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string });
    expect(lines.map((l) => l.action)).toEqual(['org.created']);
    const exported = (await owner.get(`/api/orgs/${orgId}/audit?action=audit.exported`)).json()
      .events;
    expect(exported).toHaveLength(2);
  });
});
