import type { ConnectorErrorKind } from '../../connectors/connector.js';

export type TargetErrorKind = ConnectorErrorKind | 'unconfirmed' | 'unsupported';

export interface FailureAdvice {
  kind: TargetErrorKind;
  /** What happened, in plain words; never a token or the post's text. */
  message: string;
  /** What the person can do about it. */
  fix: string;
}

const NAMES: Record<string, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  x: 'X',
  gbp: 'Google Business Profile',
};

export function networkLabel(network: string): string {
  return NAMES[network] ?? network;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The reason and the fix the calendar shows for a target that did not go out (or may not have). */
export function failureAdvice(
  kind: TargetErrorKind,
  context: { network: string; reason?: string; retryAt?: Date },
): FailureAdvice {
  const name = networkLabel(context.network);
  const reason = context.reason ? ` ${sentence(context.reason)}` : '';
  switch (kind) {
    case 'content_rejected':
      return {
        kind,
        message: `${name} refused the post.${reason}`,
        fix: `Edit the ${name} version of the post so it meets ${name}'s rules, then schedule it again.`,
      };
    case 'reconnect_needed':
      return {
        kind,
        message: `${name} no longer accepts Bedside's connection to this account.${reason}`,
        fix: 'Reconnect the account in Settings → Channels; its paused posts then go out by themselves.',
      };
    case 'rate_limited':
      return {
        kind,
        message: `${name} asked Bedside to slow down.`,
        fix: context.retryAt
          ? `Nothing to do: Bedside tries again after ${context.retryAt.toISOString().slice(11, 16)} UTC.`
          : 'Nothing to do: Bedside tries again shortly.',
      };
    case 'transient':
      return {
        kind,
        message: `${name} could not be reached or had a problem.${reason}`,
        fix: context.retryAt
          ? 'Nothing to do yet: Bedside tries again by itself.'
          : `Bedside gave up after several tries. Check ${name}'s status, then schedule the post again.`,
      };
    case 'unconfirmed':
      return {
        kind,
        message: `Bedside lost track of this post while sending it to ${name} and could not confirm whether it arrived.${reason}`,
        fix: `Look for the post on the ${name} account. If it is there, mark it published; if not, send it again.`,
      };
    case 'unsupported':
      return {
        kind,
        message: `Bedside cannot publish to ${name} yet.`,
        fix: 'Remove this channel from the post, or publish on the network by hand.',
      };
  }
}
