import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { testPng } from '../../connectors/test-support/test-image.js';
import { renderAuthorization } from './default-template.js';
import {
  fingerprint,
  renderSignedPdf,
  signingRecordLines,
  type SignedFormContent,
} from './render-pdf.js';

const formText = renderAuthorization({
  practiceName: 'Sample Family Dental',
  patientName: 'Robin Testpatient',
  contentTypes: ['text', 'photo'],
  contentDescription: 'My written review and two photos of my smile.',
  networks: ['mastodon', 'facebook'],
  purpose: 'To share my experience on the practice’s social media.',
  expiry: { kind: 'date', date: '2099-12-31' },
  remunerationPayer: 'Acme Aligners Inc.',
}).text;

const signed = (overrides: Partial<SignedFormContent> = {}): SignedFormContent => ({
  authorizationId: 'a1b2c3',
  practiceName: 'Sample Family Dental',
  patientName: 'Robin Testpatient',
  formText,
  signedName: 'Robin Testpatient',
  signedAt: '2026-03-02T18:00:00Z',
  timeZone: 'America/Chicago',
  signer: { kind: 'individual' },
  signaturePng: Buffer.from(testPng(120, 40)),
  ...overrides,
});

describe('the signed authorization PDF', () => {
  it('records who signed, when in the practice zone and UTC, and fingerprints of the text and the drawn signature', () => {
    const content = signed();
    expect(signingRecordLines(content)).toEqual([
      'Patient: Robin Testpatient',
      'Name of the signer: Robin Testpatient',
      'Signed by: the patient',
      'Date signed: March 2, 2026 at 12:00 PM (America/Chicago); 2026-03-02 18:00:00 UTC',
      'Method: signature drawn on a signing link sent by Sample Family Dental.',
      'Authorization: a1b2c3',
      `Form text SHA-256: ${fingerprint(Buffer.from(formText, 'utf8'))}`,
      `Signature image SHA-256: ${fingerprint(content.signaturePng ?? Buffer.alloc(0))}`,
    ]);
  });

  it("names a representative's authority and says when the signature was typed", () => {
    const lines = signingRecordLines(
      signed({
        signer: { kind: 'personal-representative', authority: 'Parent of a minor' },
        signaturePng: null,
      }),
    );
    expect(lines).toContain('Signed by: a personal representative. Authority: Parent of a minor');
    expect(lines).toContain('Signature image: none (typed)');
  });

  it('renders a loadable letter-size PDF, the same bytes twice, and refuses a signature that is not a PNG', async () => {
    const bytes = await renderSignedPdf(signed());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const loaded = await PDFDocument.load(bytes);
    expect(loaded.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(loaded.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    expect(fingerprint(await renderSignedPdf(signed()))).toBe(fingerprint(bytes));
    await expect(
      renderSignedPdf(signed({ signaturePng: Buffer.from('not a png') })),
    ).rejects.toThrow();
  });
});
