import type {
  ConsentStatus,
  ContentType,
  PaperElement,
  RecipientChannel,
} from '../../api/consents';
import type { Role } from '../../api/types';

export const channelLabels: Record<RecipientChannel, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X (Twitter)',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  linkedin: 'LinkedIn',
  gbp: 'Google Business Profile',
  website: 'Practice website',
  print: 'Printed materials',
};

export const contentTypeLabels: Record<ContentType, string> = {
  text: 'Their own words (quote, review, story)',
  name: 'Their name',
  photo: 'Photos',
  video: 'Video',
  condition: 'Health condition or treatment',
};

export const statusLabels: Record<ConsentStatus, string> = {
  pending: 'Waiting for signature',
  active: 'Active',
  expiring: 'Expiring within 30 days',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const statusColors: Record<ConsentStatus, string> = {
  pending: 'gray',
  active: 'teal',
  expiring: 'orange',
  expired: 'dark',
  revoked: 'red',
};

/** The elements of 45 CFR 164.508 staff tick off on a paper form. */
export const paperElementLabels: Record<PaperElement, string> = {
  information: 'What information may be used, described specifically — (c)(1)(i)',
  disclosers: 'Who may use and share it (the practice) — (c)(1)(ii)',
  recipients: 'Who receives it (which networks, website, print) — (c)(1)(iii)',
  purpose: 'The purpose — (c)(1)(iv)',
  expiry: 'An expiration date or event — (c)(1)(v)',
  signature: 'Signature and date (and a representative’s authority) — (c)(1)(vi)',
  rightToRevoke: 'The right to revoke in writing — (c)(2)(i)',
  revocationProcedure: 'How to revoke and its exceptions (or the privacy notice) — (c)(2)(i)',
  conditioning: 'Treatment does not depend on signing — (c)(2)(ii)',
  redisclosure: 'Recipients may share it further; no longer protected — (c)(2)(iii)',
  remuneration: 'Payment from a third party is stated (only when someone pays) — (a)(3)(ii)',
  standalone: 'The form stands alone (not part of an intake or treatment form) — (b)(3)',
};

/** What each role may do here; the server decides for real (policy.ts). */
export const canConsent = {
  read: (role: Role) => role !== 'viewer',
  request: (role: Role) =>
    ['owner', 'admin', 'compliance_officer', 'marketer', 'front_desk'].includes(role),
  link: (role: Role) =>
    ['owner', 'admin', 'compliance_officer', 'marketer', 'clinician'].includes(role),
  manage: (role: Role) => ['owner', 'admin', 'compliance_officer'].includes(role),
  revoke: (role: Role) => ['owner', 'admin', 'compliance_officer', 'front_desk'].includes(role),
  export: (role: Role) => ['owner', 'admin', 'compliance_officer'].includes(role),
};

export function describeExpiry(
  expiry: { kind: 'date'; date: string } | { kind: 'event'; event: string },
): string {
  if (expiry.kind === 'event') return `When: ${expiry.event}`;
  const date = new Date(`${expiry.date}T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? expiry.date
    : date.toLocaleDateString('en-US', {
        timeZone: 'UTC',
        year: 'numeric',
        month: 'short',
        day: 'numeric',
      });
}

/** Saves a downloaded file through a temporary link (no third-party request). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
