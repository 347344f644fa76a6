import { Checkbox, Group, Radio, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import {
  contentTypes,
  recipientChannels,
  type ConsentRequestInput,
  type ContentType,
  type RecipientChannel,
} from '../../api/consents';
import { channelLabels, contentTypeLabels } from './consent-labels';

/** What an authorization covers, as staff fill it in (strings, turned into the request on submit). */
export interface ScopeState {
  patientName: string;
  contactKind: 'email' | 'phone';
  contact: string;
  externalId: string;
  contentTypes: ContentType[];
  contentDescription: string;
  networks: RecipientChannel[];
  purpose: string;
  expiryKind: 'date' | 'event';
  expiryDate: string;
  expiryEvent: string;
  remunerationPayer: string;
}

export const emptyScope: ScopeState = {
  patientName: '',
  contactKind: 'email',
  contact: '',
  externalId: '',
  contentTypes: ['text'],
  contentDescription: '',
  networks: [],
  // Where it appears is its own element (the recipients); the purpose does not repeat or contradict it.
  purpose: 'To share my experience as a patient in the practice’s publicity.',
  expiryKind: 'date',
  expiryDate: '',
  expiryEvent: '',
  remunerationPayer: '',
};

export function scopeInput(s: ScopeState): Omit<ConsentRequestInput, 'delivery'> {
  return {
    patient: {
      name: s.patientName,
      contact:
        s.contactKind === 'email'
          ? { kind: 'email', email: s.contact.trim() }
          : { kind: 'phone', phone: s.contact },
      externalId: s.externalId.trim() || null,
    },
    contentTypes: s.contentTypes,
    contentDescription: s.contentDescription,
    networks: s.networks,
    purpose: s.purpose,
    expiry:
      s.expiryKind === 'date'
        ? { kind: 'date', date: s.expiryDate }
        : { kind: 'event', event: s.expiryEvent },
    remunerationPayer: s.remunerationPayer.trim() || null,
  };
}

/** Server field names (`patient.contact.email`, `expiry.date`, …) → the field shown here. */
export function scopeError(
  fields: Record<string, string>,
  name: keyof ScopeState,
): string | undefined {
  const map: Record<keyof ScopeState, string[]> = {
    patientName: ['patient.name'],
    contactKind: [],
    contact: ['patient.contact', 'patient.contact.email', 'patient.contact.phone'],
    externalId: ['patient.externalId'],
    contentTypes: ['contentTypes', 'information'],
    contentDescription: ['contentDescription', 'information.description'],
    networks: ['networks', 'recipients'],
    purpose: ['purpose'],
    expiryKind: [],
    expiryDate: ['expiry', 'expiry.date'],
    expiryEvent: ['expiry', 'expiry.event'],
    remunerationPayer: ['remunerationPayer', 'remuneration.statement'],
  };
  for (const key of map[name]) if (fields[key]) return fields[key];
  return undefined;
}

export function ScopeFields(props: {
  value: ScopeState;
  onChange: (next: ScopeState) => void;
  errors: Record<string, string>;
}) {
  const { value: s, onChange, errors } = props;
  const set = <K extends keyof ScopeState>(key: K, v: ScopeState[K]) =>
    onChange({ ...s, [key]: v });
  const err = (name: keyof ScopeState) => scopeError(errors, name);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Patient's full name"
          required
          value={s.patientName}
          onChange={(e) => set('patientName', e.currentTarget.value)}
          error={err('patientName')}
          autoComplete="off"
        />
        <TextInput
          label="Chart number (optional)"
          description="Your own reference; never published"
          value={s.externalId}
          onChange={(e) => set('externalId', e.currentTarget.value)}
          autoComplete="off"
        />
      </SimpleGrid>
      <Radio.Group
        label="Contact for the signing link"
        value={s.contactKind}
        onChange={(v) => set('contactKind', v as 'email' | 'phone')}
      >
        <Group mt={4}>
          <Radio value="email" label="Email" />
          <Radio value="phone" label="Phone (sign on the office tablet)" />
        </Group>
      </Radio.Group>
      <TextInput
        label={s.contactKind === 'email' ? 'Email address' : 'Phone number'}
        required
        type={s.contactKind === 'email' ? 'email' : 'tel'}
        value={s.contact}
        onChange={(e) => set('contact', e.currentTarget.value)}
        error={err('contact')}
        autoComplete="off"
      />
      <Checkbox.Group
        label="What may be used"
        description="Only what the post will show"
        value={s.contentTypes}
        onChange={(v) => set('contentTypes', v as ContentType[])}
        error={err('contentTypes')}
        withAsterisk
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
          {contentTypes.map((t) => (
            <Checkbox key={t} value={t} label={contentTypeLabels[t]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea
        label="Describe it specifically"
        description="For example: “my first name, my written review and two photos of my smile taken in March”"
        required
        autosize
        minRows={2}
        value={s.contentDescription}
        onChange={(e) => set('contentDescription', e.currentTarget.value)}
        error={err('contentDescription')}
      />
      <Checkbox.Group
        label="Where it may appear"
        value={s.networks}
        onChange={(v) => set('networks', v as RecipientChannel[])}
        error={err('networks')}
        withAsterisk
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt={6} spacing={6}>
          {recipientChannels.map((c) => (
            <Checkbox key={c} value={c} label={channelLabels[c]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea
        label="Purpose"
        required
        autosize
        minRows={1}
        value={s.purpose}
        onChange={(e) => set('purpose', e.currentTarget.value)}
        error={err('purpose')}
      />
      <Radio.Group
        label="Ends"
        value={s.expiryKind}
        onChange={(v) => set('expiryKind', v as 'date' | 'event')}
      >
        <Group mt={4}>
          <Radio value="date" label="On a date" />
          <Radio value="event" label="When something happens" />
        </Group>
      </Radio.Group>
      {s.expiryKind === 'date' ? (
        <TextInput
          label="Last day in effect"
          type="date"
          required
          value={s.expiryDate}
          onChange={(e) => set('expiryDate', e.currentTarget.value)}
          error={err('expiryDate')}
        />
      ) : (
        <TextInput
          label="The event that ends it"
          description="It must relate to the patient or the purpose, e.g. “the end of my treatment”"
          required
          value={s.expiryEvent}
          onChange={(e) => set('expiryEvent', e.currentTarget.value)}
          error={err('expiryEvent')}
        />
      )}
      <TextInput
        label="Does a third party pay the practice for this? (optional)"
        description="Name the company; the form will then say so (45 CFR 164.508(a)(3)(ii))"
        value={s.remunerationPayer}
        onChange={(e) => set('remunerationPayer', e.currentTarget.value)}
        error={err('remunerationPayer')}
      />
    </Stack>
  );
}
