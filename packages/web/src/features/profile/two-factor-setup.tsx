import { Alert, Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import type { TotpSetup } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useForm } from '../../lib/use-form';
import { totpCode } from '../../lib/validation';
import { errorMessage } from '../../api/api-error';

/** Starts TOTP enrolment, shows the QR code and the secret, and confirms with a first code. */
export function TwoFactorSetup(props: { onEnabled: () => Promise<void> | void }) {
  const [setup, setSetup] = useState<TotpSetup>();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string>();
  const codeRef = useRef<HTMLInputElement>(null);
  const form = useForm({ initial: { code: '' }, rules: { code: totpCode } });

  useEffect(() => {
    if (setup) codeRef.current?.focus();
  }, [setup]);

  const start = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      setSetup(await endpoints.totpSetup());
    } catch (error) {
      setStartError(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  const onSubmit = form.submit(async (values) => {
    await endpoints.totpEnable(values.code.trim());
    await props.onEnabled();
  });

  if (!setup) {
    return (
      <Stack gap="sm" align="flex-start">
        <FormError message={startError} />
        <Button onClick={() => void start()} loading={starting}>
          Set up two-factor authentication
        </Button>
      </Stack>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          1. Scan this code with an authenticator app (for example Google Authenticator, Microsoft
          Authenticator or 1Password).
        </Text>
        <Group align="flex-start" gap="lg">
          <Image
            src={setup.qrDataUrl}
            alt="QR code to add Bedside to your authenticator app"
            w={184}
            h={184}
            fit="contain"
            radius="sm"
            style={{ border: '1px solid var(--mantine-color-gray-3)', background: 'white' }}
          />
          <Stack gap={4} style={{ flex: '1 1 14rem' }}>
            <Text size="sm" c="dimmed">
              Cannot scan? Enter this key by hand:
            </Text>
            <Code block style={{ wordBreak: 'break-all' }} data-testid="totp-secret">
              {setup.secret}
            </Code>
          </Stack>
        </Group>
        <Text size="sm">2. Enter the 6-digit code the app shows.</Text>
        <FormError message={form.formError} />
        <TextInput
          ref={codeRef}
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          maw={220}
          required
          {...form.field('code')}
        />
        <Group>
          <Button type="submit" loading={form.submitting}>
            Turn on two-factor authentication
          </Button>
        </Group>
        <Alert variant="light" color="gray">
          Keep your authenticator app safe: if you lose it, an administrator of your organization
          has to help you get back in.
        </Alert>
      </Stack>
    </form>
  );
}
