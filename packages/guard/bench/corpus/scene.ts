/**
 * The slots a template can use for one corpus item: the patient's identifiers (labelled) and the
 * practice's own facts (never labelled: they are the hard negatives).
 */
import type { HipaaCategory } from '../types.js';
import * as id from './identifiers.js';
import {
  CITIES,
  EMAIL_DOMAINS,
  INSURERS,
  SPANISH_FEMALE,
  SPANISH_LAST,
  SPANISH_MALE,
} from './pools.js';
import type { Person, Practice } from './practices.js';
import { person } from './practices.js';
import type { Rng } from './rng.js';
import type { SlotValue } from './span-text.js';
import { Scene } from './span-text.js';

export type Lang = 'en' | 'es';

const MID_LEVEL = /PA-C|CPNP|LCSW|PMHNP|PTA/;

function label(category: HipaaCategory, text: string): SlotValue {
  return { text, category };
}

function patientFor(rng: Rng, practice: Practice, lang: Lang): Person {
  const taken = new Set(
    [...practice.providers, ...practice.staff].flatMap((p) => [p.first, p.last]),
  );
  for (;;) {
    const p: Person =
      lang === 'es'
        ? (() => {
            const female = rng.chance(0.55);
            return {
              first: rng.pick(female ? SPANISH_FEMALE : SPANISH_MALE),
              last: rng.pick(SPANISH_LAST),
              female,
            };
          })()
        : person(rng);
    if (!taken.has(p.first) && !taken.has(p.last)) return p;
  }
}

