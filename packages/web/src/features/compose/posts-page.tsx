import { Anchor, Badge, Button, Group, Table, Tabs, Text } from '@mantine/core';
import { IconPencilPlus, IconInbox } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { paths } from '../../paths';
import { VerdictBadge } from '../guard/verdict-badge';
import { roleLabels } from '../members/roles';
import { useCurrentOrg } from '../shell/current-org';
import { usePostList, type PostStatus, type PostSummary } from './api';
import { networkLabels } from './network-label';
import { PostStatusBadge } from './status-badge';

const tabs: { value: string; label: string; statuses: PostStatus[]; mine?: boolean }[] = [
  { value: 'queue', label: 'Waiting for my review', statuses: ['in_review'], mine: true },
  { value: 'drafts', label: 'Drafts', statuses: ['draft'] },
  { value: 'review', label: 'In review', statuses: ['in_review'] },
  { value: 'approved', label: 'Approved', statuses: ['approved'] },
  {
    value: 'out',
    label: 'Scheduled & published',
    statuses: [
      'scheduled',
      'publishing',
      'published',
      'partially_published',
      'failed',
      'unconfirmed',
    ],
  },
  { value: 'rejected', label: 'Rejected', statuses: ['rejected'] },
];

/** Posts by status, with the review queue of what waits for the signed-in person. */
export function PostsPage() {
  const org = useCurrentOrg();
  // The tab lives in the URL (?tab=drafts), so the dashboard can link straight to it.
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab = tabs.some((t) => t.value === asked) ? (asked as string) : 'queue';
  const setTab = (value: string) =>
    setParams(value === 'queue' ? {} : { tab: value }, { replace: true });
  return (
    <>
      <PageHeader
        title="Posts"
        description="Everything your practice is writing, reviewing and publishing. Posts waiting for your approval are in your review queue."
        actions={
          <Button
            component={Link}
            to={paths.compose}
            leftSection={<IconPencilPlus size={16} aria-hidden />}
          >
            Compose
          </Button>
        }
      />
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'queue')} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            <PostList
              orgId={org.orgId}
              statuses={t.statuses}
              mine={t.mine ?? false}
              label={t.label}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

function PostList(props: { orgId: string; statuses: PostStatus[]; mine: boolean; label: string }) {
  const query = usePostList(props.orgId, props.statuses);
  return (
    <QueryState query={query} label="posts">
      {(posts) => {
        const shown = props.mine ? posts.filter((p) => p.awaitingMe) : posts;
        if (shown.length === 0)
          return (
            <EmptyBlock
              icon={<IconInbox size={24} />}
              title={props.mine ? 'Nothing waits for your review' : 'No posts here yet'}
            >
              {props.mine ? 'Posts that need your approval appear here.' : undefined}
            </EmptyBlock>
          );
        return <PostTable posts={shown} caption={props.label} />;
      }}
    </QueryState>
  );
}

function PostTable(props: { posts: PostSummary[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption className="visually-hidden">{props.caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Post</Table.Th>
            <Table.Th>Channels</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Guard</Table.Th>
            <Table.Th>Author</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.posts.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td maw={360}>
                <Anchor component={Link} to={paths.post(p.id)} lineClamp={2} size="sm">
                  {p.excerpt || 'Untitled draft'}
                </Anchor>
                {p.patientStory ? (
                  <Badge size="xs" variant="outline" tt="none" mt={4}>
                    Patient story
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.networks.map((n) => networkLabels[n]).join(', ') || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <PostStatusBadge status={p.status} />
                  {p.status === 'in_review' && p.missingRoles.length > 0 ? (
                    <Text size="xs" c="dimmed">
                      needs {p.missingRoles.map((r) => roleLabels[r].toLowerCase()).join(', ')}
                    </Text>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                {p.guardVerdict ? (
                  <VerdictBadge verdict={p.guardVerdict} size="md" />
                ) : (
                  <Text size="sm" c="dimmed">
                    Not checked yet
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.authorName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(p.updatedAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
