import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Finding } from '@bedside/guard';
import { useMemo, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { Education, Provider } from '../../api/providers';
import { GuardedTextarea } from '../guard/guarded-textarea';
import { useGuardContext, useLiveGuard } from '../guard/use-live-guard';
import { useLocations } from '../locations/use-locations';
import {
  approvalNote,
  changesOf,
  draftOf,
  outcomeMessage,
  type ProfileDraft,
} from './profile-draft';
import { PhotoField } from './photo-field';
import { useProviderMutations } from './use-providers';

const educationKinds: { value: Education['kind']; label: string }[] = [
  { value: 'degree', label: 'Degree' },
  { value: 'residency', label: 'Residency' },
  { value: 'fellowship', label: 'Fellowship' },
  { value: 'internship', label: 'Internship' },
  { value: 'other', label: 'Other training' },
];
const noFindings: Finding[] = [];

/** A list of rows (licences, certifications…) with add and remove, each row labelled by its number. */
function RowList<T>(props: {
  noun: string;
  rows: T[];
  blank: T;
  onChange: (rows: T[]) => void;
  render: (row: T, index: number, set: (patch: Partial<T>) => void) => ReactNode;
  error?: string;
}) {
  const { rows, onChange } = props;
  return (
    <Stack gap="xs">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet.
        </Text>
      ) : null}
      {rows.map((row, i) => (
        <Group key={i} align="flex-start" gap="xs" wrap="wrap">
          {props.render(row, i, (patch) =>
            onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))),
          )}
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            mt={30}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            aria-label={`Remove ${props.noun} ${i + 1}`}
          >
            Remove
          </Button>
        </Group>
      ))}
      {props.error ? (
        <Text size="sm" c="red" role="alert">
          {props.error}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="default"
          size="compact-sm"
          onClick={() => onChange([...rows, { ...props.blank }])}
        >
          Add {props.noun}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Every field of a provider's profile as an accessible form: labelled inputs, grouped in
 * fieldsets, the server's errors shown at the field they concern, the bio checked live by the
 * guard. Who approves the change is said at the top and on the save button.
 */
export function ProfileEditor(props: {
  orgId: string;
  provider: Provider;
  providers: Provider[];
  mine: boolean;
  onDone: () => void;
}) {
  const { provider: p, orgId } = props;
  const { update } = useProviderMutations(orgId);
  const locations = useLocations(orgId);
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(p));
  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const direct = props.mine || p.userId === null;

  const context = useGuardContext(orgId);
  // As on the server: the practice's own clinicians are not patients when the bio names them.
  const guardContext = useMemo(
    () =>
      context.data || context.error
        ? {
            ...(context.data ?? {}),
            providers: props.providers.map((x) => ({
              name: `${x.firstName} ${x.lastName}`,
              credentials: x.credentials,
            })),
          }
        : undefined,
    [context.data, context.error, props.providers],
  );
  const bioInput = useMemo(() => ({ text: draft.bio, kind: 'post' as const }), [draft.bio]);
  const live = useLiveGuard(guardContext, bioInput);
  const bioFindings = live.status === 'ready' ? live.result.findings : noFindings;
  const blocked = bioFindings.some((f) => f.severity === 'block');

  const fields = update.error instanceof ApiError ? update.error.fields : {};
  const err = (name: string) => fields[name];
  const formError =
    update.error && Object.keys(fields).length === 0 ? errorMessage(update.error) : undefined;

  const save = () =>
    update.mutate(
      { providerId: p.id, changes: changesOf(draft) },
      {
        onSuccess: (outcome) => {
          notifications.show({ message: outcomeMessage(p, outcome) });
          props.onDone();
        },
      },
    );

  const idPrefix = `edit-${p.id}`;
  return (
    <Stack
      gap="md"
      mt="sm"
      component="form"
      aria-label={`Edit the profile of ${p.displayName}`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Alert color={direct ? 'blue' : 'yellow'} variant="light" id={`${idPrefix}-approval`}>
        {approvalNote(p, props.mine)}
      </Alert>

      <PhotoField orgId={orgId} provider={p} direct={direct} />
      {p.photo ? (
        <TextInput
          label="Photo description (alt text)"
          description="What a screen reader says instead of the photo; required while there is a photo"
          maxLength={300}
          value={draft.photoAlt}
          onChange={(e) => set('photoAlt', e.currentTarget.value)}
          error={err('photoAlt')}
        />
      ) : null}

      <Fieldset legend="Name and identifiers">
        <Group grow align="flex-start">
          <TextInput
            label="First name"
            required
            maxLength={80}
            value={draft.firstName}
            onChange={(e) => set('firstName', e.currentTarget.value)}
            error={err('firstName')}
          />
          <TextInput
            label="Last name"
            required
            maxLength={80}
            value={draft.lastName}
            onChange={(e) => set('lastName', e.currentTarget.value)}
            error={err('lastName')}
          />
        </Group>
        <Group grow align="flex-start" mt="xs">
          <TextInput
            label="Credentials"
            description="MD, DO, DDS, NP, PA-C …"
            maxLength={40}
            value={draft.credentials}
            onChange={(e) => set('credentials', e.currentTarget.value)}
            error={err('credentials')}
          />
          <TextInput
            label="NPI"
            description="Ten digits; the last is a check digit"
            inputMode="numeric"
            maxLength={10}
            value={draft.npi}
            onChange={(e) => set('npi', e.currentTarget.value)}
            error={err('npi')}
          />
        </Group>
      </Fieldset>

      <Fieldset legend="Specialties (NUCC taxonomy)">
        <RowList
          noun="specialty"
          rows={draft.taxonomies}
          blank={{ code: '', primary: draft.taxonomies.length === 0 }}
          onChange={(rows) => set('taxonomies', rows)}
          error={err('taxonomies')}
          render={(t, i, patch) => (
            <>
              <TextInput
                label={`Taxonomy code ${i + 1}`}
                placeholder="207Q00000X"
                maxLength={10}
                value={t.code}
                onChange={(e) => patch({ code: e.currentTarget.value })}
                error={err(`taxonomies.${i}.code`)}
              />
              <Checkbox
                label={`Primary (specialty ${i + 1})`}
                mt={32}
                checked={t.primary}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  // At most one primary: choosing one clears the others.
                  set(
                    'taxonomies',
                    draft.taxonomies.map((x, j) => ({
                      ...x,
                      primary: j === i ? on : on ? false : x.primary,
                    })),
                  );
                }}
              />
            </>
          )}
        />
      </Fieldset>

      <Fieldset legend="State licences">
        <RowList
          noun="licence"
          rows={draft.licences}
          blank={{ state: '', number: '', expiresOn: '' }}
          onChange={(rows) => set('licences', rows)}
          error={err('licences')}
          render={(l, i, patch) => (
            <>
              <TextInput
                label={`State (licence ${i + 1})`}
                placeholder="OR"
                maxLength={2}
                w={150}
                value={l.state}
                onChange={(e) => patch({ state: e.currentTarget.value.toUpperCase() })}
                error={err(`licences.${i}.state`)}
              />
              <TextInput
                label={`Number (licence ${i + 1})`}
                maxLength={40}
                value={l.number}
                onChange={(e) => patch({ number: e.currentTarget.value })}
                error={err(`licences.${i}.number`)}
              />
              <TextInput
                type="date"
                label={`Expires (licence ${i + 1})`}
                value={l.expiresOn}
                onChange={(e) => patch({ expiresOn: e.currentTarget.value })}
                error={err(`licences.${i}.expiresOn`)}
              />
            </>
          )}
        />
      </Fieldset>

      <Fieldset legend="Board certifications">
        <RowList
          noun="certification"
          rows={draft.boardCertifications}
          blank={{ board: '', specialty: '', year: '', expiresOn: '' }}
          onChange={(rows) => set('boardCertifications', rows)}
          render={(c, i, patch) => (
            <>
              <TextInput
                label={`Board (certification ${i + 1})`}
                maxLength={160}
                value={c.board}
                onChange={(e) => patch({ board: e.currentTarget.value })}
                error={err(`boardCertifications.${i}.board`)}
              />
              <TextInput
                label={`Specialty (certification ${i + 1})`}
                maxLength={160}
                value={c.specialty}
                onChange={(e) => patch({ specialty: e.currentTarget.value })}
                error={err(`boardCertifications.${i}.specialty`)}
              />
              <TextInput
                type="number"
                label={`Year (certification ${i + 1})`}
                w={120}
                value={c.year}
                onChange={(e) => patch({ year: e.currentTarget.value })}
                error={err(`boardCertifications.${i}.year`)}
              />
              <TextInput
                type="date"
                label={`Expires (certification ${i + 1})`}
                value={c.expiresOn}
                onChange={(e) => patch({ expiresOn: e.currentTarget.value })}
                error={err(`boardCertifications.${i}.expiresOn`)}
              />
            </>
          )}
        />
      </Fieldset>

      <Fieldset legend="Education and training">
        <RowList
          noun="education entry"
          rows={draft.education}
          blank={{ kind: 'degree' as Education['kind'], institution: '', year: '' }}
          onChange={(rows) => set('education', rows)}
          render={(e, i, patch) => (
            <>
              <NativeSelect
                label={`Kind (entry ${i + 1})`}
                data={educationKinds}
                value={e.kind}
                onChange={(ev) => patch({ kind: ev.currentTarget.value as Education['kind'] })}
              />
              <TextInput
                label={`Institution (entry ${i + 1})`}
                maxLength={200}
                value={e.institution}
                onChange={(ev) => patch({ institution: ev.currentTarget.value })}
                error={err(`education.${i}.institution`)}
              />
              <TextInput
                type="number"
                label={`Year (entry ${i + 1})`}
                w={120}
                value={e.year}
                onChange={(ev) => patch({ year: ev.currentTarget.value })}
                error={err(`education.${i}.year`)}
              />
            </>
          )}
        />
      </Fieldset>

      <Fieldset legend="Practice">
        <Stack gap="xs">
          <Textarea
            label="Hospital affiliations"
            description="One hospital per line"
            autosize
            minRows={2}
            value={draft.affiliations}
            onChange={(e) => set('affiliations', e.currentTarget.value)}
            error={err('affiliations')}
          />
          <TextInput
            label="Languages"
            description="Separated by commas"
            value={draft.languages}
            onChange={(e) => set('languages', e.currentTarget.value)}
            error={err('languages')}
          />
          <Switch
            label="Accepting new patients"
            checked={draft.acceptingNewPatients}
            onChange={(e) => set('acceptingNewPatients', e.currentTarget.checked)}
          />
          <Switch
            label="Offers telehealth"
            checked={draft.telehealth}
            onChange={(e) => set('telehealth', e.currentTarget.checked)}
          />
          <Checkbox.Group
            label="Locations"
            description="Where patients can see this provider"
            value={draft.locationIds}
            onChange={(v) => set('locationIds', v)}
            error={err('locationIds')}
          >
            <Stack gap={4} mt={4}>
              {(locations.data ?? [])
                .filter((l) => !l.archived)
                .map((l) => (
                  <Checkbox key={l.id} value={l.id} label={l.name} />
                ))}
            </Stack>
          </Checkbox.Group>
        </Stack>
      </Fieldset>

      <GuardedTextarea
        label="Bio"
        description="Checked by the guard as you type and again when saved; it is published on the public page"
        value={draft.bio}
        onChange={(v) => set('bio', v)}
        findings={bioFindings}
        maxLength={4000}
        error={err('bio')}
      />
      {live.status === 'unavailable' ? (
        <Text size="sm" c="dimmed">
          {live.reason}
        </Text>
      ) : null}

      {formError ? (
        <Alert color="red" role="alert">
          {formError}
        </Alert>
      ) : Object.keys(fields).length > 0 ? (
        <Alert color="red" role="alert">
          Some fields need attention: see the messages above.
        </Alert>
      ) : null}
      <Group>
        <Button
          type="submit"
          loading={update.isPending}
          disabled={blocked}
          aria-describedby={`${idPrefix}-approval`}
        >
          {direct ? 'Save profile' : 'Propose change'}
        </Button>
        <Button variant="default" onClick={props.onDone}>
          Cancel
        </Button>
        {blocked ? (
          <Text size="sm" c="red">
            The guard blocks this bio: fix the highlighted text first.
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
