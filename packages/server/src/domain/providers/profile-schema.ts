import { z } from 'zod';
import { npiProblem } from './npi.js';
import { TAXONOMY_PATTERN } from './taxonomy.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-06-30.');
const year = z.number().int().min(1900).max(2100);

export const npiSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = npiProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const licenceSchema = z.strictObject({
  state: z.string().regex(/^[A-Z]{2}$/, 'A two-letter state code.'),
  number: text(40),
  expiresOn: isoDate.nullable(),
});

/** Everything about a provider a person can edit; the list fields are stored as JSON. */
export const profileFieldsSchema = z.strictObject({
  firstName: text(80),
  lastName: text(80),
  credentials: z.string().trim().max(40),
  npi: npiSchema.nullable(),
  taxonomies: z
    .array(
      z.strictObject({
        code: z.string().regex(TAXONOMY_PATTERN, 'A NUCC taxonomy code such as 207Q00000X.'),
        primary: z.boolean(),
      }),
    )
    .max(15),
  licences: z.array(licenceSchema).max(60),
  boardCertifications: z
    .array(
      z.strictObject({
        board: text(160),
        specialty: text(160),
        year: year.nullable(),
        expiresOn: isoDate.nullable(),
      }),
    )
    .max(30),
  education: z
    .array(
      z.strictObject({
        kind: z.enum(['degree', 'residency', 'fellowship', 'internship', 'other']),
        institution: text(200),
        year: year.nullable(),
      }),
    )
    .max(30),
  affiliations: z.array(text(200)).max(30),
  languages: z.array(text(60)).max(30),
  acceptingNewPatients: z.boolean(),
  telehealth: z.boolean(),
  /** Set by the photo upload (the stored image's size for `<img width height>`); null removes it. */
  photo: z
    .strictObject({
      mediaId: z.string().min(1).max(64),
      width: z.number().int().min(1).max(4000),
      height: z.number().int().min(1).max(4000),
      mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    })
    .nullable(),
  photoAlt: z.string().trim().max(300),
  bio: z.string().trim().max(4000),
  locationIds: z.array(z.string().min(1).max(64)).max(50),
});

export type ProfileFields = z.infer<typeof profileFieldsSchema>;
export type ProfileChanges = Partial<ProfileFields>;
export const profileChangesSchema = profileFieldsSchema.partial();
/** What a PATCH may send: a photo arrives only through the upload (it can be removed here). */
export const profileEditSchema = profileChangesSchema.extend({ photo: z.null().optional() });
export type ProviderPhoto = NonNullable<ProfileFields['photo']>;

/** The JSON `profile` column: the fields that have no column of their own. */
export type StoredProfile = Omit<
  ProfileFields,
  'firstName' | 'lastName' | 'credentials' | 'npi' | 'licences'
>;
export const PROFILE_FIELD_NAMES = Object.keys(
  profileFieldsSchema.shape,
) as (keyof ProfileFields)[];

export const emptyStoredProfile: StoredProfile = {
  taxonomies: [],
  boardCertifications: [],
  education: [],
  affiliations: [],
  languages: [],
  acceptingNewPatients: true,
  telehealth: false,
  photo: null,
  photoAlt: '',
  bio: '',
  locationIds: [],
};
