import { createHash } from 'node:crypto';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

export interface SignedFormContent {
  authorizationId: string;
  practiceName: string;
  patientName: string;
  /** The form exactly as the patient read it: title, then blank-line separated "heading\nbody" blocks. */
  formText: string;
  signedName: string;
  /** ISO instant of the signature. */
  signedAt: string;
  timeZone: string;
  signer: { kind: 'individual' } | { kind: 'personal-representative'; authority: string };
  /** The drawn signature (PNG bytes), or null when the patient typed it. */
  signaturePng: Buffer | null;
}

const page = { width: 612, height: 792, margin: 56 };
const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.35, 0.35, 0.4);

/**
 * The signed authorization as a PDF a compliance officer can file: the full form text, then the
 * signature (drawn image or typed name), who signed and in what capacity, and the date in the
 * practice's zone and in UTC. The standard fonts carry Latin text only; other characters are
 * written as "?" rather than dropped silently.
 */
export async function renderSignedPdf(content: SignedFormContent): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Authorization ${content.authorizationId}`);
  pdf.setProducer('Bedside');
  pdf.setCreationDate(new Date(content.signedAt));
  // No clock in the bytes: the same signed form renders to the same file (and fingerprint).
  pdf.setModificationDate(new Date(content.signedAt));
  const fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    script: await pdf.embedFont(StandardFonts.TimesRomanItalic),
  };
  const writer = new PageWriter(pdf, fonts.regular);
  const [title = '', ...blocks] = content.formText.trim().split(/\n{2,}/);
  // Whose form this is, before anything else: what a person filing it looks for first.
  writer.paragraph(
    `${content.practiceName} - HIPAA authorization (45 CFR 164.508)\nPatient: ${content.patientName}`,
    { font: fonts.regular, size: 9, gap: 8, color: muted },
  );
  writer.paragraph(title, { font: fonts.bold, size: 15, gap: 14 });
  for (const [index, block] of blocks.entries()) {
    const [heading = '', ...body] = block.split('\n');
    // A heading never ends a page alone; the last section (how to sign) stays with the signature.
    writer.ensureSpace(index === blocks.length - 1 ? 260 : 48);
    writer.paragraph(heading, { font: fonts.bold, size: 11, gap: 3 });
    // Blank fill-in lines ("Name:") are printed filled, in the signature block below.
    const lines = body.filter((line) => !/^[^:]{1,60}:\s*$/.test(line));
    if (lines.length > 0)
      writer.paragraph(lines.join('\n'), { font: fonts.regular, size: 10, gap: 10 });
  }
  await writeSignature(pdf, writer, { content, fonts });
  writer.footers(`Authorization ${content.authorizationId} - ${content.practiceName}`);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** The hex SHA-256 of a document, stored beside it and printed in exports. */
export function fingerprint(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function writeSignature(
  pdf: PDFDocument,
  writer: PageWriter,
  options: { content: SignedFormContent; fonts: Record<'regular' | 'bold' | 'script', PDFFont> },
): Promise<void> {
  const { content, fonts } = options;
  writer.ensureSpace(200);
  writer.rule();
  writer.paragraph('Signed', { font: fonts.bold, size: 11, gap: 6 });
  if (content.signaturePng) {
    const image = await pdf.embedPng(content.signaturePng);
    const scale = Math.min(240 / image.width, 70 / image.height, 1);
    writer.image(image, { width: image.width * scale, height: image.height * scale });
  } else {
    writer.paragraph(content.signedName, { font: fonts.script, size: 22, gap: 4 });
  }
  writer.line(270);
  writer.paragraph(`Signature of ${content.signedName}`, {
    font: fonts.regular,
    size: 8,
    gap: 10,
    color: muted,
  });
  writer.paragraph(signingRecordLines(content).join('\n'), {
    font: fonts.regular,
    size: 10,
    gap: 8,
  });
  writer.paragraph(
    'A copy of this signed form was sent to the patient, with a link to revoke it. ' +
      'Bedside stores the SHA-256 of this PDF file beside it and prints it in the audit export; ' +
      'the fingerprints above identify the form text and the signature it holds.',
    { font: fonts.regular, size: 8, gap: 0, color: muted },
  );
}

/**
 * The signing record printed under the signature: who signed, in what capacity, when (the
 * practice's zone and UTC), how, and fingerprints of the form text and the signature image. A PDF
 * cannot carry its own hash; these let anyone check the text and signature were not swapped.
 */
export function signingRecordLines(content: SignedFormContent): string[] {
  const signedAt = new Date(content.signedAt);
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone: content.timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(signedAt);
  const utc = `${signedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return [
    `Patient: ${content.patientName}`,
    `Name of the signer: ${content.signedName}`,
    content.signer.kind === 'individual'
      ? 'Signed by: the patient'
      : `Signed by: a personal representative. Authority: ${content.signer.authority}`,
    `Date signed: ${local} (${content.timeZone}); ${utc}`,
    `Method: ${content.signaturePng ? 'signature drawn' : 'name typed as signature'} on a signing link sent by ${content.practiceName}.`,
    `Authorization: ${content.authorizationId}`,
    `Form text SHA-256: ${fingerprint(Buffer.from(content.formText, 'utf8'))}`,
    content.signaturePng
      ? `Signature image SHA-256: ${fingerprint(content.signaturePng)}`
      : 'Signature image: none (typed)',
  ];
}

