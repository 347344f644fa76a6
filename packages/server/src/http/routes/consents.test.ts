import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxPaperBytes, paperElements } from '../../domain/consents/record-paper-authorization.js';
import { createOrgWithRoles, type OrgWithRoles } from '../../test-support/org-with-roles.js';
import { createTestApp, TestClient, type TestApp } from '../../test-support/test-app.js';
import { describeEachDialect } from '../../test-support/test-database.js';
import { routeTable } from '../app.js';
import { consentJobs } from '../../domain/consents/consent-jobs.js';
import { markPublished, seedPost } from '../../domain/consents/test-support/seed.js';

/** A real 1×1 PNG, as a signature canvas would send it. */
const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const pdfBase64 = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n').toString('base64');
const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const request = {
  patient: { name: 'Robin Testpatient', contact: { kind: 'email', email: 'robin@example.test' } },
  contentTypes: ['text', 'photo'],
  contentDescription: 'My written review and two photos of my smile.',
  networks: ['mastodon', 'bluesky'],
  purpose: 'To share my experience on the practice’s social media.',
  expiry: { kind: 'date', date: '2099-12-31' },
  delivery: 'email',
};
const signature = {
  signedName: 'Robin Testpatient',
  signer: { kind: 'individual' },
  signature: { method: 'drawn', image: png },
  agreed: true,
};
const paper = {
  patient: { name: 'Sam Paperform', contact: { kind: 'phone', phone: '(217) 555-0199' } },
  contentTypes: ['text'],
  contentDescription: 'My written review.',
  networks: ['facebook'],
  purpose: 'Testimonial on the practice page.',
  expiry: { kind: 'date', date: '2099-12-31' },
  signature: {
    signedName: 'Sam Paperform',
    signedOn: '2026-03-01',
    signer: { kind: 'individual' },
  },
  elements: Object.fromEntries(paperElements.map((e) => [e, true])),
  file: { mediaType: 'application/pdf', data: pdfBase64 },
};

function tokenFrom(text: string, kind: 'sign' | 'revoke'): string {
  const match = new RegExp(`/${kind}/([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${kind} link in mail`);
  return match[1];
}

