import { describe, expect, it } from 'vitest';
import type { Post } from './api';
import { canReview } from './post-page';

const post = (over: Partial<Post>): Post =>
  ({
    status: 'in_review',
    authorId: 'author',
    lastEditedBy: 'author',
    approvals: [],
    approval: {
      required: ['compliance_officer'],
      missing: ['compliance_officer'],
      complete: false,
    },
    ...over,
  }) as Post;

describe('who sees the review buttons', () => {
  it('the required role, not the author or the last editor, once per version', () => {
    expect(canReview(post({}), { userId: 'co', role: 'compliance_officer' })).toBe(true);
    expect(canReview(post({}), { userId: 'author', role: 'compliance_officer' })).toBe(false);
    expect(
      canReview(post({ lastEditedBy: 'co' }), { userId: 'co', role: 'compliance_officer' }),
    ).toBe(false);
    expect(canReview(post({}), { userId: 'adm', role: 'admin' })).toBe(false);
    expect(canReview(post({}), { userId: 'v', role: 'viewer' })).toBe(false);
    expect(
      canReview(post({ status: 'approved' }), { userId: 'co', role: 'compliance_officer' }),
    ).toBe(false);
    expect(
      canReview(
        post({
          approvals: [{ userId: 'co', userName: 'C', role: 'compliance_officer', createdAt: '' }],
        }),
        {
          userId: 'co',
          role: 'compliance_officer',
        },
      ),
    ).toBe(false);
  });

  it('with no roles required, anyone allowed to approve', () => {
    const open = post({ approval: { required: [], missing: [], complete: false } });
    expect(canReview(open, { userId: 'm', role: 'marketer' })).toBe(true);
    expect(canReview(open, { userId: 'f', role: 'front_desk' })).toBe(false);
  });
});
