import { ConnectorError } from '../../connectors/connector.js';
import { NETWORK_LABELS } from '../../connectors/connector-error.js';
import { AppError } from '../../errors.js';

/**
 * A network's refusal as one of Bedside's error codes. `field` names the form field a refusal of
 * the credentials belongs to (the app password, the instance), so the form can show it there.
 * Anything that is not a ConnectorError passes through untouched (it becomes `internal` later).
 */
export function connectorAppError(error: unknown, field: string): unknown {
  if (!(error instanceof ConnectorError)) return error;
  const network = NETWORK_LABELS[error.network];
  switch (error.kind) {
    case 'reconnect_needed':
      return new AppError('validation_failed', `${network} did not accept the connection.`, {
        fields: { [field]: plain(error.reason) },
      });
    case 'content_rejected':
      return new AppError('validation_failed', `${network} refused the request.`, {
        fields: { [field]: plain(error.reason) },
      });
    case 'rate_limited':
      return new AppError(
        'rate_limited',
        `${network} asks us to slow down; try again in a minute.`,
        error.retryAfterSeconds === undefined
          ? undefined
          : { retryAfterSeconds: error.retryAfterSeconds },
      );
    case 'transient':
      return new AppError(
        'unavailable',
        `${network} could not be reached or had a problem: ${error.reason} Try again shortly.`,
      );
  }
}

function plain(reason: string): string {
  return reason.endsWith('.') ? reason : `${reason}.`;
}
