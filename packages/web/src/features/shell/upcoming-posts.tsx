import { Anchor, Paper, Table, Text, Title, Group } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '../../paths';
import { networkLabels } from '../compose/network-label';
import type { WorkSummary } from './work-api';
import { formatInZone, plural } from './work-links';

type Upcoming = NonNullable<WorkSummary['upcoming']>;

function networkName(network: string): string {
  return (networkLabels as Record<string, string>)[network] ?? network;
}

/** The next week's copies: when (in the location's zone), where and on which network; no text. */
export function UpcomingPosts(props: { upcoming: Upcoming }) {
  const { total, posts } = props.upcoming;
  return (
    <section aria-labelledby="upcoming-title">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h4" id="upcoming-title">
          Next 7 days
        </Title>
        <Anchor component={Link} to={paths.calendar} size="sm">
          Open the calendar
        </Anchor>
      </Group>
      <Paper withBorder radius="md" p={posts.length === 0 ? 'md' : 0}>
        {posts.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing is scheduled for the next 7 days.
          </Text>
        ) : (
          <Table verticalSpacing="xs" horizontalSpacing="md">
            <Table.Caption>
              {total > posts.length
                ? `The first ${posts.length} of ${plural(total, 'scheduled copy', 'scheduled copies')}`
                : plural(total, 'scheduled copy', 'scheduled copies')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When (office time)</Table.Th>
                <Table.Th>Network</Table.Th>
                <Table.Th>Location</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {posts.map((post) => (
                <Table.Tr key={post.targetId}>
                  <Table.Td>
                    <Anchor component={Link} to={paths.post(post.postId)} size="sm">
                      {formatInZone(post.dueAt, post.timeZone)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{networkName(post.network)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{post.locationName}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </section>
  );
}
