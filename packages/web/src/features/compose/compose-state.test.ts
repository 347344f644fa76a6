import { createGuard } from '@bedside/guard';
import { describe, expect, it } from 'vitest';
import type { ComposeChannel, Post } from './api';
import {
  COVERED_MESSAGE,
  draftFromPost,
  emptyDraft,
  previewVariant,
  shownFindings,
  toContent,
  withChannels,
} from './compose-state';

const bluesky: ComposeChannel = {
  id: 'b',
  network: 'bluesky',
  handle: 'clinic.bsky.test',
  displayName: 'Clinic',
  status: 'connected',
  limit: 300,
  maxCharacters: null,
};
const mastodon: ComposeChannel = {
  ...bluesky,
  id: 'm',
  network: 'mastodon',
  handle: '@c@small.social',
  limit: 100,
  maxCharacters: 100,
};
const settings = {
  approverRoles: [],
  complianceOnWarning: true,
  websiteDomains: ['clinic.example'],
  utmEnabled: true,
};

describe('composer state', () => {
  it('counts the text as published: UTM on own links counts on Bluesky, links are 23 on Mastodon', () => {
    const text = 'Book https://clinic.example/flu now';
    const b = previewVariant(text, { channel: bluesky, campaign: 'flu', settings });
    expect(b.publishText).toBe(
      'Book https://clinic.example/flu?utm_source=bluesky&utm_medium=social&utm_campaign=flu now',
    );
    expect(b.count).toBe(b.publishText.length);
    const m = previewVariant(text, { channel: mastodon, campaign: 'flu', settings });
    expect(m.count).toBe('Book '.length + 23 + ' now'.length);
    expect(
      previewVariant('a'.repeat(101), { channel: mastodon, campaign: 'x', settings }).over,
    ).toBe(true);
    expect(
      previewVariant(text, {
        channel: bluesky,
        campaign: 'flu',
        settings: { ...settings, utmEnabled: false },
      }).publishText,
    ).toBe(text);
  });

  it('new channels start included, tailored texts survive, excluded channels are not sent', () => {
    let draft = withChannels(emptyDraft('loc'), [bluesky, mastodon], { includeNew: true });
    draft = {
      ...draft,
      baseText: 'Hello',
      variants: draft.variants.map((v) =>
        v.channelId === 'm' ? { ...v, tailored: 'Hi Mastodon' } : { ...v, included: false },
      ),
    };
    expect(toContent(draft)).toEqual({
      locationId: 'loc',
      baseText: 'Hello',
      patientStory: false,
      variants: [{ channelId: 'm', text: 'Hi Mastodon' }],
      mediaIds: [],
    });
  });

  it('an existing post opens with its variants; untouched ones follow the base text', () => {
    const post = {
      locationId: 'loc',
      baseText: 'Base',
      campaign: 'c',
      patientStory: true,
      variants: [
        { channelId: 'b', text: 'Base' },
        { channelId: 'm', text: 'Own' },
      ],
      media: [{ id: 'img' }],
    } as unknown as Post;
    const draft = withChannels(
      draftFromPost(post),
      [bluesky, mastodon, { ...bluesky, id: 'new' }],
      { includeNew: false },
    );
    expect(draft.variants).toEqual([
      { channelId: 'b', included: true, tailored: null },
      { channelId: 'm', included: true, tailored: 'Own' },
      { channelId: 'new', included: false, tailored: null },
    ]);
    expect(draft.mediaIds).toEqual(['img']);
  });
});

describe('shownFindings', () => {
  const guard = createGuard({});
  const findings = guard.check({
    text: 'Congratulations to our patient Maria Gonzalez! Call her at 555-201-7788.',
    kind: 'post',
  }).findings;

  it('blocks a patient name when no authorization covers it', () => {
    const shown = shownFindings(findings);
    expect(shown.some((f) => f.category === 'name' && f.severity === 'block')).toBe(true);
  });

  it('lowers only the covered category to a warning with the covered message', () => {
    const shown = shownFindings(findings, ['name']);
    const names = shown.filter((f) => f.category === 'name');
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((f) => f.severity === 'warn' && f.message === COVERED_MESSAGE)).toBe(true);
    expect(shown.some((f) => f.category === 'phone' && f.severity === 'block')).toBe(true);
  });
});
