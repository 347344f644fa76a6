import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { parseServiceUrl } from './service-url.js';

function fieldError(input: string): string | undefined {
  try {
    parseServiceUrl(input, 'instanceUrl');
  } catch (error) {
    if (error instanceof AppError) return error.details?.fields?.instanceUrl;
    throw error;
  }
  return undefined;
}

describe('parseServiceUrl: https everywhere, plain http only for this computer', () => {
  it('normalises what people type to one origin', () => {
    expect(parseServiceUrl('Mastodon.Social', 'instanceUrl')).toBe('https://mastodon.social');
    expect(parseServiceUrl(' https://example.social/ ', 'instanceUrl')).toBe(
      'https://example.social',
    );
    expect(parseServiceUrl('http://127.0.0.1:8080', 'instanceUrl')).toBe('http://127.0.0.1:8080');
    expect(parseServiceUrl('http://localhost:2583', 'instanceUrl')).toBe('http://localhost:2583');
    // All of 127/8 is this computer (a local server on port 80 of its own loopback address).
    expect(parseServiceUrl('http://127.31.7.200', 'instanceUrl')).toBe('http://127.31.7.200');
    expect(parseServiceUrl('http://127.1', 'instanceUrl')).toBe('http://127.0.0.1');
  });

  it('refuses http to other hosts, other schemes, credentials, paths and garbage', () => {
    expect(fieldError('http://example.social')).toMatch(/https/);
    expect(fieldError('http://127.0.0.1.example.com')).toMatch(/https/);
    expect(fieldError('http://127.0.0.1.5')).toBeDefined();
    expect(fieldError('http://128.0.0.1')).toMatch(/https/);
    expect(fieldError('ftp://example.social')).toMatch(/https/);
    expect(fieldError('javascript:alert(1)')).toBeDefined();
    expect(fieldError('https://user:pass@example.social')).toMatch(/user name/);
    expect(fieldError('https://example.social/@clinic')).toMatch(/path/);
    expect(fieldError('https://')).toBeDefined();
  });
});
