/**
 * Thrown by `analyze` for input it refuses: a text that is not a string, or a rating that is not
 * a number from 1 to 5. The message never echoes the text, which may hold PHI.
 */
export class AnalysisInputError extends Error {
  override readonly name = 'AnalysisInputError';
  constructor(message: string) {
    super(message);
  }
}
