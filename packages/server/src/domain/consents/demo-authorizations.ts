import type { DbOrTx } from '../../db/database.js';
import type { Mailer } from '../../mail/mailer.js';
import type { Actor } from '../audit/audit-types.js';
import { requestAuthorization, type RequestInput } from './request-authorization.js';
import { signAuthorization } from './sign-authorization.js';

/** The demo never mails anyone: its patients are fictional. */
const noMail: Mailer = { outboxDir: null, send: async () => undefined };

function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function demoRequest(name: string, overrides: Partial<RequestInput>): RequestInput {
  return {
    patient: {
      name,
      contact: { kind: 'email', email: `${name.split(' ')[0]?.toLowerCase()}@example.test` },
      externalId: null,
    },
    contentTypes: ['text', 'name', 'photo'],
    contentDescription:
      'My first name, my written review and two photos of my smile after treatment.',
    networks: ['bluesky', 'mastodon', 'facebook', 'website'],
    purpose: 'To share my experience on the practice’s social media and website.',
    expiry: { kind: 'date', date: dateIn(365) },
    remunerationPayer: null,
    delivery: 'tablet',
    ...overrides,
  };
}

/**
 * Three fictional authorizations for the demo practice: one signed, one signed and expiring within
 * the month, one still waiting for its signature.
 */
export async function createDemoAuthorizations(
  db: DbOrTx,
  options: { orgId: string; actor: Actor },
): Promise<void> {
  const mail = { mailer: noMail, publicUrl: 'http://localhost' };
  const requests = [
    { sign: true, input: demoRequest('Jamie Rivers', {}) },
    {
      sign: true,
      input: demoRequest('Morgan Ellis', { expiry: { kind: 'date', date: dateIn(20) } }),
    },
    {
      sign: false,
      input: demoRequest('Riley Chen', {
        contentTypes: ['text'],
        contentDescription: 'My written review.',
      }),
    },
  ];
  for (const { sign, input } of requests) {
    const requested = await requestAuthorization(db, {
      actor: options.actor,
      orgId: options.orgId,
      input,
      mail,
    });
    if (!sign || !requested.signingUrl) continue;
    await signAuthorization(db, {
      token: requested.signingUrl.split('/').pop() ?? '',
      input: {
        signedName: input.patient.name,
        signer: { kind: 'individual' },
        signature: { method: 'typed' },
        agreed: true,
      },
      actor: { userId: null, label: 'patient (demo)', ip: null },
      mail,
    });
  }
}