/** Lays text out top to bottom, wrapping words and adding pages as needed. */
class PageWriter {
  private current: PDFPage;
  private y: number;
  private readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    private readonly footerFont: PDFFont,
  ) {
    this.current = this.addPage();
    this.y = page.height - page.margin;
  }

  paragraph(
    text: string,
    style: { font: PDFFont; size: number; gap: number; color?: ReturnType<typeof rgb> },
  ): void {
    const leading = style.size * 1.35;
    for (const raw of text.split('\n')) {
      for (const line of wrap(encodable(style.font, raw), style)) {
        this.ensureSpace(leading);
        this.y -= style.size;
        this.current.drawText(line, {
          x: page.margin,
          y: this.y,
          size: style.size,
          font: style.font,
          color: style.color ?? ink,
        });
        this.y -= leading - style.size;
      }
    }
    this.y -= style.gap;
  }

  image(
    image: Awaited<ReturnType<PDFDocument['embedPng']>>,
    size: { width: number; height: number },
  ): void {
    this.ensureSpace(size.height + 4);
    this.y -= size.height;
    this.current.drawImage(image, { x: page.margin, y: this.y, ...size });
    this.y -= 4;
  }

  line(width: number): void {
    this.current.drawLine({
      start: { x: page.margin, y: this.y },
      end: { x: page.margin + width, y: this.y },
      thickness: 0.7,
      color: ink,
    });
    this.y -= 12;
  }

  rule(): void {
    this.y -= 6;
    this.current.drawLine({
      start: { x: page.margin, y: this.y },
      end: { x: page.width - page.margin, y: this.y },
      thickness: 0.5,
      color: muted,
    });
    this.y -= 14;
  }

  ensureSpace(height: number): void {
    if (this.y - height >= page.margin + 20) return;
    this.current = this.addPage();
    this.y = page.height - page.margin;
  }

  footers(label: string): void {
    const text = encodable(this.footerFont, label);
    this.pages.forEach((p, index) => {
      p.drawText(`${text} - page ${index + 1} of ${this.pages.length}`, {
        x: page.margin,
        y: page.margin / 2,
        size: 8,
        font: this.footerFont,
        color: muted,
      });
    });
  }

  private addPage(): PDFPage {
    const added = this.pdf.addPage([page.width, page.height]);
    this.pages.push(added);
    return added;
  }
}

function wrap(text: string, style: { font: PDFFont; size: number }): string[] {
  const width = page.width - 2 * page.margin;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (style.font.widthOfTextAtSize(candidate, style.size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  return line ? [...lines, line] : lines;
}

/** The text with every character the font cannot encode replaced (accents dropped first). */
function encodable(font: PDFFont, text: string): string {
  let out = '';
  for (const char of text) {
    out += canEncode(font, char)
      ? char
      : [...char.normalize('NFKD')].filter((c) => canEncode(font, c)).join('') || '?';
  }
  return out;
}

function canEncode(font: PDFFont, char: string): boolean {
  try {
    font.encodeText(char);
    return true;
  } catch {
    return false;
  }
}
