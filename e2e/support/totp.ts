import { generate } from 'otplib';

/**
 * A code from an authenticator app. The server refuses a code of a time step already used (replay),
 * so a sign-in right after enabling two-factor takes the next step's code, which the server's ±1 step
 * drift window accepts.
 */
export function totpCode(secret: string, options: { nextStep?: boolean } = {}): Promise<string> {
  const epoch = Math.floor(Date.now() / 1000) + (options.nextStep ? 30 : 0);
  return generate({ secret, epoch });
}
