import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../api/api-error';
import { consentsApi } from '../../api/consents';
import { QueryState } from '../../components/query-state';
import { AuthLayout } from '../auth/auth-layout';

/** The revocation link in the patient's copy: one button, effective at once. */
export function RevokePage() {
  const { token = '' } = useParams();
  const client = useQueryClient();
  const key = ['revocation', token];
  const view = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => consentsApi.revocation(token, signal),
    retry: false,
  });
  const revoke = useMutation({
    mutationFn: () => consentsApi.revokeByPatient(token),
    onSuccess: (data) => client.setQueryData(key, data),
  });
  useEffect(() => {
    document.title = 'Revoke your authorization';
  }, []);
  return (
    <AuthLayout width={560}>
      <QueryState query={view} label="your authorization">
        {(v) => (
          <Stack>
            <Title order={1} size="h3">
              Your authorization for {v.practiceName}
            </Title>
            {v.status === 'signed' ? (
              <>
                <Text>
                  Revoking tells {v.practiceName} to stop using your information now. Posts waiting
                  to go out are stopped and published ones are taken down. It cannot undo what
                  others already saw or shared.
                </Text>
                {revoke.error ? (
                  <Alert color="red" role="alert">
                    {errorMessage(revoke.error)}
                  </Alert>
                ) : null}
                <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
                  Revoke my authorization
                </Button>
              </>
            ) : (
              <Alert color={v.status === 'revoked' ? 'teal' : 'gray'} role="status">
                {v.status === 'revoked'
                  ? `Revoked${v.revokedAt ? ` on ${new Date(v.revokedAt).toLocaleString('en-US')}` : ''}. ${v.practiceName} has been told.`
                  : 'This authorization has already expired.'}
              </Alert>
            )}
          </Stack>
        )}
      </QueryState>
    </AuthLayout>
  );
}
