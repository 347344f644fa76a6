/**
 * @bedside/guard — finds patient PHI, replies that confirm a patient relationship, and risky marketing claims.
 * Pure TypeScript with no I/O: the same code runs in the server and in the browser.
 */
export * from './types.js';
export { createGuard } from './create-guard.js';
export { GuardInputError } from './errors.js';
export {
  countCharacters,
  countHashtags,
  networkLimit,
  INSTAGRAM_MAX_HASHTAGS,
  type CountOptions,
} from './network/count-characters.js';
export { addUtm, campaignSlug, isFirstParty, type UtmOptions } from './network/utm.js';
