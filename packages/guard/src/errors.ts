import { MAX_TEXT_LENGTH } from './types.js';

/**
 * Thrown by `guard.check` for input it refuses to look at (today: text longer than
 * {@link MAX_TEXT_LENGTH} UTF-16 code units, or a value that is not a string).
 * The message never echoes the text itself, which may be PHI.
 */
export class GuardInputError extends Error {
  override readonly name = 'GuardInputError';
  constructor(message: string) {
    super(message);
  }
}

/** Validates what `check` receives before any work is done. */
export function assertCheckableText(text: unknown): asserts text is string {
  if (typeof text !== 'string') {
    throw new GuardInputError('The text to check must be a string.');
  }
  if (text.length > MAX_TEXT_LENGTH) {
    throw new GuardInputError(
      `The text is ${text.length} characters long; the guard checks at most ${MAX_TEXT_LENGTH} (1 MB). Split it into smaller parts.`,
    );
  }
}
