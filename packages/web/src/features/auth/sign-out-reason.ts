/** Why the session ended, so the sign-in page can say so. Kept outside React on purpose: it
 * must survive the session being cleared and the redirect that follows. */
export type SignOutReason = 'idle' | 'signed-out' | 'expired';

let pending: SignOutReason | undefined;

export function setSignOutReason(reason: SignOutReason): void {
  pending = reason;
}

export function takeSignOutReason(): SignOutReason | undefined {
  const reason = pending;
  pending = undefined;
  return reason;
}

export const signOutMessages: Record<SignOutReason, string> = {
  idle: 'You were signed out because there was no activity for a while. Sign in again to continue.',
  'signed-out': 'You have signed out.',
  expired: 'Your session has ended. Sign in again to continue.',
};
