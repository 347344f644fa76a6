import type { CheckDocument } from '../engine/document.js';

/**
 * Media checks: a visible face is a full-face photo (Safe Harbor (Q)) unless an authorization is linked;
 * an image without alt text is an accessibility problem.
 */
export function detectMediaIssues(doc: CheckDocument): void {
  const media = doc.input.media ?? [];
  media.forEach((m, i) => {
    if (!m) return;
    if (m.hasFace && !doc.input.authorizationLinked && doc.kind !== 'inbound') {
      doc.add({
        rule: 'phi.photo-face',
        category: 'photo',
        start: 0,
        end: 0,
        severity: 'block',
        message: `Image ${i + 1} shows a face. A recognisable photo of a patient needs their signed authorization.`,
        fix: {
          kind: 'link-authorization',
          description: 'Link the signed authorization for this photo, or crop/blur the face.',
        },
      });
    }
    if (!m.altText || !m.altText.trim()) {
      doc.add({
        rule: 'a11y.alt-text',
        category: 'accessibility',
        start: 0,
        end: 0,
        severity: 'warn',
        message: `Image ${i + 1} has no alt text, so people using screen readers cannot tell what it shows.`,
        fix: {
          kind: 'advice',
          description: 'Add a short description of the image (without naming patients).',
        },
      });
    }
  });
}
