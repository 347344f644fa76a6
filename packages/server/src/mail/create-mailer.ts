import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config/config.js';
import type { Mailer } from './mailer.js';

/**
 * SMTP through nodemailer when configured; otherwise each mail is written as an .eml file
 * (the same RFC 5322 bytes SMTP would carry) into the outbox folder of the data directory.
 */
export function createMailer(mail: Config['mail']): Mailer {
  if (mail.kind === 'smtp') {
    const transport = nodemailer.createTransport({
      host: mail.host,
      port: mail.port,
      secure: mail.secure,
      auth: mail.user ? { user: mail.user, pass: mail.password ?? '' } : undefined,
      // Loopback test servers use self-signed certificates; real servers are verified.
      tls: { rejectUnauthorized: mail.host !== '127.0.0.1' && mail.host !== 'localhost' },
    });
    return {
      outboxDir: null,
      async send(message) {
        await transport.sendMail({ from: mail.from, ...message });
      },
    };
  }
  const stream = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  let sequence = 0;
  return {
    outboxDir: mail.dir,
    async send(message) {
      const info = await stream.sendMail({ from: mail.from, ...message });
      await mkdir(mail.dir, { recursive: true, mode: 0o700 });
      sequence += 1;
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${sequence}.eml`;
      await writeFile(join(mail.dir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}
