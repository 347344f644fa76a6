import { Alert, Code } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useSetupStatus } from '../features/setup/use-setup-status';

/** Says where mails went when the server has no SMTP server configured. */
export function MailOutboxNote() {
  const { data } = useSetupStatus();
  if (!data?.mailOutbox) return null;
  return (
    <Alert variant="light" color="gray" icon={<IconMailForward aria-hidden />}>
      No mail server is configured: mails are written to <Code>{data.mailOutbox}</Code>
    </Alert>
  );
}
