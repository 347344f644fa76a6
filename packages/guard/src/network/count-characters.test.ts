import { describe, expect, it } from 'vitest';
import { countCharacters, countHashtags, networkLimit } from './count-characters.js';
import { check } from '../test-support/check.js';

describe('network counting', () => {
  it('knows each limit', () => {
    expect(networkLimit('x')).toBe(280);
    expect(networkLimit('bluesky')).toBe(300);
    expect(networkLimit('mastodon')).toBe(500);
    expect(networkLimit('mastodon', { maxCharacters: 1000 })).toBe(1000);
    expect(networkLimit('instagram')).toBe(2200);
    expect(networkLimit('linkedin')).toBe(3000);
    expect(networkLimit('facebook')).toBe(63206);
    expect(networkLimit('gbp')).toBe(1500);
  });

  it('weights X text: links are 23, CJK is 2', () => {
    expect(countCharacters('hi https://example.com/a/very/long/path/indeed', 'x')).toBe(3 + 23);
    expect(countCharacters('日本', 'x')).toBe(4);
  });

  it('counts graphemes on Bluesky and Mastodon', () => {
    expect(countCharacters('👩‍👩‍👧‍👦', 'bluesky')).toBe(1);
    expect(countCharacters('Hi 👋🏽', 'bluesky')).toBe(4);
    expect(countCharacters('see https://example.com/a/very/long/path/indeed', 'mastodon')).toBe(
      4 + 23,
    );
    expect(countCharacters('@maria@mastodon.social hi', 'mastodon')).toBe('@maria hi'.length);
  });

  it('counts hashtags', () => {
    expect(countHashtags('#a #b c#d #1 #smile_2024')).toBe(3);
  });

  it('blocks text over the limit', () => {
    expect(check('a'.repeat(301), { network: 'bluesky' }).findings.map((f) => f.rule)).toContain(
      'network.too-long',
    );
    expect(check('a'.repeat(300), { network: 'bluesky' }).verdict).toBe('pass');
    expect(check('a'.repeat(600), { network: 'mastodon', maxCharacters: 1000 }).verdict).toBe(
      'pass',
    );
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}x`).join(' ');
    expect(check(tags, { network: 'instagram' }).findings.map((f) => f.rule)).toContain(
      'network.too-many-hashtags',
    );
  });
});
