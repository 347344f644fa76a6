import { Anchor, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { paths } from '../../paths';
import { useCurrentOrg } from '../shell/current-org';
import { blueskyOAuth } from './bluesky-oauth-api';

/**
 * Where the account's Bluesky server sends the browser back after sign-in. It finishes the
 * connection once (the state is single-use on the server), also when the person said no, so the
 * server can say so in plain words, and returns to the channels page.
 */
export function BlueskyCallbackPage() {
  const org = useCurrentOrg();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const started = useRef(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const state = params.get('state');
    if (!state) {
      setError('Bluesky did not send the sign-in back. Start again from the Channels page.');
      return;
    }
    const input: { state: string; iss?: string; code?: string; error?: string } = { state };
    for (const name of ['iss', 'code', 'error'] as const) {
      const value = params.get(name);
      if (value) input[name] = value;
    }
    blueskyOAuth.finish(org.orgId, input).then(
      (channel) => {
        notifications.show({ message: `${channel.handle} connected` });
        void navigate(paths.channels, { replace: true });
      },
      (failure: unknown) => {
        const field = failure instanceof ApiError ? Object.values(failure.fields)[0] : undefined;
        setError(field ?? errorMessage(failure));
      },
    );
  }, [org.orgId, params, navigate]);

  return (
    <>
      <PageHeader title="Connecting Bluesky" />
      {error ? (
        <Stack gap="md" maw={560}>
          <FormError title="The account was not connected" message={error} />
          <Anchor component={Link} to={paths.channels}>
            Back to Channels
          </Anchor>
        </Stack>
      ) : (
        <Stack align="center" gap="sm" role="status">
          <Loader aria-hidden />
          <Text>Finishing the connection…</Text>
        </Stack>
      )}
    </>
  );
}
