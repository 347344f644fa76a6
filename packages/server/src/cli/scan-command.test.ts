import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Runs `bedside scan` as a real process from source, with stdin, as the evaluation contract does. */
function scan(
  args: string[],
  input = '',
): { status: number | null; stdout: string; stderr: string } {
  const script = `import(${JSON.stringify(entry)}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })`;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, 'scan', ...args],
    { cwd: root, input, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'bedside-scan-'));
const contextFile = join(dir, 'context.json');
writeFileSync(
  contextFile,
  JSON.stringify({
    name: 'Lakeside Dental',
    providers: [{ name: 'Dr. Priya Natarajan', npi: '1234567893' }],
    staff: [{ name: 'Jordan Ellis' }],
    locations: [
      {
        address: '400 Lake Shore Dr',
        city: 'Chicago',
        state: 'IL',
        zip: '60611',
        phone: '(312) 555-0147',
        fax: '(312) 555-0148',
      },
    ],
    mailing_address: 'PO Box 12, Chicago, IL 60611',
    website: 'https://lakeside-dental.example',
    emails: ['hello@lakeside-dental.example'],
    handles: ['@lakesidedental'],
    favourite_colour: 'ignored',
  }),
);

describe('bedside scan (CLI contract)', () => {
  it('reads JSONL, writes one result per line in the same order', () => {
    const lines = [
      {
        id: 'a',
        kind: 'post',
        text: 'Dr. Priya Natarajan is accepting new patients at 400 Lake Shore Dr — call (312) 555-0147.',
      },
      {
        id: 'b',
        kind: 'post',
        text: 'Patient Marisol Quintanilla, SSN 219-09-9999, DOB 04/17/1948.',
      },
      {
        id: 7,
        kind: 'reply',
        text: 'We are sorry your root canal last week was painful.',
        review: 'Terrible root canal experience.',
      },
    ];
    const { status, stdout, stderr } = scan(
      ['--context', contextFile],
      lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const results = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string | number; verdict: string; findings: unknown[] });
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 7]);
    expect(results[1]!.verdict).toBe('block');
    expect(results[2]!.verdict).toBe('block');
  });

  it('exits 2 naming the bad line', () => {
    const input = [
      JSON.stringify({ id: 1, kind: 'post', text: 'fine' }),
      '{"id": 2, "kind": "tweet", "text": "x"}',
    ].join('\n');
    const { status, stderr, stdout } = scan(['--context', contextFile], input);
    expect(status).toBe(2);
    expect(stderr).toMatch(/line 2/);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const notJson = scan([], 'not json\n');
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/line 1/);
  });

  it('exits 2 on a context file that is not JSON', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    const { status, stderr } = scan(['--context', bad], '');
    expect(status).toBe(2);
    expect(stderr).toMatch(/bad\.json/);
  });

  it('prints a readable report for one text file', () => {
    const file = join(dir, 'post.txt');
    writeFileSync(
      file,
      'Happy 90th birthday to our patient Mr. Kline!\nSee you at 400 Lake Shore Dr.',
    );
    const { status, stdout } = scan([file, '--context', contextFile]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/BLOCKED/);
    expect(stdout).toMatch(/line 1:/);
  });
});
