import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { paths } from '../../paths';
import { WorkCard, type WorkCardProps } from './work-card';
import type { WorkSummary } from './work-api';
import { inboxLink, plural } from './work-links';

interface Group {
  id: string;
  title: string;
  cards: WorkCardProps[];
}

/** The cards of each section the viewer's role may see (the server sends null for the others). */
export function workGroups(summary: WorkSummary, userId: string): Group[] {
  const groups: Group[] = [];
  const { inbox, posts, publishing, consents } = summary;
  if (inbox)
    groups.push({
      id: 'inbox',
      title: 'Inbox',
      cards: [
        {
          label: 'New in the inbox',
          count: inbox.new,
          hint: 'Reviews and mentions nobody has picked up',
          to: inboxLink({ status: 'new' }),
        },
        {
          label: 'Assigned to you',
          count: inbox.assignedToMe,
          hint: 'Waiting for your reply or note',
          to: inboxLink({ assigneeId: userId, status: 'assigned' }),
        },
        {
          label: 'Overdue',
          count: inbox.overdue,
          hint: 'Past their response time, not answered',
          to: inboxLink({ overdue: 'true' }),
          alarm: true,
        },
        {
          label: 'Urgent',
          count: inbox.urgent,
          hint: 'Legal, privacy or safety language, not picked up',
          to: inboxLink({ urgency: 'high', status: 'new' }),
          alarm: true,
        },
        ...(inbox.critical > 0
          ? [
              {
                label: 'Critical',
                count: inbox.critical,
                hint: 'Emergency or self-harm language: follow your crisis procedure',
                to: inboxLink({ urgency: 'critical', status: 'new' }),
                alarm: true,
              },
            ]
          : []),
      ],
    });
  if (posts) {
    const cards: WorkCardProps[] = [];
    if (posts.awaitingMyReview !== null)
      cards.push({
        label: 'Waiting for your review',
        count: posts.awaitingMyReview,
        hint: 'Posts your approval is needed for',
        to: paths.posts,
      });
    if (posts.myDrafts !== null)
      cards.push({
        label: 'Your drafts',
        count: posts.myDrafts,
        hint: 'Posts → Drafts',
        to: paths.postsTab('drafts'),
      });
    if (posts.returnedToMe !== null)
      cards.push({
        label: 'Sent back to you',
        count: posts.returnedToMe,
        hint: 'A reviewer asked for changes',
        to: paths.postsTab('drafts'),
      });
    groups.push({ id: 'posts', title: 'Posts', cards });
  }
  if (publishing) {
    const notOut = publishing.failed + publishing.unconfirmed + publishing.paused;
    const parts = [
      publishing.failed ? `${publishing.failed} failed` : '',
      publishing.unconfirmed ? `${publishing.unconfirmed} to check` : '',
      publishing.paused ? `${publishing.paused} paused` : '',
    ].filter(Boolean);
    const cards: WorkCardProps[] = [
      {
        label: 'Did not go out',
        count: notOut,
        hint:
          parts.length > 0
            ? `${parts.join(', ')} — on the calendar`
            : 'Failed, unconfirmed or paused copies',
        to: paths.calendar,
        alarm: true,
      },
    ];
    if (publishing.reconnectNeeded !== null)
      cards.push({
        label: 'Channels to reconnect',
        count: publishing.reconnectNeeded,
        hint: 'Their posts wait until you do',
        to: paths.channels,
        alarm: true,
      });
    groups.push({ id: 'publishing', title: 'Publishing', cards });
  }
  if (consents)
    groups.push({
      id: 'consents',
      title: 'Patient authorizations',
      cards: [
        {
          label: 'Awaiting signature',
          count: consents.awaitingSignature,
          hint: 'Requested, not signed yet',
          to: paths.consents,
        },
        {
          label: 'Expiring soon',
          count: consents.expiringSoon,
          hint: `Signed, ending within ${plural(consents.expiringWithinDays, 'day')}`,
          to: paths.consents,
        },
      ],
    });
  return groups.filter((g) => g.cards.length > 0);
}

/** "What needs you": a section per area the role works in, each count a link to its list. */
export function WhatNeedsYou(props: { summary: WorkSummary; userId: string }) {
  const groups = workGroups(props.summary, props.userId);
  const waiting = groups.reduce((sum, g) => sum + g.cards.reduce((n, c) => n + c.count, 0), 0);
  return (
    <section aria-labelledby="work-title">
      <Title order={2} size="h4" mb="sm" id="work-title">
        What needs you
      </Title>
      {groups.length > 0 && waiting === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          All clear: nothing is waiting for you right now.
        </Text>
      ) : null}
      {groups.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nothing here for your role.
        </Text>
      ) : (
        <SimpleGrid
          cols={{ base: 1, sm: 2, xl: groups.length >= 4 ? 4 : groups.length }}
          spacing="md"
        >
          {groups.map((group) => (
            <Paper
              key={group.id}
              component="section"
              withBorder
              radius="md"
              p="xs"
              aria-labelledby={`work-${group.id}`}
            >
              <Title order={3} size="h6" px="xs" pt={4} pb={6} id={`work-${group.id}`}>
                {group.title}
              </Title>
              <Stack gap={2}>
                {group.cards.map((card) => (
                  <WorkCard key={card.label} {...card} />
                ))}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}
