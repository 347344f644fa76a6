import { z } from 'zod';
import { roles } from '../policy/policy.js';

/** Input shapes shared by the HTTP API, the CLI and the demo. Unknown fields are refused. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .email('Enter a valid email address.')
  .max(254);
export const passwordSchema = z
  .string()
  .min(12, 'Use at least 12 characters.')
  .max(256, 'Use at most 256 characters.');
export const personNameSchema = z.string().trim().min(1, 'Enter a name.').max(120);
export const roleSchema = z
  .enum(roles as [string, ...string[]])
  .transform((r) => r as (typeof roles)[number]);

export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, 'Choose a time zone from the list (an IANA name such as America/Chicago).');

export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{7,20}$/, 'Enter a phone number such as (555) 010-0100.');

export const locationInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter the location name.').max(120),
  address: z.string().trim().min(1, 'Enter the street address.').max(200),
  city: z.string().trim().min(1, 'Enter the city.').max(100),
  state: z.string().trim().min(2, 'Enter the state.').max(50),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code.'),
  phone: phoneSchema,
  fax: phoneSchema.nullish(),
  timeZone: timeZoneSchema,
});
export type LocationInput = z.infer<typeof locationInputSchema>;

export const organizationInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter the organization name.').max(160),
  kind: z.enum(['practice', 'agency']).default('practice'),
});

export const organizationSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(160).optional(),
  requireTotp: z.boolean().optional(),
  idleTimeoutMinutes: z
    .number()
    .int()
    .min(5, 'At least 5 minutes.')
    .max(60, 'At most 60 minutes.')
    .optional(),
});

export const newUserSchema = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
