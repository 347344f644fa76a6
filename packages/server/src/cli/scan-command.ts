import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  createGuard,
  type CheckKind,
  type Finding,
  type Guard,
  type GuardContext,
} from '@bedside/guard';
import { AppError } from '../errors.js';

/** The evaluation contract's context file; unknown fields are ignored. */
const contextFileSchema = z.object({
  name: z.string().optional(),
  providers: z
    .array(z.object({ name: z.string(), credentials: z.string().optional() }).passthrough())
    .optional(),
  staff: z.array(z.object({ name: z.string() }).passthrough()).optional(),
  locations: z
    .array(
      z
        .object({
          name: z.string().optional(),
          address: z.string().optional(),
          city: z.string().optional(),
          state: z.string().optional(),
          zip: z.string().optional(),
          phone: z.string().optional(),
          fax: z.string().optional(),
        })
        .passthrough(),
    )
    .optional(),
  mailing_address: z.string().optional(),
  website: z.string().optional(),
  emails: z.array(z.string()).optional(),
  handles: z.array(z.string()).optional(),
  custom_rules: z
    .object({ block: z.array(z.string()).optional(), allow: z.array(z.string()).optional() })
    .optional(),
});

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  kind: z.enum(['post', 'reply', 'message', 'inbound']),
  text: z.string(),
  review: z.string().nullish(),
});

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description(
      'check text with the compliance guard: JSONL on stdin → JSONL on stdout, or one text file → a readable report',
    )
    .argument('[file]', 'a text file to check and report on')
    .option(
      '--context <file>',
      'the practice context JSON (providers, staff, locations, website, emails, handles)',
    )
    .option('--kind <kind>', 'for a file: post, reply, message or inbound', 'post')
    .option('--review <file>', 'for a reply: a file with the review it answers')
    .action(
      async (
        file: string | undefined,
        opts: { context?: string; kind: string; review?: string },
      ) => {
        const guard = createGuard(opts.context ? readContext(opts.context) : {});
        if (file) return reportFile(guard, file, opts);
        await scanJsonLines(guard);
      },
    );
}

function readContext(path: string): GuardContext {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError(
      'validation_failed',
      `${path}: cannot read the context file as JSON (${(error as Error).message.slice(0, 120)})`,
    );
  }
  const parsed = contextFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'context'}: ${i.message}`).join('; ')}`,
    );
  }
  const c = parsed.data;
  return {
    name: c.name,
    providers: c.providers?.map((p) => ({
      name: p.name,
      ...(p.credentials && { credentials: p.credentials }),
    })),
    staff: c.staff?.map((s) => ({ name: s.name })),
    locations: c.locations,
    mailingAddress: c.mailing_address,
    website: c.website,
    emails: c.emails,
    handles: c.handles,
    customRules: c.custom_rules,
  };
}

/** One result line per input line, in order; stops at the first bad line and names it (exit 2). */
async function scanJsonLines(guard: Guard): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let buffer = '';
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let item: z.infer<typeof lineSchema>;
    try {
      const parsed = lineSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(
          parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '),
        );
      item = parsed.data;
    } catch (error) {
      process.stdout.write(buffer);
      throw new AppError(
        'validation_failed',
        `stdin line ${lineNumber}: ${(error as Error).message.slice(0, 200)}`,
      );
    }
    let result;
    try {
      result = guard.check({
        text: item.text,
        kind: item.kind,
        ...(item.review && { review: item.review }),
      });
    } catch (error) {
      process.stdout.write(buffer);
      throw new AppError(
        'validation_failed',
        `stdin line ${lineNumber}: ${(error as Error).message.slice(0, 200)}`,
      );
    }
    buffer +=
      JSON.stringify({ id: item.id, verdict: result.verdict, findings: result.findings }) + '\n';
    if (buffer.length > 64 * 1024) {
      if (!process.stdout.write(buffer))
        await new Promise((resolve) => process.stdout.once('drain', resolve));
      buffer = '';
    }
  }
  process.stdout.write(buffer);
}

function reportFile(guard: Guard, file: string, opts: { kind: string; review?: string }): void {
  const kind = lineSchema.shape.kind.safeParse(opts.kind);
  if (!kind.success)
    throw new AppError(
      'validation_failed',
      `--kind must be post, reply, message or inbound (got "${opts.kind}")`,
    );
  const text = readText(file);
  const review = opts.review ? readText(opts.review) : undefined;
  const result = guard.check({ text, kind: kind.data as CheckKind, ...(review && { review }) });
  const label = {
    block: 'BLOCKED — must be fixed before it can go out',
    review: 'NEEDS REVIEW — warnings to check',
    pass: 'PASS — nothing found',
  }[result.verdict];
  console.log(`${file}: ${label}`);
  for (const f of result.findings) console.log(describe(text, f));
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'validation_failed',
      `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}`,
    );
  }
}

function describe(text: string, f: Finding): string {
  const before = text.slice(0, f.start);
  const line = before.split('\n').length;
  const column = f.start - before.lastIndexOf('\n');
  const where = f.end > f.start ? `line ${line}:${column} "${f.text.slice(0, 60)}"` : 'whole text';
  return `  [${f.severity}] ${f.rule} at ${where}\n      ${f.message}${f.fix ? `\n      Fix: ${f.fix.description}` : ''}`;
}
