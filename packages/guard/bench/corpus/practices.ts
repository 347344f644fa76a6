/**
 * The practices that publish the corpus. Each one becomes a GuardContext (providers, staff,
 * locations, website, emails, handles) that the guard receives when it scores that practice's items.
 */
import type { GuardContext } from '../../src/types.js';
import { phone, streetAddress } from './identifiers.js';
import { CITIES, FEMALE_FIRST, LAST_NAMES, MALE_FIRST } from './pools.js';
import type { Rng } from './rng.js';
import type { Specialty } from './specialties.js';
import { SPECIALTIES } from './specialties.js';

export interface Person {
  first: string;
  last: string;
  female: boolean;
}

export interface Practice {
  context: GuardContext;
  specialty: Specialty;
  providers: Array<Person & { credentials: string }>;
  staff: Array<Person & { role: string }>;
  locations: Array<{
    address: string;
    city: string;
    state: string;
    zip: string;
    phone: string;
    fax: string;
  }>;
  domain: string;
  handle: string;
}

const PRACTICE_NAMES: Record<string, Array<{ name: string; domain: string }>> = {
  dental: [
    { name: 'Brightwater Family Dental', domain: 'brightwaterdental.com' },
    { name: 'Juniper Ridge Dentistry', domain: 'juniperridgesmiles.com' },
  ],
  pediatrics: [{ name: 'Little Oaks Pediatrics', domain: 'littleoakspeds.com' }],
  dermatology: [{ name: 'Clearview Dermatology & Skin Surgery', domain: 'clearviewderm.com' }],
  'physical-therapy': [{ name: 'Stride Physical Therapy', domain: 'stridept.com' }],
  'behavioral-health': [{ name: 'Harborlight Behavioral Health', domain: 'harborlighthealth.org' }],
  'eye-care': [{ name: 'Northgate Eye Care', domain: 'northgateeyecare.com' }],
};

export function person(rng: Rng): Person {
  const female = rng.chance(0.55);
  return {
    first: rng.pick(female ? FEMALE_FIRST : MALE_FIRST),
    last: rng.pick(LAST_NAMES),
    female,
  };
}

function buildPractice(
  rng: Rng,
  specialty: Specialty,
  { name, domain }: { name: string; domain: string },
): Practice {
  const providers = Array.from({ length: rng.int(3, 5) }, () => ({
    ...person(rng),
    credentials: rng.pick(specialty.credentials),
  }));
  const staff = Array.from({ length: rng.int(3, 4) }, () => ({
    ...person(rng),
    role: rng.pick(specialty.staffRoles),
  }));
  const cities = rng.sample(CITIES, rng.int(1, 2));
  const locations = cities.map((c) => ({
    address: `${streetAddress(rng)}, Suite ${rng.int(1, 4)}${rng.digits(2)}`,
    city: c.city,
    state: c.state,
    zip: c.zip,
    phone: phone(rng),
    fax: phone(rng),
  }));
  const handle = `@${domain.split('.')[0] ?? 'practice'}`;
  const first = locations[0];
  const context: GuardContext = {
    name,
    providers: providers.map((p) => ({ name: `${p.first} ${p.last}`, credentials: p.credentials })),
    staff: staff.map((s) => ({ name: `${s.first} ${s.last}` })),
    locations: locations.map((l) => ({
      name: `${l.city} office`,
      address: l.address,
      city: l.city,
      state: l.state,
      zip: l.zip,
      phone: l.phone,
      fax: l.fax,
    })),
    mailingAddress: first
      ? `PO Box ${rng.int(100, 9999)}, ${first.city}, ${first.state} ${first.zip}`
      : '',
    website: `https://www.${domain}`,
    emails: [`hello@${domain}`, `billing@${domain}`],
    handles: [handle, `${handle}_${specialty.id.slice(0, 4)}`],
  };
  return { context, specialty, providers, staff, locations, domain, handle };
}

/** One practice per entry of PRACTICE_NAMES, in a fixed order. */
export function buildPractices(rng: Rng): Practice[] {
  return SPECIALTIES.flatMap((s) =>
    (PRACTICE_NAMES[s.id] ?? []).map((p) => buildPractice(rng, s, p)),
  );
}
