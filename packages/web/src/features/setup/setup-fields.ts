import { locationRules } from '../locations/location-fields';
import type { LocationFieldName } from '../locations/location-fields';
import { email, password, required, type Validator } from '../../lib/validation';
import { browserTimeZone } from '../locations/time-zones';

export const setupInitial = {
  name: '',
  email: '',
  password: '',
  orgName: '',
  orgKind: 'practice',
  locationName: '',
  address: '',
  city: '',
  state: '',
  zip: '',
  phone: '',
  fax: '',
  timeZone: browserTimeZone(),
};

export type SetupField = keyof typeof setupInitial;

/** The wizard's form field for a location field (the owner's "name" is taken). */
export const locationField = (name: LocationFieldName): SetupField =>
  name === 'name' ? 'locationName' : name;

const locationStepRules = Object.fromEntries(
  Object.entries(locationRules).map(([name, rule]) => [
    locationField(name as LocationFieldName),
    rule,
  ]),
) as Partial<Record<SetupField, Validator>>;

/** Which fields each step checks before moving on. */
export const stepRules: Partial<Record<SetupField, Validator>>[] = [
  { name: required('your name'), email, password },
  { orgName: required('the name of your organization') },
  locationStepRules,
];

/** Maps the server's field paths (`owner.email`, `location.zip`) to the wizard's fields and step. */
export function setupFieldFor(
  serverField: string,
): { field: SetupField; step: number } | undefined {
  const [group, name] = serverField.includes('.') ? serverField.split('.', 2) : ['', serverField];
  if (group === 'owner' && (name === 'name' || name === 'email' || name === 'password'))
    return { field: name, step: 0 };
  if (group === 'organization' && name === 'name') return { field: 'orgName', step: 1 };
  if (group === 'organization' && name === 'kind') return { field: 'orgKind', step: 1 };
  if (group === 'location' && name && name in locationRules)
    return { field: locationField(name as LocationFieldName), step: 2 };
  return undefined;
}
