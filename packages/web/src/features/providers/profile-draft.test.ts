import { describe, expect, it } from 'vitest';
import type { Provider } from '../../api/providers';
import { approvalNote, changesOf, draftOf } from './profile-draft';

const hart: Provider = {
  id: 'p1',
  userId: 'u1',
  slug: 'amelia-hart',
  displayName: 'Amelia Hart, MD',
  specialties: ['Family Medicine'],
  published: true,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  firstName: 'Amelia',
  lastName: 'Hart',
  credentials: 'MD',
  npi: '1904000019',
  taxonomies: [{ code: '207Q00000X', primary: true }],
  licences: [{ state: 'OR', number: 'MD-SYN-10421', expiresOn: null }],
  boardCertifications: [
    {
      board: 'American Board of Family Medicine',
      specialty: 'Family Medicine',
      year: 2014,
      expiresOn: null,
    },
  ],
  education: [{ kind: 'residency', institution: 'Synthetic University', year: null }],
  affiliations: ['Riverbend General'],
  languages: ['English', 'Spanish'],
  acceptingNewPatients: true,
  telehealth: false,
  photo: null,
  photoAlt: '',
  bio: 'Family physician.',
  locationIds: ['l1'],
};

describe('profile draft', () => {
  it('round-trips every field: an untouched form proposes the profile as it is', () => {
    const fields = Object.fromEntries(
      Object.entries(hart).filter(
        ([k]) =>
          ![
            'id',
            'userId',
            'slug',
            'displayName',
            'specialties',
            'published',
            'version',
            'createdAt',
            'updatedAt',
            'photo',
          ].includes(k),
      ),
    );
    expect(changesOf(draftOf(hart))).toEqual(fields);
  });

  it('turns what people type into the API shape: empty NPI and years to null, codes and states upper-case, lists split', () => {
    const draft = draftOf(hart);
    draft.npi = ' ';
    draft.taxonomies = [{ code: ' 207qs0010x ', primary: false }];
    draft.licences = [{ state: 'wa', number: 'MD-1', expiresOn: '2027-06-30' }];
    draft.boardCertifications[0]!.year = '';
    draft.affiliations = 'One Hospital\n\n Two Hospital ';
    draft.languages = 'English, , Twi';
    const changes = changesOf(draft);
    expect(changes.npi).toBeNull();
    expect(changes.taxonomies).toEqual([{ code: '207QS0010X', primary: false }]);
    expect(changes.licences).toEqual([{ state: 'WA', number: 'MD-1', expiresOn: '2027-06-30' }]);
    expect(changes.boardCertifications?.[0]?.year).toBeNull();
    expect(changes.affiliations).toEqual(['One Hospital', 'Two Hospital']);
    expect(changes.languages).toEqual(['English', 'Twi']);
    expect(changes).not.toHaveProperty('photo');
  });

  it('says who approves a change before anyone types', () => {
    expect(approvalNote(hart, true)).toMatch(/apply at once/);
    expect(approvalNote(hart, false)).toMatch(/^Amelia Hart approves every change/);
    expect(approvalNote({ ...hart, userId: null }, false)).toMatch(/No clinician account/);
  });
});
