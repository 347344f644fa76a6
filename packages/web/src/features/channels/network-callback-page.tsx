import { Anchor, Button, Group, Loader, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error';
import type { Channel } from '../../api/types';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { paths } from '../../paths';
import { networkLabels } from '../compose/network-label';
import { useCurrentOrg } from '../shell/current-org';
import { isOAuthNetwork, networkOAuth, type Choice } from './network-oauth-api';

function failureText(failure: unknown): string {
  const field = failure instanceof ApiError ? Object.values(failure.fields)[0] : undefined;
  return field ?? errorMessage(failure);
}

/**
 * Where Facebook, Instagram, LinkedIn, X and Google send the browser back. It finishes once
 * (the state is single-use on the server); when the sign-in opened several accounts, the person
 * chooses one here.
 */
export function NetworkCallbackPage() {
  const org = useCurrentOrg();
  const { network } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const started = useRef(false);
  const [error, setError] = useState<string>();
  const [choice, setChoice] = useState<Choice>();
  const [picked, setPicked] = useState<string>();
  const [choosing, setChoosing] = useState(false);
  const label = isOAuthNetwork(network) ? networkLabels[network] : 'the network';

  const done = (channel: Channel) => {
    notifications.show({ message: `${channel.handle} connected` });
    void navigate(paths.channels, { replace: true });
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const state = params.get('state');
    if (!isOAuthNetwork(network) || !state) {
      setError(
        'This address is not a sign-in Bedside started. Start again from the Channels page.',
      );
      return;
    }
    networkOAuth
      .finish(org.orgId, network, {
        state,
        code: params.get('code') ?? undefined,
        error: params.get('error') ?? undefined,
      })
      .then(
        (result) => {
          if (result.channel) done(result.channel);
          else if (result.choice) setChoice(result.choice);
        },
        (failure: unknown) => setError(failureText(failure)),
      );
    // Runs once on arrival: the state is single-use on the server.
  }, []);

  const choose = async () => {
    if (!choice || !picked || !isOAuthNetwork(network)) return;
    setChoosing(true);
    try {
      done(
        await networkOAuth.choose(org.orgId, network, { choiceId: choice.id, accountId: picked }),
      );
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setChoosing(false);
    }
  };

  return (
    <>
      <PageHeader title={`Connecting ${label}`} />
      {error ? (
        <Stack gap="md" maw={560}>
          <FormError title="The account was not connected" message={error} />
          <Anchor component={Link} to={paths.channels}>
            Back to Channels
          </Anchor>
        </Stack>
      ) : choice ? (
        <Stack gap="md" maw={560}>
          <Radio.Group
            label={`Which ${label} account should this location post to?`}
            description="Your sign-in opened more than one. Choose one; to connect another, connect again."
            value={picked ?? null}
            onChange={setPicked}
          >
            <Stack gap="xs" mt="sm">
              {choice.accounts.map((account) => (
                <Radio
                  key={account.id}
                  value={account.id}
                  label={account.displayName}
                  description={account.handle !== account.displayName ? account.handle : undefined}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={paths.channels}>
              Cancel
            </Button>
            <Button disabled={!picked} loading={choosing} onClick={() => void choose()}>
              Connect
            </Button>
          </Group>
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
