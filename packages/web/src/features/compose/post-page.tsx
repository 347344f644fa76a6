import { Alert, Badge, Button, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/api-error';
import type { Role } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { paths } from '../../paths';
import { useSession } from '../auth/use-session';
import { ScheduleButton } from '../calendar/schedule-post-dialog';
import { PostAuthorizationPanel } from '../consents/post-authorization-panel';
import { useGuardContext } from '../guard/use-live-guard';
import { VerdictBadge } from '../guard/verdict-badge';
import { roleLabels } from '../members/roles';
import { useCurrentOrg } from '../shell/current-org';
import { postsApi, usePost, usePostMutation, type Post } from './api';
import { CommentsPanel } from './comments-panel';
import { ReviewActions } from './review-actions';
import { ReviewVariant } from './review-variant';
import { PostStatusBadge } from './status-badge';

const writers: Role[] = ['owner', 'admin', 'marketer', 'compliance_officer', 'clinician'];
const approvers: Role[] = ['owner', 'admin', 'compliance_officer', 'marketer', 'clinician'];
const editable = ['draft', 'in_review', 'approved', 'scheduled'];
/** Who may schedule (policy `post.schedule`; the server decides for real). */
const schedulers: Role[] = ['owner', 'admin', 'marketer', 'compliance_officer'];

/** One post: its variants with the guard's highlights, who must still approve, and the review conversation. */
export function PostPage() {
  const { postId } = useParams();
  const org = useCurrentOrg();
  const post = usePost(org.orgId, postId);
  return (
    <QueryState query={post} label="the post">
      {(data) => <PostView post={data} />}
    </QueryState>
  );
}

/** Whether the signed-in person may approve this version (the server decides for real). */
export function canReview(post: Post, me: { userId: string; role: Role }): boolean {
  return (
    post.status === 'in_review' &&
    approvers.includes(me.role) &&
    post.authorId !== me.userId &&
    post.lastEditedBy !== me.userId &&
    !post.approvals.some((a) => a.userId === me.userId) &&
    (post.approval.required.length === 0 || post.approval.missing.includes(me.role))
  );
}

function PostView(props: { post: Post }) {
  const { post } = props;
  const org = useCurrentOrg();
  const session = useSession();
  const context = useGuardContext(org.orgId);
  const guardContext = context.data ?? (context.error ? {} : undefined);
  const me = { userId: session.data?.user.id ?? '', role: org.role };
  const canWrite = writers.includes(org.role);
  const [error, setError] = useState<string>();
  const withdraw = usePostMutation(org.orgId, () =>
    postsApi.withdraw(org.orgId, post.id, 'withdrawn by the author'),
  );
  const mine = post.authorId === me.userId;

  return (
    <>
      <PageHeader
        title="Post"
        description={post.baseText.slice(0, 140)}
        actions={
          canWrite && editable.includes(post.status) ? (
            <>
              {post.status !== 'draft' && mine ? (
                <Button
                  variant="default"
                  loading={withdraw.isPending}
                  onClick={() =>
                    withdraw.mutate(undefined, { onError: (e) => setError(errorMessage(e)) })
                  }
                >
                  Back to draft
                </Button>
              ) : null}
              <Button
                component={Link}
                to={paths.composePost(post.id)}
                leftSection={<IconPencil size={16} aria-hidden />}
              >
                {post.status === 'draft' ? 'Edit and submit' : 'Edit'}
              </Button>
            </>
          ) : undefined
        }
      />
      {error ? (
        <Alert color="red" role="alert" mb="md" icon={<IconAlertTriangle aria-hidden />}>
          {error}
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            {post.variants.map((v) => (
              <ReviewVariant
                key={v.id}
                orgId={org.orgId}
                postId={post.id}
                variant={v}
                media={post.media}
                context={guardContext}
                canComment={canWrite}
              />
            ))}
            <CommentsPanel orgId={org.orgId} post={post} canComment={canWrite} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Paper
              withBorder
              p={{ base: 'md', sm: 'lg' }}
              component="section"
              aria-labelledby="status-title"
            >
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} size="h4" id="status-title">
                    Status
                  </Title>
                  <PostStatusBadge status={post.status} />
                </Group>
                <Text size="sm">
                  Version {post.version} by {post.authorName}
                  {post.submittedAt ? `, submitted ${formatDateTime(post.submittedAt)}` : ''}
                </Text>
                {post.guardVerdict ? (
                  <Group gap="xs">
                    <Text size="sm">Guard on submission:</Text>
                    <VerdictBadge verdict={post.guardVerdict} size="md" />
                  </Group>
                ) : null}
                {post.overrideJustification ? (
                  <Alert
                    color="yellow"
                    variant="light"
                    title="The author's justification for the warnings"
                  >
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {post.overrideJustification}
                    </Text>
                  </Alert>
                ) : null}
                {post.patientStory ? (
                  <Badge variant="outline" tt="none">
                    Patient story: needs a signed authorization before scheduling
                  </Badge>
                ) : null}
                <Text size="sm" fw={600} mt="xs">
                  Approvals for this version
                </Text>
                {post.approvals.length > 0 ? (
                  <List size="sm" spacing={2}>
                    {post.approvals.map((a) => (
                      <List.Item key={a.userId}>
                        {a.userName} ({roleLabels[a.role]}), {formatDateTime(a.createdAt)}
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  <Text size="sm" c="dimmed">
                    None yet.
                  </Text>
                )}
                {post.status === 'in_review' ? (
                  <Text size="sm">
                    {post.approval.required.length === 0
                      ? 'Needs one approval from anyone allowed to approve (not the author).'
                      : post.approval.missing.length > 0
                        ? `Still needs: ${post.approval.missing.map((r) => roleLabels[r]).join(', ')}.`
                        : 'All required approvals are in.'}
                  </Text>
                ) : null}
                {post.scheduledAt ? (
                  <Text size="sm">
                    Scheduled for {scheduledTime(post.scheduledAt, post.timeZone)}
                  </Text>
                ) : null}
                {schedulers.includes(org.role) ? (
                  <ScheduleButton
                    orgId={org.orgId}
                    postId={post.id}
                    status={post.status}
                    timeZone={post.timeZone}
                  />
                ) : null}
                {canReview(post, me) ? <ReviewActions orgId={org.orgId} post={post} /> : null}
                {post.status === 'in_review' &&
                (post.authorId === me.userId || post.lastEditedBy === me.userId) ? (
                  <Text size="sm" c="dimmed">
                    You wrote or last edited this version, so someone else reviews it.
                  </Text>
                ) : null}
              </Stack>
            </Paper>
            <PostAuthorizationPanel postId={post.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/**
 * The scheduled instant on the location's wall clock, the zone named: the browser's own zone
 * may be another (a reviewer travelling, a server-side render in UTC).
 */
function scheduledTime(iso: string, timeZone: string | null): string {
  const date = new Date(iso);
  if (!timeZone || Number.isNaN(date.getTime())) return formatDateTime(iso);
  const local = date.toLocaleString('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  return `${local} (${timeZone.replace(/_/g, ' ')})`;
}
