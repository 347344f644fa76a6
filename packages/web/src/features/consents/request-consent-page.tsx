import { Alert, Anchor, Button, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceTablet } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error';
import { consentsApi } from '../../api/consents';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { useCurrentOrg } from '../shell/current-org';
import { consentPaths } from './consent-paths';
import { emptyScope, ScopeFields, scopeInput, type ScopeState } from './scope-fields';
import { useConsentMutations } from './use-consents';

/**
 * Staff prepare an authorization and send it: by email, or on the office tablet. Opened from the
 * composer with `?postId=` when a post needs one; the new authorization is linked to that post.
 */
export function RequestConsentPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const postId = params.get('postId');
  const mutations = useConsentMutations(org.orgId);
  const [scope, setScope] = useState<ScopeState>(emptyScope);
  const [delivery, setDelivery] = useState<'email' | 'tablet'>('email');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [tabletUrl, setTabletUrl] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFormError(undefined);
    try {
      const result = await mutations.request.mutateAsync({
        ...scopeInput(scope),
        delivery: scope.contactKind === 'phone' ? 'tablet' : delivery,
      });
      if (postId)
        await consentsApi
          .linkPost(org.orgId, postId, result.authorizationId)
          .catch((error: unknown) =>
            notifications.show({
              color: 'orange',
              message: `Requested, but not linked to the post: ${errorMessage(error)}`,
            }),
          );
      if (result.signingUrl) {
        setTabletUrl(new URL(result.signingUrl).pathname);
        return;
      }
      notifications.show({ message: 'Signing link sent. You will see it here once it is signed.' });
      void navigate(consentPaths.detail(result.authorizationId));
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields);
      setFormError(errorMessage(error));
    }
  };

  if (tabletUrl)
    return (
      <>
        <PageHeader title="Ready to sign on this tablet" />
        <Paper withBorder p="lg" maw={640}>
          <Stack>
            <Text>
              Hand the tablet to the patient. The signing page works once and for one hour; it does
              not show anything else of Bedside.
            </Text>
            <Group>
              <Button
                component={Link}
                to={tabletUrl}
                leftSection={<IconDeviceTablet size={16} aria-hidden />}
              >
                Open the signing page
              </Button>
              <Anchor component={Link} to={consentPaths.list}>
                Back to consents
              </Anchor>
            </Group>
          </Stack>
        </Paper>
      </>
    );

  return (
    <>
      <PageHeader
        title="Request an authorization"
        description="The patient reads your form, types their name and signs. Bedside checks that the form has every element HIPAA requires before it goes out."
      />
      {postId ? (
        <Alert color="blue" variant="light" mb="md">
          This authorization will be linked to the post you came from.
        </Alert>
      ) : null}
      <Paper
        component="form"
        withBorder
        p="lg"
        maw={760}
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <Stack gap="lg">
          <FormError message={formError} title="The authorization was not sent" />
          <ScopeFields value={scope} onChange={setScope} errors={errors} />
          {scope.contactKind === 'email' ? (
            <Radio.Group
              label="How will the patient sign?"
              value={delivery}
              onChange={(v) => setDelivery(v as 'email' | 'tablet')}
            >
              <Group mt={4}>
                <Radio value="email" label="Email them a link" />
                <Radio value="tablet" label="Here, on the office tablet" />
              </Group>
            </Radio.Group>
          ) : null}
          <Group>
            <Button type="submit" loading={mutations.request.isPending}>
              {scope.contactKind === 'email' && delivery === 'email'
                ? 'Send the signing link'
                : 'Prepare for tablet signing'}
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
