import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, parseErrorEnvelope } from './api-error';

describe('parseErrorEnvelope', () => {
  it('keeps the code and message of the documented envelope', () => {
    const error = parseErrorEnvelope({
      status: 401,
      body: JSON.stringify({ error: { code: 'totp_required', message: 'Enter your code.' } }),
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'totp_required',
      message: 'Enter your code.',
    });
    expect(error.fields).toEqual({});
  });

  it('reads field errors only for validation_failed', () => {
    const body = (code: string) =>
      JSON.stringify({
        error: {
          code,
          message: 'Check the highlighted fields.',
          details: { fields: { email: 'Not an email address', zip: ['Five digits'], n: 3 } },
        },
      });
    expect(parseErrorEnvelope({ status: 400, body: body('validation_failed') }).fields).toEqual({
      email: 'Not an email address',
      zip: 'Five digits',
    });
    expect(parseErrorEnvelope({ status: 400, body: body('bad_request') }).fields).toEqual({});
  });

  it('gives a readable message for bodies that are not the envelope', () => {
    const html = parseErrorEnvelope({ status: 502, body: '<html>Bad gateway</html>' });
    expect(html.code).toBe('internal');
    expect(html.message).toMatch(/went wrong/);
    const empty = parseErrorEnvelope({ status: 403, body: '' });
    expect(empty).toMatchObject({
      code: 'http_error',
      message: 'You do not have permission to do that.',
    });
    const blank = parseErrorEnvelope({
      status: 429,
      body: '{"error":{"code":"rate_limited","message":"  "}}',
    });
    expect(blank).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/Too many/),
    });
  });

  it('never shows raw exceptions to people', () => {
    expect(errorMessage(new TypeError('x is undefined'))).toBe(
      'Something went wrong. Please try again.',
    );
    expect(
      errorMessage(new ApiError({ status: 423, code: 'account_locked', message: 'Try at 3 pm.' })),
    ).toBe('Try at 3 pm.');
  });
});
