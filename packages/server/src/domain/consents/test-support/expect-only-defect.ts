import { expect } from 'vitest';
import type { AuthorizationRecord } from '../authorization.js';
import type { DefectCode } from '../defects.js';
import { validateAuthorization } from '../validate-authorization.js';
import { buildAuthorization, testNow, testTimeZone } from './build-authorization.js';

export const options = { now: testNow, timeZone: testTimeZone };
export const valid = buildAuthorization();

/** Validates and expects exactly one defect, with this code and citation, worded as a sentence. */
export function expectOnlyDefect(
  record: AuthorizationRecord,
  code: DefectCode,
  citation: string,
): void {
  const result = validateAuthorization(record, options);
  expect(result.valid).toBe(false);
  expect(result.defects.map((d) => [d.code, d.citation])).toEqual([[code, citation]]);
  expect(result.defects[0]?.message).toMatch(/^[A-Z].+\.$/);
}

/** The valid fixture with some statements of 164.508(c)(2) changed. */
export const statements = (
  changes: Partial<AuthorizationRecord['statements']>,
): AuthorizationRecord => buildAuthorization({ statements: { ...valid.statements, ...changes } });
