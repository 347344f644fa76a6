import type { ChangeOutcome, Education, ProfileEdit, Provider } from '../../api/providers';

/** The edit form's state: every profile field, with numbers and dates as the text people type. */
export interface ProfileDraft {
  firstName: string;
  lastName: string;
  credentials: string;
  npi: string;
  taxonomies: { code: string; primary: boolean }[];
  licences: { state: string; number: string; expiresOn: string }[];
  boardCertifications: { board: string; specialty: string; year: string; expiresOn: string }[];
  education: { kind: Education['kind']; institution: string; year: string }[];
  affiliations: string;
  languages: string;
  acceptingNewPatients: boolean;
  telehealth: boolean;
  photoAlt: string;
  bio: string;
  locationIds: string[];
}

export function draftOf(p: Provider): ProfileDraft {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    credentials: p.credentials,
    npi: p.npi ?? '',
    taxonomies: p.taxonomies.map((t) => ({ ...t })),
    licences: p.licences.map((l) => ({ ...l, expiresOn: l.expiresOn ?? '' })),
    boardCertifications: p.boardCertifications.map((c) => ({
      ...c,
      year: c.year === null ? '' : String(c.year),
      expiresOn: c.expiresOn ?? '',
    })),
    education: p.education.map((e) => ({ ...e, year: e.year === null ? '' : String(e.year) })),
    affiliations: p.affiliations.join('\n'),
    languages: p.languages.join(', '),
    acceptingNewPatients: p.acceptingNewPatients,
    telehealth: p.telehealth,
    photoAlt: p.photoAlt,
    bio: p.bio,
    locationIds: [...p.locationIds],
  };
}

const year = (value: string): number | null => (value.trim() ? Number(value.trim()) : null);
const date = (value: string): string | null => value.trim() || null;
const lines = (value: string, separator: RegExp): string[] =>
  value
    .split(separator)
    .map((v) => v.trim())
    .filter(Boolean);

/** The draft as the API's profile change; the server keeps only the fields that really changed. */
export function changesOf(d: ProfileDraft): ProfileEdit {
  return {
    firstName: d.firstName,
    lastName: d.lastName,
    credentials: d.credentials,
    npi: d.npi.trim() || null,
    taxonomies: d.taxonomies.map((t) => ({
      code: t.code.trim().toUpperCase(),
      primary: t.primary,
    })),
    licences: d.licences.map((l) => ({
      state: l.state.trim().toUpperCase(),
      number: l.number,
      expiresOn: date(l.expiresOn),
    })),
    boardCertifications: d.boardCertifications.map((c) => ({
      board: c.board,
      specialty: c.specialty,
      year: year(c.year),
      expiresOn: date(c.expiresOn),
    })),
    education: d.education.map((e) => ({
      kind: e.kind,
      institution: e.institution,
      year: year(e.year),
    })),
    affiliations: lines(d.affiliations, /\n/),
    languages: lines(d.languages, /,/),
    acceptingNewPatients: d.acceptingNewPatients,
    telehealth: d.telehealth,
    photoAlt: d.photoAlt,
    bio: d.bio,
    locationIds: d.locationIds,
  };
}

/** Who decides on a change made here, said before anyone types. */
export function approvalNote(p: Provider, mine: boolean): string {
  if (mine) return 'This is your profile: your changes apply at once.';
  if (p.userId === null)
    return 'No clinician account is linked to this profile: changes apply at once.';
  return `${p.firstName} ${p.lastName} approves every change you propose here; until then the public page keeps the current profile.`;
}

export function outcomeMessage(p: Provider, outcome: ChangeOutcome): string {
  if (outcome.status === 'pending') return `Sent to ${p.firstName} ${p.lastName} for approval`;
  return outcome.status === 'applied' ? 'Profile updated' : 'Nothing changed';
}