describeEachDialect('consents API', (dialect) => {
  let t: TestApp;
  let o: OrgWithRoles;
  let other: OrgWithRoles;
  let signedId = '';
  let revokeToken = '';
  let signToken = '';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    o = await createOrgWithRoles(t, 'c');
    other = await createOrgWithRoles(t, 'd');
  }, 120_000);
  afterAll(async () => t?.close());
  const api = (path: string) => `/api/orgs/${o.orgId}${path}`;

  describe('the e-signature flow', () => {
    it('front desk sends a signing link by email; the mail holds the link and nothing stored holds the token', async () => {
      const res = await o.clients.front_desk.post(api('/consents'), request);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ authorizationId: expect.any(String), signingUrl: null });
      signedId = res.json().authorizationId;
      const mail = t.mails.at(-1);
      expect(mail?.to).toBe('robin@example.test');
      signToken = tokenFrom(mail?.text ?? '', 'sign');
      const stored = await t.services.database.db
        .selectFrom('signingRequests')
        .select('tokenHash')
        .execute();
      expect(stored.map((s) => s.tokenHash)).toContain(sha256(Buffer.from(signToken)));
      expect(JSON.stringify(stored)).not.toContain(signToken);
    });

    it('the patient reads the form without signing in', async () => {
      const res = await new TestClient(t.app).get(`/api/public/signing/${signToken}`);
      expect(res.statusCode, res.body).toBe(200);
      const form = res.json();
      expect(form.patientName).toBe('Robin Testpatient');
      expect(form.sections.map((s: { heading: string }) => s.heading)).toEqual(
        expect.arrayContaining([
          'My right to revoke',
          'Information may be shared further',
          'Signing is my choice',
        ]),
      );
    });

    it('refuses a signature that is not a PNG, a missing agreement, and a representative without authority — and the link still works after', async () => {
      const patient = new TestClient(t.app);
      const notPng = await patient.post(`/api/public/signing/${signToken}`, {
        ...signature,
        signature: {
          method: 'drawn',
          image: `data:image/png;base64,${Buffer.from('GIF89a' + 'x'.repeat(80)).toString('base64')}`,
        },
      });
      expect(notPng.statusCode).toBe(400);
      expect(notPng.json().error.details.fields['signature.image']).toMatch(/not a PNG/);
      const noAgree = await patient.post(`/api/public/signing/${signToken}`, {
        ...signature,
        agreed: false,
      });
      expect(noAgree.statusCode).toBe(400);
      const rep = await patient.post(`/api/public/signing/${signToken}`, {
        ...signature,
        signer: { kind: 'personal-representative', authority: '' },
      });
      expect(rep.statusCode).toBe(400);
      expect(rep.json().error.details.fields['signature.signer.authority']).toMatch(
        /authority.*164\.508\(c\)\(1\)\(vi\)/,
      );
      expect((await patient.get(`/api/public/signing/${signToken}`)).statusCode).toBe(200);
    });

    it('the patient signs: PDF stored with its SHA-256, copy emailed with the PDF and a revocation link; the link is used up', async () => {
      const patient = new TestClient(t.app);
      const res = await patient.post(`/api/public/signing/${signToken}`, signature);
      expect(res.statusCode, res.body).toBe(200);
      const { sha256: fingerprint, copyEmailed } = res.json();
      expect(copyEmailed).toBe(true);
      const copy = t.mails.at(-1);
      const attachment = copy?.attachments?.[0];
      expect(attachment?.contentType).toBe('application/pdf');
      expect(attachment?.content.subarray(0, 5).toString()).toBe('%PDF-');
      expect(sha256(attachment?.content ?? Buffer.alloc(0))).toBe(fingerprint);
      revokeToken = tokenFrom(copy?.text ?? '', 'revoke');

      const detail = (await o.clients.owner.get(api(`/consents/${signedId}`))).json();
      expect(detail).toMatchObject({
        status: 'active',
        defects: [],
        signer: { kind: 'individual', method: 'drawn' },
      });
      expect(detail.documents).toMatchObject([{ kind: 'signed_pdf', sha256: fingerprint }]);
      const doc = await o.clients.owner.get(
        api(`/consents/${signedId}/documents/${detail.documents[0].id}`),
      );
      expect(doc.headers['content-type']).toBe('application/pdf');
      expect(sha256(doc.rawPayload)).toBe(fingerprint);

      const again = await patient.post(`/api/public/signing/${signToken}`, signature);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/already used/);
      expect((await patient.get(`/api/public/signing/${signToken}`)).statusCode).toBe(409);
    });

    it('an expired link is refused with a reason; an unknown one is not found', async () => {
      const res = await o.clients.owner.post(api('/consents'), request);
      const token = tokenFrom(t.mails.at(-1)?.text ?? '', 'sign');
      await t.services.database.db
        .updateTable('signingRequests')
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .where('authorizationId', '=', res.json().authorizationId)
        .execute();
      const patient = new TestClient(t.app);
      const expired = await patient.post(`/api/public/signing/${token}`, signature);
      expect(expired.statusCode).toBe(409);
      expect(expired.json().error.message).toMatch(/expired/);
      const unknown = await patient.get(`/api/public/signing/${'x'.repeat(43)}`);
      expect(unknown.statusCode).toBe(404);
    });

    it('a tablet link comes back to staff, not by mail; a patient with only a phone cannot be emailed', async () => {
      const before = t.mails.length;
      const res = await o.clients.front_desk.post(api('/consents'), {
        ...request,
        patient: { name: 'Pat Phoneonly', contact: { kind: 'phone', phone: '(217) 555-0142' } },
        delivery: 'tablet',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().signingUrl).toMatch(/\/sign\/[A-Za-z0-9_-]{40,}$/);
      expect(t.mails.length).toBe(before);
      const byMail = await o.clients.front_desk.post(api('/consents'), {
        ...request,
        patient: { name: 'Pat Phoneonly', contact: { kind: 'phone', phone: '(217) 555-0142' } },
      });
      expect(byMail.statusCode).toBe(400);
    });
  });

  it('no patient name, contact or signature text reaches the log or an error message', async () => {
    const secretName = 'Zebulon Quarterfield';
    const res = await o.clients.owner.post(api('/consents'), {
      ...request,
      patient: { name: secretName, contact: { kind: 'email', email: 'zebulon.q@example.test' } },
      networks: [],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('Zebulon');
    const ok = await o.clients.owner.post(api('/consents'), {
      ...request,
      patient: { name: secretName, contact: { kind: 'email', email: 'zebulon.q@example.test' } },
      delivery: 'tablet',
    });
    const token = (ok.json().signingUrl as string).split('/').pop() ?? '';
    const bad = await new TestClient(t.app).post(`/api/public/signing/${token}`, {
      ...signature,
      signedName: secretName,
      signer: { kind: 'personal-representative', authority: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('Zebulon');
    await new TestClient(t.app).post(`/api/public/signing/${token}`, {
      ...signature,
      signedName: secretName,
    });
    // The app logs every request (method, route, status): the patient's details are not in it.
    expect(t.logLines.some((line) => line.includes('/api/public/signing/'))).toBe(true);
    const log = t.logLines.join('\n');
    expect(log).not.toContain('Zebulon');
    expect(log).not.toContain('zebulon.q@example.test');
    expect(log).not.toContain(token);
  });

  describe('defective requests name the missing element', () => {
    const refused = async (body: unknown) => {
      const res = await o.clients.owner.post(api('/consents'), body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.details.fields as Record<string, string>;
    };
    it('no networks → (c)(1)(iii); no content → (c)(1)(i); no purpose → (c)(1)(iv)', async () => {
      expect((await refused({ ...request, networks: [] })).recipients).toMatch(
        /164\.508\(c\)\(1\)\(iii\)/,
      );
      expect((await refused({ ...request, contentTypes: [] })).information).toMatch(
        /164\.508\(c\)\(1\)\(i\)/,
      );
      expect((await refused({ ...request, purpose: '  ' })).purpose).toMatch(
        /164\.508\(c\)\(1\)\(iv\)/,
      );
    });
    it('an expiry of "none" is for research only; an expiry date already passed is refused', async () => {
      expect(
        (await refused({ ...request, expiry: { kind: 'event', event: 'none' } }))['expiry.event'],
      ).toMatch(/research/);
      expect(
        (await refused({ ...request, expiry: { kind: 'date', date: '2020-01-01' } }))[
          'expiry.date'
        ],
      ).toMatch(/passed/);
    });
    it('malformed dates, unknown networks and a third party paying without a statement section', async () => {
      expect(
        (await refused({ ...request, expiry: { kind: 'date', date: '2027-13-45' } }))[
          'expiry.date'
        ],
      ).toBeDefined();
      expect(
        (await refused({ ...request, expiry: { kind: 'date', date: '31/12/2027' } }))[
          'expiry.date'
        ],
      ).toBeDefined();
      await refused({ ...request, networks: ['myspace'] });
      await refused({
        ...request,
        patient: { ...request.patient, contact: { kind: 'email', email: 'not-an-email' } },
      });
    });
  });

  describe('paper forms', () => {
    it('files a ticked-off paper form with its scan and fingerprint', async () => {
      const res = await o.clients.compliance_officer.post(api('/consents/paper'), paper);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().sha256).toBe(sha256(Buffer.from(pdfBase64, 'base64')));
      const detail = (
        await o.clients.owner.get(api(`/consents/${res.json().authorizationId}`))
      ).json();
      expect(detail).toMatchObject({
        source: 'paper',
        status: 'active',
        signer: { method: 'paper' },
      });
    });
    it('an unticked element is named; an unticked "stands alone" is a compound authorization', async () => {
      const res = await o.clients.owner.post(api('/consents/paper'), {
        ...paper,
        elements: { ...paper.elements, redisclosure: false, standalone: false },
      });
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.details.fields;
      expect(fields['statements.redisclosure']).toMatch(/164\.508\(c\)\(2\)\(iii\)/);
      expect(fields.combinedWithOtherDocument).toMatch(/\(b\)\(3\)/);
    });
    it('wrong magic bytes, an empty file and an oversize file are refused', async () => {
      const gif = Buffer.from('GIF89a-not-a-pdf').toString('base64');
      const wrong = await o.clients.owner.post(api('/consents/paper'), {
        ...paper,
        file: { mediaType: 'application/pdf', data: gif },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details.fields['file.data']).toMatch(/not a PDF/);
      const pngAsJpeg = await o.clients.owner.post(api('/consents/paper'), {
        ...paper,
        file: { mediaType: 'image/jpeg', data: png.split(',')[1] },
      });
      expect(pngAsJpeg.statusCode).toBe(400);
      const big = Buffer.alloc(maxPaperBytes + 1, 0x20);
      big.write('%PDF-1.4');
      const oversize = await o.clients.owner.post(api('/consents/paper'), {
        ...paper,
        file: { mediaType: 'application/pdf', data: big.toString('base64') },
      });
      expect([400, 413]).toContain(oversize.statusCode);
      expect(oversize.json().error.code).toMatch(/validation_failed|payload_too_large/);
    });
  });

  describe('templates', () => {
    it('starts from the compliant default, refuses a form missing a required section, and versions each save', async () => {
      const current = (await o.clients.owner.get(api('/consent-template'))).json();
      expect(current.version).toBe(0);
      const without = current.sections.filter((s: { id: string }) => s.id !== 'redisclosure');
      const refused = await o.clients.owner.post(api('/consent-template'), {
        title: current.title,
        sections: without,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.fields['sections.redisclosure']).toMatch(/164\.508\(c\)/);
      const unknown = await o.clients.owner.post(api('/consent-template'), {
        title: current.title,
        sections: current.sections.map((s: { id: string; body: string }) =>
          s.id === 'purpose' ? { ...s, body: '{{patientSsn}}' } : s,
        ),
      });
      expect(unknown.statusCode).toBe(400);
      const sections = current.sections.map((s: { id: string; body: string }) =>
        s.id === 'copy' ? { ...s, body: 'You will get a copy of this form by email.' } : s,
      );
      const saved = await o.clients.owner.post(api('/consent-template'), {
        title: current.title,
        sections,
      });
      expect(saved.statusCode, saved.body).toBe(201);
      expect(saved.json().version).toBe(1);
      const sent = await o.clients.owner.post(api('/consents'), { ...request, delivery: 'tablet' });
      const detail = (
        await o.clients.owner.get(api(`/consents/${sent.json().authorizationId}`))
      ).json();
      expect(detail.formText).toContain('You will get a copy of this form by email.');
      expect(
        (
          await o.clients.marketer.post(api('/consent-template'), {
            title: current.title,
            sections,
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('posts and media that depend on an authorization', () => {
    const story = 'Congratulations to our patient Maria Gonzalez on finishing her braces!';
    const seeded = () => ({
      orgId: o.orgId,
      locationId: o.locationId,
      ownerId: o.userIds.owner,
      actor: { userId: o.userIds.owner, label: 'owner', ip: null },
    });
    let covering = '';

    it('the coverage route names the gap; linking a signed authorization closes it; unlinking reopens it', async () => {
      const sent = await o.clients.owner.post(api('/consents'), {
        ...request,
        contentTypes: ['text', 'name', 'photo'],
        delivery: 'tablet',
      });
      covering = sent.json().authorizationId;
      const token = (sent.json().signingUrl as string).split('/').pop() ?? '';
      expect(
        (
          await new TestClient(t.app).post(`/api/public/signing/${token}`, {
            ...signature,
            signature: { method: 'typed' },
          })
        ).statusCode,
      ).toBe(200);
      const { postId } = await seedPost(t.services.database.db, seeded(), {
        variants: [{ network: 'mastodon', text: story }],
        patientStory: true,
        status: 'draft',
      });
      const before = (await o.clients.marketer.get(api(`/posts/${postId}/coverage`))).json();
      expect(before.gap).toMatchObject({ code: 'authorization-required' });
      expect(
        (
          await o.clients.front_desk.post(api(`/posts/${postId}/authorizations`), {
            authorizationId: covering,
          })
        ).statusCode,
      ).toBe(403);
      const link = await o.clients.marketer.post(api(`/posts/${postId}/authorizations`), {
        authorizationId: covering,
      });
      expect(link.statusCode, link.body).toBe(200);
      const after = (
        await o.clients.marketer.get(api(`/posts/${postId}/coverage?at=2030-01-01T12:00:00Z`))
      ).json();
      expect(after).toMatchObject({ gap: null, linked: [{ id: covering, status: 'signed' }] });
      const late = (
        await o.clients.marketer.get(api(`/posts/${postId}/coverage?at=2100-01-02T12:00:00Z`))
      ).json();
      expect(late.gap.reasons[0]).toMatch(/expires on 2099-12-31/);
      expect(
        (await o.clients.marketer.get(api(`/posts/${postId}/coverage?at=tomorrow`))).statusCode,
      ).toBe(400);
      const unlink = await o.clients.marketer.post(
        api(`/posts/${postId}/authorizations/${covering}/unlink`),
      );
      expect(unlink.statusCode, unlink.body).toBe(200);
      expect(
        (await o.clients.marketer.get(api(`/posts/${postId}/coverage`))).json().gap,
      ).not.toBeNull();
      expect(
        (await o.clients.marketer.post(api(`/posts/${postId}/authorizations/${covering}/unlink`)))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await other.clients.owner.post(
            `/api/orgs/${other.orgId}/posts/${postId}/authorizations`,
            { authorizationId: covering },
          )
        ).statusCode,
      ).toBe(404);
    });

    it('tags media with an authorization; a scheduled post keeps its tag and its link', async () => {
      const { postId, mediaId } = await seedPost(t.services.database.db, seeded(), {
        variants: [{ network: 'mastodon', text: story }],
        patientStory: true,
        status: 'scheduled',
        withMedia: true,
      });
      const tag = await o.clients.clinician.post(api(`/media/${mediaId}/authorizations`), {
        authorizationId: covering,
      });
      expect(tag.statusCode, tag.body).toBe(200);
      expect(
        (
          await o.clients.clinician.post(api(`/media/${mediaId}/authorizations`), {
            authorizationId: covering,
          })
        ).statusCode,
      ).toBe(200);
      const untag = await o.clients.clinician.post(
        api(`/media/${mediaId}/authorizations/${covering}/untag`),
      );
      expect(untag.statusCode).toBe(409);
      await o.clients.owner.post(api(`/posts/${postId}/authorizations`), {
        authorizationId: covering,
      });
      expect(
        (await o.clients.owner.post(api(`/posts/${postId}/authorizations/${covering}/unlink`)))
          .statusCode,
      ).toBe(409);
      const detail = (await o.clients.owner.get(api(`/consents/${covering}`))).json();
      expect(detail.media.map((m: { id: string }) => m.id)).toEqual([mediaId]);
      expect(detail.posts).toEqual(
        expect.arrayContaining([{ id: postId, status: 'scheduled', via: 'link' }]),
      );
      const tagged = await t.services.database.db
        .selectFrom('auditEvents')
        .select('id')
        .where('action', '=', 'consent.media_tagged')
        .execute();
      expect(tagged).toHaveLength(1);
    });

    it('the media tag routes: list, and refusals for a words-only, unsigned, revoked or foreign authorization', async () => {
      const { mediaId } = await seedPost(t.services.database.db, seeded(), {
        variants: [{ network: 'mastodon', text: 'Flu shots this week.' }],
        status: 'draft',
        withMedia: true,
      });
      const tagWith = (authorizationId: string, client = o.clients.marketer) =>
        client.post(api(`/media/${mediaId}/authorizations`), { authorizationId });
      const fieldError = async (authorizationId: string): Promise<string> => {
        const res = await tagWith(authorizationId);
        expect(res.statusCode, res.body).toBe(400);
        return res.json().error.details.fields.authorizationId as string;
      };
      const sign = async (body: object): Promise<string> => {
        const sent = await o.clients.owner.post(api('/consents'), { ...body, delivery: 'tablet' });
        const token = (sent.json().signingUrl as string).split('/').pop() ?? '';
        await new TestClient(t.app).post(`/api/public/signing/${token}`, {
          ...signature,
          signature: { method: 'typed' },
        });
        return sent.json().authorizationId as string;
      };
      const wordsOnly = await sign({
        ...request,
        contentTypes: ['text'],
        contentDescription: 'My written review.',
      });
      expect(await fieldError(wordsOnly)).toMatch(/does not cover photos of the patient/);
      const unsigned = (await o.clients.owner.post(api('/consents'), request)).json()
        .authorizationId as string;
      expect(await fieldError(unsigned)).toMatch(/has not signed/);
      const revoked = await sign(request);
      await o.clients.owner.post(api(`/consents/${revoked}/revoke`), { confirm: true });
      expect(await fieldError(revoked)).toMatch(/revoked/);
      const foreign = (
        await other.clients.owner.post(`/api/orgs/${other.orgId}/consents`, request)
      ).json().authorizationId as string;
      expect((await tagWith(foreign)).statusCode).toBe(404);
      expect((await tagWith('')).statusCode).toBe(400);
      expect(
        (
          await o.clients.marketer.post(api(`/media/${mediaId}/authorizations`), {
            authorizationId: covering,
            extra: true,
          })
        ).statusCode,
      ).toBe(400);

      const photos = await sign(request);
      expect((await tagWith(photos, o.clients.viewer)).statusCode).toBe(403);
      expect((await tagWith(photos)).statusCode).toBe(200);
      const list = await o.clients.front_desk.get(api(`/media/${mediaId}/authorizations`));
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json()).toEqual({
        tags: [{ authorizationId: photos, patientName: 'Robin Testpatient', status: 'signed' }],
      });
      expect((await o.clients.viewer.get(api(`/media/${mediaId}/authorizations`))).statusCode).toBe(
        403,
      );
      expect(
        (await other.clients.owner.get(`/api/orgs/${other.orgId}/media/${mediaId}/authorizations`))
          .statusCode,
      ).toBe(404);
      const untag = await o.clients.marketer.post(
        api(`/media/${mediaId}/authorizations/${photos}/untag`),
      );
      expect(untag.statusCode, untag.body).toBe(200);
      expect(
        (await o.clients.marketer.get(api(`/media/${mediaId}/authorizations`))).json(),
      ).toEqual({ tags: [] });
    });

    it('a staff revocation lists the published post for takedown; marking it removed is audited once', async () => {
      const { postId } = await seedPost(t.services.database.db, seeded(), {
        variants: [{ network: 'bluesky', text: story }],
        patientStory: true,
      });
      await markPublished(t.services.database.db, seeded(), postId);
      await o.clients.owner.post(api(`/posts/${postId}/authorizations`), {
        authorizationId: covering,
      });
      const res = await o.clients.compliance_officer.post(api(`/consents/${covering}/revoke`), {
        confirm: true,
      });
      expect(res.statusCode, res.body).toBe(200);
      const detail = (await o.clients.owner.get(api(`/consents/${covering}`))).json();
      expect(detail.status).toBe('revoked');
      const item = detail.takedowns.find((i: { postId: string }) => i.postId === postId);
      expect(item).toMatchObject({ status: 'open', reason: 'revoked' });
      expect(
        (await o.clients.front_desk.post(api(`/takedowns/${item.id}/resolve`), { confirm: true }))
          .statusCode,
      ).toBe(403);
      expect(
        (await o.clients.owner.post(api(`/takedowns/${item.id}/resolve`), { confirm: true }))
          .statusCode,
      ).toBe(200);
      expect(
        (await o.clients.owner.post(api(`/takedowns/${item.id}/resolve`), { confirm: true }))
          .statusCode,
      ).toBe(200);
      expect(
        (
          await other.clients.owner.post(`/api/orgs/${other.orgId}/takedowns/${item.id}/resolve`, {
            confirm: true,
          })
        ).statusCode,
      ).toBe(404);
      const resolved = await t.services.database.db
        .selectFrom('auditEvents')
        .select('id')
        .where('action', '=', 'consent.takedown_resolved')
        .where('targetId', '=', item.id)
        .execute();
      expect(resolved).toHaveLength(1);
      const after = (await o.clients.owner.get(api(`/consents/${covering}`))).json();
      expect(after.takedowns.find((i: { id: string }) => i.id === item.id).status).toBe('done');
    });

    it('resends a link (the old one stops working) and records an expiration event only for event-based forms', async () => {
      const sent = await o.clients.owner.post(api('/consents'), {
        ...request,
        expiry: { kind: 'event', event: 'the end of my orthodontic treatment' },
        delivery: 'tablet',
      });
      const id = sent.json().authorizationId;
      const oldToken = (sent.json().signingUrl as string).split('/').pop() ?? '';
      const resent = await o.clients.front_desk.post(api(`/consents/${id}/signing-link`), {
        mode: 'email',
      });
      expect(resent.statusCode, resent.body).toBe(200);
      const newToken = tokenFrom(t.mails.at(-1)?.text ?? '', 'sign');
      expect(
        (await new TestClient(t.app).get(`/api/public/signing/${oldToken}`)).json().error.message,
      ).toMatch(/replaced/);
      expect(
        (await new TestClient(t.app).post(`/api/public/signing/${newToken}`, signature)).statusCode,
      ).toBe(200);
      expect(
        (await o.clients.owner.post(api(`/consents/${id}/signing-link`), { mode: 'tablet' }))
          .statusCode,
      ).toBe(409);
      const ended = await o.clients.compliance_officer.post(api(`/consents/${id}/expiry-event`), {
        confirm: true,
      });
      expect(ended.statusCode, ended.body).toBe(200);
      expect((await o.clients.owner.get(api(`/consents/${id}`))).json().status).toBe('expired');
      expect(
        (
          await o.clients.compliance_officer.post(api(`/consents/${signedId}/expiry-event`), {
            confirm: true,
          })
        ).statusCode,
      ).toBe(409);
    });

    it('the expiry job, run twice, ends a past-due authorization once', async () => {
      const sent = await o.clients.owner.post(api('/consents'), { ...request, delivery: 'tablet' });
      const id = sent.json().authorizationId;
      const token = (sent.json().signingUrl as string).split('/').pop() ?? '';
      await new TestClient(t.app).post(`/api/public/signing/${token}`, signature);
      await t.services.database.db
        .updateTable('authorizations')
        .set({ expiryDate: '2020-01-01' })
        .where('id', '=', id)
        .execute();
      const [job] = consentJobs({
        config: t.services.config,
        mailer: t.services.mailer,
        box: t.services.box,
      });
      const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
      const context = { db: t.services.database.db, log } as unknown as Parameters<
        NonNullable<typeof job>['handler']
      >[1];
      await job?.handler({}, context);
      await job?.handler({}, context);
      expect((await o.clients.owner.get(api(`/consents/${id}`))).json().status).toBe('expired');
      const events = await t.services.database.db
        .selectFrom('auditEvents')
        .select('id')
        .where('action', '=', 'consent.expired')
        .where('targetId', '=', id)
        .execute();
      expect(events).toHaveLength(1);
    });
  });

  describe('search, export, revocation, retention', () => {
    it('searches by name and filters by status; viewers see nothing (minimum necessary)', async () => {
      const found = (await o.clients.owner.get(api('/consents?query=testpat'))).json()
        .authorizations;
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((a: { patientName: string }) => /Testpatient/.test(a.patientName))).toBe(
        true,
      );
      const pending = (await o.clients.owner.get(api('/consents?status=pending'))).json()
        .authorizations;
      expect(pending.every((a: { status: string }) => a.status === 'pending')).toBe(true);
      expect((await o.clients.owner.get(api('/consents?status=sideways'))).statusCode).toBe(400);
      expect((await o.clients.owner.get(api(`/consents?query=${'%25'}`))).statusCode).toBe(200);
      expect((await o.clients.viewer.get(api('/consents'))).statusCode).toBe(403);
      expect((await other.clients.owner.get(api(`/consents/${signedId}`))).statusCode).toBe(404);
      expect(
        (await other.clients.owner.get(`/api/orgs/${other.orgId}/consents/${signedId}`)).statusCode,
      ).toBe(404);
    });

    it('exports a zip with the CSV and every document, fingerprints matching', async () => {
      const res = await o.clients.compliance_officer.get(api('/consents/export'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(res.rawPayload));
      const csv = new TextDecoder().decode(files['authorizations.csv']);
      expect(csv.split('\r\n')[0]).toMatch(/^id,patient_name,external_id/);
      expect(csv).toContain(signedId);
      const docs = Object.keys(files).filter((f) => f.startsWith('documents/'));
      expect(docs.length).toBeGreaterThanOrEqual(2);
      for (const name of docs)
        expect(csv).toContain(`${name} sha256:${sha256(files[name] as Uint8Array)}`);
      expect((await o.clients.front_desk.get(api('/consents/export'))).statusCode).toBe(403);
    });

    it('the patient revokes through the link in their copy; staff see it at once', async () => {
      const patient = new TestClient(t.app);
      expect((await patient.get(`/api/public/revocation/${revokeToken}`)).json()).toMatchObject({
        status: 'signed',
      });
      expect(
        (await patient.post(`/api/public/revocation/${revokeToken}`, { confirm: false }))
          .statusCode,
      ).toBe(400);
      const res = await patient.post(`/api/public/revocation/${revokeToken}`, { confirm: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('revoked');
      const detail = (await o.clients.owner.get(api(`/consents/${signedId}`))).json();
      expect(detail.status).toBe('revoked');
      expect(detail.defects.map((d: { code: string }) => d.code)).toContain('revoked');
      const again = await o.clients.owner.post(api(`/consents/${signedId}/revoke`), {
        confirm: true,
      });
      expect(again.statusCode).toBe(409);
    });

    it('staff record a written revocation (front desk may); viewers and marketers may not', async () => {
      const sent = await o.clients.owner.post(api('/consents'), { ...request, delivery: 'tablet' });
      const id = sent.json().authorizationId;
      expect(
        (await o.clients.marketer.post(api(`/consents/${id}/revoke`), { confirm: true }))
          .statusCode,
      ).toBe(403);
      const res = await o.clients.front_desk.post(api(`/consents/${id}/revoke`), { confirm: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ ended: true });
    });

    it('nothing can be deleted: no DELETE route exists and a DELETE is answered not found with the record kept', async () => {
      const deletes = routeTable(t.app).filter(
        (r) => r.method === 'DELETE' && /consent|takedown|authorizations/.test(r.url),
      );
      expect(deletes).toEqual([]);
      const res = await o.clients.owner.delete(api(`/consents/${signedId}`));
      expect(res.statusCode).toBe(404);
      const row = await t.services.database.db
        .selectFrom('authorizations')
        .select('id')
        .where('id', '=', signedId)
        .executeTakeFirst();
      expect(row?.id).toBe(signedId);
    });
  });
});
