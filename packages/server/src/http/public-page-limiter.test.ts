import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';
import { PublicPageLimiter } from './public-page-limiter.js';

describe('public page limiter', () => {
  it('allows max requests per address per window, then refuses until the window ends', () => {
    let now = 1_000_000;
    const limiter = new PublicPageLimiter(3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('203.0.113.1'))).toEqual([true, true, true, false]);
    expect(limiter.take('203.0.113.2')).toBe(true);
    expect(limiter.take('')).toBe(true); // an unknown address is an address like any other
    now += 45_000;
    expect(limiter.take('203.0.113.1')).toBe(false);
    expect(limiter.retryAfterSeconds()).toBe(15);
    now += 15_000;
    expect(limiter.take('203.0.113.1')).toBe(true);
    expect(limiter.retryAfterSeconds()).toBe(60);
  });

  it('is off at 0', () => {
    const limiter = new PublicPageLimiter(0, () => 0);
    for (let i = 0; i < 1000; i += 1) expect(limiter.take('203.0.113.1')).toBe(true);
  });

  it('takes its limit from BEDSIDE_PUBLIC_PAGE_RATE_LIMIT and refuses nonsense', () => {
    const env = { BEDSIDE_DATA_DIR: '/nonexistent-test-data', BEDSIDE_SECRET_KEY: 'A'.repeat(44) };
    expect(loadConfig(env).publicPages.rateLimitPerMinute).toBe(600);
    const limit = (value: string) =>
      loadConfig({ ...env, BEDSIDE_PUBLIC_PAGE_RATE_LIMIT: value }).publicPages.rateLimitPerMinute;
    expect(limit('0')).toBe(0);
    expect(limit('100000000')).toBe(100_000_000);
    for (const bad of ['-1', 'many', '1.5', '1e12'])
      expect(() => limit(bad), bad).toThrow(ConfigError);
  });
});
