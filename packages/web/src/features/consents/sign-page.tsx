import {
  Alert,
  Box,
  Button,
  Checkbox,
  Container,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error';
import { consentsApi, type SigningForm } from '../../api/consents';
import { FormError } from '../../components/form-error';
import { QueryState } from '../../components/query-state';
import { SignaturePad } from './signature-pad';

/**
 * The page a signing link opens, on the patient's phone or the office tablet: no sign-in, nothing
 * of the practice's other data. The patient reads the whole form, types their name, and draws (or
 * types) their signature.
 */
export function SignPage() {
  const { token = '' } = useParams();
  const form = useQuery({
    queryKey: ['signing-form', token],
    queryFn: ({ signal }) => consentsApi.signingForm(token, signal),
    retry: false,
    staleTime: Infinity,
  });
  useEffect(() => {
    document.title = 'Authorization to sign';
  }, []);
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" py={{ base: 'sm', sm: 'xl' }} px="xs">
      <Container size={720} p={0} component="main" id="main">
        <QueryState query={form} label="the form">
          {(f) => <SigningFormView form={f} token={token} />}
        </QueryState>
      </Container>
    </Box>
  );
}

/** Paper-style blanks ("Name:") are filled in by the signing form below, not shown empty. */
function withoutBlankFields(body: string): string {
  return body
    .split('\n')
    .filter((line) => !/^[^:]{1,60}:\s*$/.test(line))
    .join('\n');
}

function SigningFormView(props: { form: SigningForm; token: string }) {
  const { form, token } = props;
  const [signedName, setSignedName] = useState('');
  const [who, setWho] = useState<'individual' | 'personal-representative'>('individual');
  const [authority, setAuthority] = useState('');
  const [method, setMethod] = useState<'drawn' | 'typed'>('drawn');
  const [image, setImage] = useState<string | null>(null);
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ copyEmailed: boolean; sha256: string }>();
  const changed = (...names: string[]) =>
    setErrors((current) => {
      if (!names.some((n) => current[n])) return current;
      const next = { ...current };
      for (const n of names) delete next[n];
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!signedName.trim()) local.signedName = 'Type your full name.';
    if (who === 'personal-representative' && !authority.trim())
      local['signer.authority'] = 'Describe your authority to sign for the patient.';
    if (method === 'drawn' && !image)
      local['signature.image'] = 'Draw your signature, or choose to type it.';
    if (!agreed) local.agreed = 'Tick the box to confirm you read the form and agree.';
    setErrors(local);
    setFormError(undefined);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const result = await consentsApi.sign(token, {
        signedName,
        signer:
          who === 'individual'
            ? { kind: 'individual' }
            : { kind: 'personal-representative', authority },
        signature: method === 'drawn' && image ? { method: 'drawn', image } : { method: 'typed' },
        agreed: true,
      });
      setDone(result);
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields);
      setFormError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Paper withBorder p="lg" radius="md">
        <Stack align="center" ta="center">
          <IconCircleCheck size={48} color="var(--mantine-color-teal-6)" aria-hidden />
          <Title order={1} size="h2">
            Thank you — signed
          </Title>
          <Text>
            {done.copyEmailed
              ? 'A copy of the signed form is on its way to your email, with a link to revoke it at any time.'
              : `${form.practiceName} will give you a printed copy of the signed form.`}
          </Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            Document fingerprint (SHA-256): {done.sha256}
          </Text>
        </Stack>
      </Paper>
    );

  return (
    <Stack gap="md">
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <Text size="sm" c="dimmed" fw={600}>
          {form.practiceName} asks for your written permission
        </Text>
        <Title order={1} size="h3" mt={4} mb="md">
          {form.title}
        </Title>
        <Stack gap="md">
          {form.sections.map((s) => (
            <section key={s.heading}>
              <Title order={2} size="h5">
                {s.heading}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {withoutBlankFields(s.body)}
              </Text>
            </section>
          ))}
        </Stack>
      </Paper>
      <Paper
        component="form"
        withBorder
        p={{ base: 'md', sm: 'xl' }}
        radius="md"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <Stack gap="md">
          <Title order={2} size="h4">
            Sign
          </Title>
          <FormError message={formError} title="Not signed yet" />
          <Radio.Group
            label="Who is signing?"
            value={who}
            onChange={(v) => setWho(v as typeof who)}
          >
            <Stack gap={6} mt={6}>
              <Radio value="individual" label={`I am ${form.patientName}`} />
              <Radio
                value="personal-representative"
                label={`I sign for ${form.patientName} as their representative`}
              />
            </Stack>
          </Radio.Group>
          {who === 'personal-representative' ? (
            <Textarea
              label="Your authority to sign for the patient"
              description="For example: parent of a minor, legal guardian, health care power of attorney"
              required
              value={authority}
              onChange={(e) => {
                setAuthority(e.currentTarget.value);
                changed('signer.authority', 'signature.signer.authority');
              }}
              error={errors['signer.authority'] ?? errors['signature.signer.authority']}
            />
          ) : null}
          <TextInput
            label="Your full name"
            required
            autoComplete="name"
            value={signedName}
            onChange={(e) => {
              setSignedName(e.currentTarget.value);
              changed('signedName', 'signature');
            }}
            error={errors.signedName ?? errors.signature}
          />
          <Stack gap={6}>
            <Text size="sm" fw={500} id="signature-label">
              Your signature
            </Text>
            <SegmentedControl
              aria-label="How to sign"
              value={method}
              onChange={(v) => {
                setMethod(v as 'drawn' | 'typed');
                changed('signature.image');
              }}
              data={[
                { value: 'drawn', label: 'Draw my signature' },
                { value: 'typed', label: 'Type my signature' },
              ]}
            />
            {method === 'drawn' ? (
              <SignaturePad
                onChange={(png) => {
                  setImage(png);
                  changed('signature.image');
                }}
                labelId="signature-label"
              />
            ) : (
              <Text size="sm" c="dimmed">
                Your typed name above will be your signature.
                {signedName.trim() ? (
                  <Text
                    component="span"
                    display="block"
                    mt={4}
                    ff="Georgia, serif"
                    fs="italic"
                    fz={26}
                    c="dark"
                  >
                    {signedName}
                  </Text>
                ) : null}
              </Text>
            )}
            {errors['signature.image'] ? (
              <Text size="sm" c="red" role="alert">
                {errors['signature.image']}
              </Text>
            ) : null}
          </Stack>
          <Checkbox
            checked={agreed}
            onChange={(e) => {
              setAgreed(e.currentTarget.checked);
              changed('agreed');
            }}
            label="I have read this form. I understand I may refuse to sign, and that I may revoke it in writing at any time."
            error={errors.agreed}
          />
          {form.mode === 'email' ? (
            <Alert color="gray" variant="light">
              This link works once and expires{' '}
              {new Date(form.expiresAt).toLocaleDateString('en-US', { dateStyle: 'long' })}.
            </Alert>
          ) : null}
          <Button type="submit" size="md" loading={busy}>
            Sign the authorization
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
