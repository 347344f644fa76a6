/**
 * @openredaction/openredaction 1.0.4 with its HIPAA preset (`new OpenRedaction({ preset: 'hipaa' })`),
 * scored from `detect(text).detections[].position`.
 */
import { OpenRedaction } from '@openredaction/openredaction';
import type { BenchDoc, HipaaCategory, Prediction, PredictedSpan } from '../types.js';
import type { BenchSystem } from './system.js';

/** openredaction type → HIPAA category; checked in order, first match wins. */
const TYPE_RULES: ReadonlyArray<[RegExp, HipaaCategory]> = [
  [/EMAIL/, 'email'],
  [/FAX/, 'fax'],
  [/PHONE|MOBILE/, 'phone'],
  [/SSN|SOCIAL/, 'ssn'],
  [/^NAME|PERSON/, 'name'],
  [/ZIP|POSTCODE|ADDRESS|STREET/, 'geographic'],
  [/DATE|DOB|BIRTH/, 'date'],
  [/IPV4|IPV6|IP_ADDRESS/, 'ip_address'],
  [/URL|DOMAIN/, 'url'],
  [/CREDIT_CARD|BANK|IBAN|ACCOUNT/, 'account_number'],
  [/DRIVING_LICENSE|DRIVER|LICENSE/, 'license_number'],
  [/MEDICAL_RECORD|MRN/, 'medical_record_number'],
  [/HEALTH_INSURANCE|MEMBER|POLICY/, 'health_plan_number'],
  [/VIN|PLATE|VEHICLE/, 'vehicle_identifier'],
  [/DEVICE|SERIAL|IMEI/, 'device_identifier'],
];

export function openRedactionCategory(type: string): HipaaCategory {
  for (const [pattern, category] of TYPE_RULES) if (pattern.test(type)) return category;
  return 'other_identifier';
}

/** Documents where a detection's `value` differed from `text.slice(position)`. */
export const openRedactionOffsetMismatches: string[] = [];

export function createOpenRedactionSystem(): BenchSystem {
  const detector = new OpenRedaction({ preset: 'hipaa' });
  return {
    id: 'openredaction',
    label: '@openredaction/openredaction 1.0.4 (preset: hipaa)',
    predict(doc: BenchDoc): Prediction {
      const { detections } = detector.detect(doc.text);
      const spans: PredictedSpan[] = [];
      for (const d of detections) {
        const [start, end] = d.position;
        if (doc.text.slice(start, end) !== d.value) openRedactionOffsetMismatches.push(doc.id);
        if (end > start)
          spans.push({ start, end, category: openRedactionCategory(d.type), sourceType: d.type });
      }
      return { spans, block: detections.length > 0 };
    },
    run(text: string): void {
      detector.detect(text);
    },
  };
}
