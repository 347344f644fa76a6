import { Anchor, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error';
import { endpoints } from '../../api/endpoints';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { paths } from '../../paths';
import { useCurrentOrg } from '../shell/current-org';

/**
 * Where the Mastodon instance sends the browser back. It finishes the connection once (the
 * state is single-use on the server) and returns to the channels page.
 */
export function MastodonCallbackPage() {
  const org = useCurrentOrg();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const started = useRef(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const code = params.get('code');
    const state = params.get('state');
    if (params.get('error') || !code || !state) {
      setError('The instance did not approve the connection. Start again from the Channels page.');
      return;
    }
    endpoints.finishMastodon(org.orgId, { code, state }).then(
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
      <PageHeader title="Connecting Mastodon" />
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
