import { describe, expect, it } from 'vitest';
import type { ConsentSummary } from '../../api/consents';
import { taggableOptions } from './media-authorization-tag';

const consent = (over: Partial<ConsentSummary>): ConsentSummary => ({
  id: 'a',
  patientName: 'Robin Testpatient',
  externalId: null,
  contact: 'robin@example.test',
  source: 'esign',
  status: 'active',
  expiry: { kind: 'date', date: '2099-12-31' },
  channels: ['mastodon'],
  contentTypes: ['text', 'photo'],
  signedAt: '2026-03-01T15:30:00Z',
  revokedAt: null,
  createdAt: '2026-03-01T15:00:00Z',
  dependentPosts: 0,
  openTakedowns: 0,
  ...over,
});

describe('which authorizations an image can be tagged with', () => {
  it('offers signed ones in effect that cover photos, labelled with the chart number', () => {
    expect(
      taggableOptions(
        [
          consent({ id: 'active' }),
          consent({ id: 'expiring', status: 'expiring', externalId: 'MRN-7', patientName: 'Sam' }),
        ],
        [],
      ),
    ).toEqual([
      { value: 'active', label: 'Robin Testpatient' },
      { value: 'expiring', label: 'Sam (MRN-7)' },
    ]);
  });

  it('leaves out pending, expired and revoked ones, words-only ones and the ones already on the image', () => {
    const offered = taggableOptions(
      [
        consent({ id: 'pending', status: 'pending' }),
        consent({ id: 'expired', status: 'expired' }),
        consent({ id: 'revoked', status: 'revoked' }),
        consent({ id: 'words', contentTypes: ['text', 'name'] }),
        consent({ id: 'tagged' }),
      ],
      [{ authorizationId: 'tagged', patientName: 'Robin Testpatient', status: 'signed' }],
    );
    expect(offered).toEqual([]);
  });
});
