import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A mail as the server wrote it: headers and the decoded text body. */
export interface OutboxMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

const waitMs = 30_000;

/** Waits for the first mail to `to` in the outbox folder (mails are written after the API answers). */
export async function waitForMail(outboxDir: string, to: string): Promise<OutboxMail> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const mails = await readOutbox(outboxDir);
    const mail = mails.find((m) => m.to.toLowerCase().includes(to.toLowerCase()));
    if (mail) return mail;
    await sleep(200);
  }
  throw new Error(`no mail to ${to} in ${outboxDir} after ${waitMs / 1000} s`);
}

/** The first link in a mail that starts with `prefix`. */
export function linkIn(mail: OutboxMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s"<>]*`).exec(mail.text);
  if (!match)
    throw new Error(`no link starting with ${prefix} in mail ${mail.file}:\n${mail.text}`);
  return match[0];
}

async function readOutbox(outboxDir: string): Promise<OutboxMail[]> {
  const names = await readdir(outboxDir).catch(() => [] as string[]);
  const files = names.filter((name) => name.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (name) => parseMail(name, await readFile(join(outboxDir, name), 'utf8'))),
  );
}

function parseMail(file: string, raw: string): OutboxMail {
  const normalized = raw.replace(/\r\n/g, '\n');
  const split = normalized.indexOf('\n\n');
  const head = normalized.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = normalized.slice(split + 2);
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  return { file, to: header('To'), subject: header('Subject'), text: decodeBody(body, encoding) };
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
