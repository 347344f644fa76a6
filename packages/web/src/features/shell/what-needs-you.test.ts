import { describe, expect, it } from 'vitest';
import { workGroups } from './what-needs-you';
import type { WorkSummary } from './work-api';

const inbox = { new: 3, assignedToMe: 1, overdue: 2, urgent: 1, critical: 0 };

describe('what needs you', () => {
  it('links each inbox count to the inbox with the same filter in the URL', () => {
    const summary: WorkSummary = {
      inbox,
      posts: null,
      publishing: null,
      consents: null,
      upcoming: null,
    };
    const [group] = workGroups(summary, 'me');
    expect(group?.cards.map((c) => [c.label, c.count, c.to])).toEqual([
      ['New in the inbox', 3, '/inbox?status=new'],
      ['Assigned to you', 1, '/inbox?assigneeId=me&status=assigned'],
      ['Overdue', 2, '/inbox?overdue=true'],
      ['Urgent', 1, '/inbox?urgency=high&status=new'],
    ]);
  });

  it('shows only the sections and cards the server sent for the role', () => {
    const summary: WorkSummary = {
      inbox: { ...inbox, critical: 1 },
      posts: { awaitingMyReview: 2, myDrafts: null, returnedToMe: null },
      publishing: { failed: 1, unconfirmed: 1, paused: 0, reconnectNeeded: null },
      consents: null,
      upcoming: null,
    };
    const groups = workGroups(summary, 'me');
    expect(groups.map((g) => g.id)).toEqual(['inbox', 'posts', 'publishing']);
    expect(groups[0]?.cards.at(-1)).toMatchObject({
      label: 'Critical',
      to: '/inbox?urgency=critical&status=new',
    });
    expect(groups[1]?.cards.map((c) => c.label)).toEqual(['Waiting for your review']);
    expect(groups[2]?.cards).toEqual([
      expect.objectContaining({
        label: 'Did not go out',
        count: 2,
        hint: '1 failed, 1 to check — on the calendar',
      }),
    ]);
  });
});
