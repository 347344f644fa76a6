/** Why the session ended, so the sign-in page can say so. Kept outside React on purpose: it
 * must survive the session being cleared and the redirect that follows. */
export type SignOutReason = 'idle' | 'signed-out' | 'expired';

let pending: SignOutReason | undefined;

export function setSignOutReason(reason: SignOutReason): void {
  pending = reason;
}

/** Read during render, so it must not change anything; cleared when a new session starts. */
export function peekSignOutReason(): SignOutReason | undefined {
  return pending;
}

export function clearSignOutReason(): void {
  pending = undefined;
}

export const signOutMessages: Record<SignOutReason, string> = {
  idle: 'You were signed out because there was no activity for a while. Sign in again to continue.',
  'signed-out': 'You have signed out.',
  expired: 'Your session has ended. Sign in again to continue.',
};
