import { describe, expect, it } from 'vitest';
import { parseReviewEmail } from './import-eml.js';
import { maskText } from './item-view.js';
import { metaItems, validMetaSignature } from './meta-webhook.js';
import { createHmac } from 'node:crypto';

const EML = [
  'From: Healthgrades <notifications@mail.healthgrades.com>',
  'To: office@clinic.test',
  'Subject: You have a new review',
  'Message-ID: <review-123@healthgrades.com>',
  'Date: Fri, 27 Nov 2026 10:00:00 +0000',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'A patient left a 2 out of 5 review for your practice:',
  '',
  '"The wait was long and nobody explained the bill."',
  '',
  'Reply on Healthgrades.',
].join('\r\n');

describe('review-notification emails', () => {
  it('reads the site from the sender, the rating and the quoted review; the Message-ID is the identity', async () => {
    const parsed = await parseReviewEmail(Buffer.from(EML), null);
    expect(parsed.source).toBe('healthgrades');
    expect(parsed.item).toMatchObject({
      externalId: 'eml:<review-123@healthgrades.com>',
      rating: 2,
      text: 'The wait was long and nobody explained the bill.',
      publishedAt: '2026-11-27T10:00:00.000Z',
    });
  });

  it('asks for the site when the sender is unknown, and refuses an email without text', async () => {
    const unknown = EML.replace('notifications@mail.healthgrades.com', 'someone@example.org');
    await expect(parseReviewEmail(Buffer.from(unknown), null)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await parseReviewEmail(Buffer.from(unknown), 'vitals')).source).toBe('vitals');
    const empty = 'From: a@yelp.com\r\nSubject: x\r\n\r\n';
    await expect(parseReviewEmail(Buffer.from(empty), null)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('Meta webhook payloads', () => {
  it('turns feed comments, ratings and Instagram comments into items, and removals into deletions', () => {
    const items = metaItems({
      object: 'page',
      entry: [
        {
          id: 'page',
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                comment_id: 'c1',
                post_id: 'p1',
                message: 'Too slow',
                created_time: 1764300000,
              },
            },
            {
              field: 'feed',
              value: { item: 'comment', verb: 'remove', comment_id: 'c0', post_id: 'p1' },
            },
            {
              field: 'ratings',
              value: {
                item: 'rating',
                verb: 'add',
                review_id: 'r1',
                review_text: 'Great',
                recommendation_type: 'positive',
                reviewer_name: 'A',
              },
            },
            {
              field: 'comments',
              value: {
                id: 'ig1',
                text: 'Parking?',
                from: { id: '1', username: 'someone' },
                media: { id: 'm1' },
              },
            },
            { field: 'feed', value: { item: 'like', verb: 'add' } },
          ],
        },
      ],
    });
    expect(
      items.map((i) => [i.externalId, i.kind, i.deleted, i.rating, i.threadExternalId]),
    ).toEqual([
      ['c1', 'comment', false, null, 'p1'],
      ['c0', 'comment', true, null, 'p1'],
      ['r1', 'review', false, 5, null],
      ['ig1', 'comment', false, null, 'm1'],
    ]);
  });

  it('checks X-Hub-Signature-256 over the exact bytes', () => {
    const body = Buffer.from('{"object":"page","entry":[]}');
    const good = `sha256=${createHmac('sha256', 'secret').update(body).digest('hex')}`;
    expect(validMetaSignature(body, good, 'secret')).toBe(true);
    expect(validMetaSignature(body, good, 'other')).toBe(false);
    expect(validMetaSignature(Buffer.from('{"object":"page","entry":[] }'), good, 'secret')).toBe(
      false,
    );
    expect(validMetaSignature(body, 'sha1=abc', 'secret')).toBe(false);
    expect(validMetaSignature(body, undefined, 'secret')).toBe(false);
    expect(validMetaSignature(body, 'sha256=zz', 'secret')).toBe(false);
  });
});

describe('masking', () => {
  it('hides each PHI span once, merging overlaps', () => {
    const text = 'Call 555-0100 or mail a@b.test now';
    expect(
      maskText(text, [
        { rule: 'phi.phone', category: 'phone', start: 5, end: 13, severity: 'info' },
        { rule: 'phi.x', category: 'other', start: 8, end: 13, severity: 'info' },
        { rule: 'phi.email', category: 'email', start: 22, end: 30, severity: 'info' },
      ]),
    ).toBe('Call [phone hidden] or mail [email hidden] now');
  });
});
