import type { Finding } from '@bedside/guard';
import { describe, expect, it } from 'vitest';
import { applyFix } from './apply-fix';
import { findingsSummary } from './findings-summary';
import { segmentText } from './segments';

function finding(text: string, needle: string, extra: Partial<Finding> = {}): Finding {
  const start = text.indexOf(needle);
  return {
    rule: 'phi.name',
    category: 'name',
    start,
    end: start + needle.length,
    text: needle,
    severity: 'block',
    message: 'A name',
    ...extra,
  };
}

const joined = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

describe('segmentText', () => {
  const text = 'Thanks Maria Lopez, see you on May 3rd!';

  it('returns the whole text as one plain segment without findings', () => {
    expect(segmentText(text, [])).toEqual([
      { start: 0, end: text.length, text, findings: [], severity: undefined },
    ]);
    expect(segmentText('', [])).toEqual([]);
  });

  it('cuts at every boundary and always concatenates back to the input', () => {
    const name = finding(text, 'Maria Lopez');
    const date = finding(text, 'May 3rd', { rule: 'phi.date', severity: 'warn' });
    const segments = segmentText(text, [date, name]);
    expect(joined(segments)).toBe(text);
    expect(segments.map((s) => [s.text, s.severity])).toEqual([
      ['Thanks ', undefined],
      ['Maria Lopez', 'block'],
      [', see you on ', undefined],
      ['May 3rd', 'warn'],
      ['!', undefined],
    ]);
  });

  it('splits overlapping findings and shows the most severe one where they overlap', () => {
    const wide = finding(text, 'Maria Lopez, see', { severity: 'info', rule: 'a' });
    const narrow = finding(text, 'Lopez', { severity: 'block', rule: 'b' });
    const segments = segmentText(text, [wide, narrow]);
    expect(joined(segments)).toBe(text);
    expect(
      segments.filter((s) => s.severity).map((s) => [s.text, s.severity, s.findings.length]),
    ).toEqual([
      ['Maria ', 'info', 1],
      ['Lopez', 'block', 2],
      [', see', 'info', 1],
    ]);
  });

  it('drops findings that no longer match the text, whole-document ones and bad offsets', () => {
    const stale = { ...finding(text, 'Maria Lopez'), text: 'Mario Lopez' };
    const whole: Finding = { ...finding(text, 'Maria'), start: 0, end: 0, text: '' };
    const outside: Finding = { ...finding(text, 'Maria'), start: 35, end: 90 };
    expect(segmentText(text, [stale, whole, outside])).toHaveLength(1);
  });

  it('keeps surrogate pairs intact around emoji', () => {
    const emoji = 'Hi 👋🏽 Ana!';
    const segments = segmentText(emoji, [finding(emoji, 'Ana')]);
    expect(joined(segments)).toBe(emoji);
    expect(segments[1]?.text).toBe('Ana');
  });
});

describe('applyFix', () => {
  const text = 'Call Maria at 555-201-4433.';
  it('replaces the span with a redaction', () => {
    const f = finding(text, 'Maria', {
      fix: { kind: 'redact', replacement: '[name]', description: 'Remove' },
    });
    expect(applyFix(text, f)).toBe('Call [name] at 555-201-4433.');
  });
  it('replaces the whole text for a whole-document replace-text fix', () => {
    const f: Finding = {
      ...finding(text, 'Maria'),
      start: 0,
      end: 0,
      text: '',
      fix: {
        kind: 'replace-text',
        replacement: 'Thank you for your feedback.',
        description: 'Use a safe reply',
      },
    };
    expect(applyFix(text, f)).toBe('Thank you for your feedback.');
  });
  it('replaces the whole reply for a patient-relationship finding on a span', () => {
    const reply = 'Sorry about your root canal visit.';
    const f = finding(reply, 'your root canal visit', {
      category: 'patient_relationship',
      rule: 'reply.confirms-patient',
      fix: {
        kind: 'replace-text',
        replacement: 'Thank you for your feedback.',
        description: 'Safe reply',
      },
    });
    expect(applyFix(reply, f)).toBe('Thank you for your feedback.');
  });
  it('refuses stale findings and fixes it cannot apply', () => {
    const redact = { kind: 'redact' as const, replacement: '[name]', description: 'Remove' };
    expect(applyFix('Call Mario at home', finding(text, 'Maria', { fix: redact }))).toBeUndefined();
    expect(
      applyFix(text, finding(text, 'Maria', { fix: { kind: 'advice', description: 'x' } })),
    ).toBeUndefined();
    expect(applyFix(text, finding(text, 'Maria'))).toBeUndefined();
  });
});

describe('findingsSummary', () => {
  it('counts by severity in words', () => {
    const text = 'a b c';
    expect(findingsSummary([])).toBe('No findings.');
    expect(
      findingsSummary([
        finding(text, 'a'),
        finding(text, 'b', { severity: 'warn' }),
        finding(text, 'c', { severity: 'warn' }),
      ]),
    ).toBe('3 findings: 1 must be fixed, 2 to review.');
  });
});
