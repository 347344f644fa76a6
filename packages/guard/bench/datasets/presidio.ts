/**
 * microsoft/presidio-research `synth_dataset_v2.json` (MIT; fake identities from Fake Name
 * Generator, CC BY-SA 3.0 US), mapped to HIPAA categories.
 *
 * Neutral (not scored, predictions on them neither right nor wrong): ORGANIZATION, TITLE and NRP
 * are not identifiers of a person; GPE mixes countries and states (not Safe Harbor identifiers)
 * with cities (identifiers), so it is reported on its own but kept out of the category scores;
 * AGE is only an identifier over 89 (ages ≤ 89 are neutral); DATE_TIME that is a bare year is
 * allowed by Safe Harbor, so bare years are neutral.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchDoc, GoldSpan, HipaaCategory } from '../types.js';
import { SHARED_DATA } from './paths.js';

interface PresidioRecord {
  full_text: string;
  spans: Array<{
    entity_type: string;
    entity_value: string;
    start_position: number;
    end_position: number;
  }>;
}

const TYPE_CATEGORY: Record<string, HipaaCategory | null> = {
  PERSON: 'name',
  STREET_ADDRESS: 'geographic',
  ZIP_CODE: 'geographic',
  GPE: null,
  DATE_TIME: 'date',
  AGE: 'age',
  PHONE_NUMBER: 'phone',
  EMAIL_ADDRESS: 'email',
  US_SSN: 'ssn',
  CREDIT_CARD: 'account_number',
  IBAN_CODE: 'account_number',
  DOMAIN_NAME: 'url',
  IP_ADDRESS: 'ip_address',
  US_DRIVER_LICENSE: 'license_number',
  ORGANIZATION: null,
  TITLE: null,
  NRP: null,
};

/** The HIPAA category of one presidio span, or null when it is neutral. */
export function presidioCategory(type: string, value: string): HipaaCategory | null {
  const category = TYPE_CATEGORY[type] ?? null;
  if (category === 'age') return Number.parseInt(value, 10) > 89 ? 'age' : null;
  if (category === 'date' && /^\s*\d{4}\s*$/.test(value)) return null;
  return category;
}

export function loadPresidio(
  file = join(SHARED_DATA, 'phi/presidio_synth_dataset_v2.json'),
): BenchDoc[] {
  const records = JSON.parse(readFileSync(file, 'utf8')) as PresidioRecord[];
  return records.map((r, i): BenchDoc => {
    const spans: GoldSpan[] = r.spans.map((s) => ({
      start: s.start_position,
      end: s.end_position,
      category: presidioCategory(s.entity_type, s.entity_value),
      sourceType: s.entity_type,
      text: s.entity_value,
    }));
    return {
      id: `presidio-${i}`,
      text: r.full_text,
      kind: 'post',
      practice: 0,
      spans,
      shouldBlock: spans.some((s) => s.category !== null),
    };
  });
}