/** Builds the slot table for one item. */
export function makeScene(rng: Rng, practice: Practice, lang: Lang): Scene {
  const patient = patientFor(rng, practice, lang);
  const relative = patientFor(rng, practice, lang);
  const provider = rng.pick(practice.providers);
  const provider2 = rng.pick(practice.providers.filter((p) => p !== provider));
  const staff = rng.pick(practice.staff);
  const location = rng.pick(practice.locations);
  const s = practice.specialty;
  const drName = (p: Practice['providers'][number]) =>
    MID_LEVEL.test(p.credentials) ? `${p.first} ${p.last}, ${p.credentials}` : `Dr. ${p.last}`;
  const casual = (name: string) => (rng.chance(0.1) ? name.toLowerCase() : name);
  const age = rng.int(90, 104);
  const patientCity = rng.pick(
    CITIES.filter((c) => !practice.locations.some((l) => l.city === c.city)),
  );
  const emailUser = `${patient.first}.${patient.last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z.]/g, '');
  return new Scene({
    // The patient and family: Safe Harbor (A)–(R), labelled.
    pfirst: () => label('name', casual(patient.first)),
    plast: () => label('name', patient.last),
    pfull: () => label('name', `${patient.first} ${patient.last}`),
    ptitle: () => (patient.female ? (rng.chance(0.5) ? 'Ms.' : 'Mrs.') : 'Mr.'),
    pr: () => (lang === 'es' ? 'su' : patient.female ? 'her' : 'his'),
    relname: () => label('name', relative.first),
    relword: () =>
      rng.pick(
        lang === 'es'
          ? relative.female
            ? ['mi hija', 'mi esposa', 'mi mamá', 'mi abuela']
            : ['mi hijo', 'mi esposo', 'mi papá', 'mi abuelo']
          : relative.female
            ? ['daughter', 'wife', 'mom', 'grandmother', 'sister']
            : ['son', 'husband', 'dad', 'grandson', 'brother'],
      ),
    handle: () =>
      label(
        'name',
        `@${emailUser.replace('.', rng.pick(['_', '.', '']))}${rng.chance(0.5) ? rng.int(1, 99) : ''}`,
      ),
    vdate: () => label('date', lang === 'es' ? id.writtenDateEs(rng) : id.writtenDate(rng)),
    vdate2: () => label('date', lang === 'es' ? id.writtenDateEs(rng) : id.writtenDate(rng)),
    reldate: () => label('date', lang === 'es' ? id.relativeDateEs(rng) : id.relativeDate(rng)),
    dob: () => label('date', id.birthDate(rng)),
    age90: () => label('age', String(age)),
    age90nth: () => label('age', id.ordinal(age)),
    paddress: () => label('geographic', id.streetAddress(rng)),
    pcity: () => label('geographic', patientCity.city),
    pzip: () => label('geographic', patientCity.zip),
    pphone: () => label('phone', id.phone(rng)),
    pfax: () => label('fax', id.phone(rng)),
    pemail: () =>
      label(
        'email',
        `${emailUser}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${rng.pick(EMAIL_DOMAINS)}`,
      ),
    ssn: () => label('ssn', id.ssn(rng)),
    mrn: () => label('medical_record_number', id.mrn(rng)),
    member: () => label('health_plan_number', id.memberId(rng)),
    acct: () => label('account_number', id.accountNumber(rng)),
    card: () => label('account_number', id.cardNumber(rng)),
    dl: () => label('license_number', id.driverLicense(rng)),
    plate: () => label('vehicle_identifier', id.licensePlate(rng)),
    vin: () => label('vehicle_identifier', id.vin(rng)),
    device: () => label('device_identifier', id.deviceSerial(rng)),
    purl: () =>
      label(
        'url',
        `${rng.pick(['https://www.facebook.com/', 'https://instagram.com/', 'https://www.tiktok.com/@', 'https://www.gofundme.com/f/help-'])}${emailUser.replace('.', rng.pick(['-', '.', '']))}${rng.chance(0.4) ? rng.int(1, 99) : ''}`,
      ),
    phiurl: () =>
      label(
        'url',
        `https://www.${practice.domain}/review?patient=${emailUser.replace('.', '-')}&visit=${rng.pick(s.procedures).replace(/\W+/g, '-')}`,
      ),
    pip: () => label('ip_address', id.ipAddress(rng)),
    claim: () =>
      label('other_identifier', `${rng.pick(['CLM', 'C', ''])}${rng.digits(rng.int(7, 10))}`),
    rx: () => label('other_identifier', `${rng.pick(['RX', 'Rx', ''])}${rng.digits(7)}`),
    // The practice: public facts, never labelled.
    practice: () => practice.context.name ?? '',
    dr: () => drName(provider),
    dr2: () => drName(provider2),
    drfull: () =>
      MID_LEVEL.test(provider.credentials)
        ? drName(provider)
        : `Dr. ${provider.first} ${provider.last}`,
    provfull: () => `${provider.first} ${provider.last}, ${provider.credentials}`,
    provfirst: () => provider.first,
    provlast: () => provider.last,
    staff: () => staff.first,
    stafffull: () => `${staff.first} ${staff.last}`,
    staffrole: () => staff.role,
    addr: () => `${location.address}, ${location.city}, ${location.state} ${location.zip}`,
    street: () => location.address,
    city: () => location.city,
    phone: () => location.phone,
    fax: () => location.fax,
    website: () => practice.context.website ?? '',
    domain: () => practice.domain,
    email: () => rng.pick(practice.context.emails ?? ['']),
    phandle: () => practice.handle,
    mailing: () => practice.context.mailingAddress ?? '',
    edate: () => (lang === 'es' ? id.writtenDateEs(rng) : id.writtenDate(rng)),
    etime: () =>
      rng.pick(['9am–1pm', '10 a.m. to 2 p.m.', '5:30–7pm', '8:00 AM – 12:00 PM', 'noon to 3']),
    year: () => String(rng.int(1988, 2019)),
    procedure: () => rng.pick(lang === 'es' ? s.proceduresEs : s.procedures),
    procedure2: () => rng.pick(s.procedures),
    condition: () => rng.pick(s.conditions),
    fact: () => rng.pick(lang === 'es' ? s.factsEs : s.facts),
    fact2: () => rng.pick(s.facts),
    event: () => rng.pick(s.events),
    insurer: () => rng.pick(INSURERS),
  });
}
