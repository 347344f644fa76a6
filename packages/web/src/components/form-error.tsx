import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** A form-level error; role=alert announces it to screen readers as soon as it appears. */
export function FormError(props: { message: string | undefined; title?: string }) {
  return props.message ? (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={props.title}
      role="alert"
    >
      {props.message}
    </Alert>
  ) : null;
}
