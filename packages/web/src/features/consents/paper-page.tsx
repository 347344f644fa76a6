import {
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error';
import { paperElements, type PaperElement, type PaperInput } from '../../api/consents';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { useCurrentOrg } from '../shell/current-org';
import { paperElementLabels } from './consent-labels';
import { consentPaths } from './consent-paths';
import { emptyScope, ScopeFields, scopeInput, type ScopeState } from './scope-fields';
import { useConsentMutations } from './use-consents';

const maxBytes = 2 * 1024 * 1024;
const types = ['application/pdf', 'image/jpeg', 'image/png'] as const;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** A signed paper form: its scan, what it says, and each element of 164.508 ticked off by staff. */
export function PaperPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const mutations = useConsentMutations(org.orgId);
  const [scope, setScope] = useState<ScopeState>({ ...emptyScope, contactKind: 'phone' });
  const [signedName, setSignedName] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const [who, setWho] = useState<'individual' | 'personal-representative'>('individual');
  const [authority, setAuthority] = useState('');
  const [ticked, setTicked] = useState<PaperElement[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFormError(undefined);
    if (!file) return setErrors({ 'file.data': 'Choose the scan of the signed form.' });
    if (!types.includes(file.type as (typeof types)[number]))
      return setErrors({ 'file.data': 'Upload a PDF, JPEG or PNG scan.' });
    if (file.size > maxBytes)
      return setErrors({
        'file.data': 'The file is larger than 2 MB; scan it at a lower resolution.',
      });
    try {
      const input: PaperInput = {
        ...scopeInput(scope),
        signature: {
          signedName,
          signedOn,
          signer:
            who === 'individual'
              ? { kind: 'individual' }
              : { kind: 'personal-representative', authority },
        },
        elements: Object.fromEntries(
          paperElements.map((e) => [e, ticked.includes(e)]),
        ) as PaperInput['elements'],
        file: {
          mediaType: file.type as PaperInput['file']['mediaType'],
          data: await toBase64(file),
        },
      };
      const result = await mutations.paper.mutateAsync(input);
      notifications.show({ message: 'Paper authorization filed.' });
      void navigate(consentPaths.detail(result.authorizationId));
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields);
      setFormError(errorMessage(error));
    }
  };

  return (
    <>
      <PageHeader
        title="Record a paper form"
        description="Upload the scan of a signed paper authorization and tick off each element you see on it. Bedside refuses the form if an element is missing and names it."
      />
      <Paper
        component="form"
        withBorder
        p="lg"
        maw={760}
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <Stack gap="lg">
          <FormError message={formError} title="The paper form was not filed" />
          <FileInput
            label="Scan of the signed form"
            description="PDF, JPEG or PNG, up to 2 MB"
            accept={types.join(',')}
            leftSection={<IconFileUpload size={16} aria-hidden />}
            value={file}
            onChange={setFile}
            error={errors['file.data'] ?? errors['file.mediaType']}
            clearable
            required
          />
          <ScopeFields value={scope} onChange={setScope} errors={errors} />
          <Title order={2} size="h4">
            Signature on the form
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Name as signed"
              value={signedName}
              onChange={(e) => setSignedName(e.currentTarget.value)}
              error={errors['signature.signedName'] ?? errors.signature}
            />
            <TextInput
              label="Date written by the signature"
              type="date"
              value={signedOn}
              onChange={(e) => setSignedOn(e.currentTarget.value)}
              error={errors['signature.signedOn'] ?? errors['signature.signedAt']}
            />
          </SimpleGrid>
          <Radio.Group label="Signed by" value={who} onChange={(v) => setWho(v as typeof who)}>
            <Group mt={4}>
              <Radio value="individual" label="The patient" />
              <Radio value="personal-representative" label="A personal representative" />
            </Group>
          </Radio.Group>
          {who === 'personal-representative' ? (
            <Textarea
              label="The representative's authority, as written on the form"
              value={authority}
              onChange={(e) => setAuthority(e.currentTarget.value)}
              error={errors['signature.signer.authority']}
            />
          ) : null}
          <Checkbox.Group
            label="Tick each element you can see on the paper form"
            description="45 CFR 164.508(c); an unticked element makes the form invalid"
            value={ticked}
            onChange={(v) => setTicked(v as PaperElement[])}
          >
            <Stack gap={6} mt={6}>
              {paperElements.map((e) => (
                <Checkbox key={e} value={e} label={paperElementLabels[e]} />
              ))}
            </Stack>
          </Checkbox.Group>
          {Object.keys(errors).length > 0 ? (
            <Text size="sm" c="red">
              {Object.entries(errors)
                .filter(([k]) =>
                  /^(statements|combined|signature$|disclosers|remuneration)/.test(k),
                )
                .map(([, v]) => v)
                .join(' ')}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={mutations.paper.isPending}>
              File the paper form
            </Button>
            <Anchor component={Link} to={consentPaths.list}>
              Cancel
            </Anchor>
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
