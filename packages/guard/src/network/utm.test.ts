import { describe, expect, it } from 'vitest';
import { addUtm, campaignSlug, isFirstParty } from './utm.js';

const opts = { network: 'mastodon', campaign: 'flu-2026', websiteDomains: ['clinic.example'] };
const UTM = 'utm_source=mastodon&utm_medium=social&utm_campaign=flu-2026';

describe('first-party UTM parameters', () => {
  it('adds them to the practice’s own links, keeping sentence punctuation and fragments', () => {
    expect(addUtm('Book: https://clinic.example/flu.', opts)).toBe(
      `Book: https://clinic.example/flu?${UTM}.`,
    );
    expect(addUtm('(https://www.clinic.example/a?x=1#top)', opts)).toBe(
      `(https://www.clinic.example/a?x=1&${UTM}#top)`,
    );
    expect(addUtm('https://CLINIC.example', opts)).toBe(`https://CLINIC.example?${UTM}`);
  });

  it('never touches other sites, look-alikes or links that already carry them', () => {
    for (const text of [
      'https://cdc.gov/flu',
      'https://clinic.example.evil.test/flu',
      'https://notclinic.example/x',
      'https://user@evil.test/clinic.example',
      `https://clinic.example/x?utm_source=news&utm_medium=email&utm_campaign=a`,
      'clinic.example/no-scheme',
    ])
      expect(addUtm(text, opts)).toBe(text);
    expect(addUtm('https://clinic.example/x?utm_source=news', opts)).toBe(
      'https://clinic.example/x?utm_source=news&utm_medium=social&utm_campaign=flu-2026',
    );
  });

  it('is idempotent and does nothing without first-party domains', () => {
    const once = addUtm('https://clinic.example/flu and https://clinic.example/b', opts);
    expect(addUtm(once, opts)).toBe(once);
    expect(addUtm('https://clinic.example/flu', { ...opts, websiteDomains: [] })).toBe(
      'https://clinic.example/flu',
    );
  });

  it('matches subdomains only on a dot boundary; slugs campaigns', () => {
    expect(isFirstParty('book.clinic.example', ['clinic.example'])).toBe(true);
    expect(isFirstParty('badclinic.example', ['clinic.example'])).toBe(false);
    expect(campaignSlug('Flu shots 2026!')).toBe('flu-shots-2026');
    expect(campaignSlug('¡¡¡')).toBe('post');
  });
});
