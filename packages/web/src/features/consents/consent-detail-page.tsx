import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  List,
  Modal,
  Paper,
  SimpleGrid,
  Spoiler,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconExternalLink, IconFileTypePdf } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/api-error';
import { consentsApi, type ConsentDetail, type EndReport } from '../../api/consents';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { paths } from '../../paths';
import { networkLabels } from '../compose/network-label';
import { useCurrentOrg } from '../shell/current-org';
import {
  canConsent,
  channelLabels,
  contentTypeLabels,
  describeExpiry,
  saveBlob,
} from './consent-labels';
import { consentPaths } from './consent-paths';
import { ConsentStatusBadge } from './consent-status-badge';
import { useConsent, useConsentMutations } from './use-consents';

/** One authorization: what it covers, its documents, what depends on it, and its takedown checklist. */
export function ConsentDetailPage() {
  const { id = '' } = useParams();
  const org = useCurrentOrg();
  const consent = useConsent(org.orgId, id);
  return (
    <QueryState query={consent} label="the authorization">
      {(c) => <Detail consent={c} />}
    </QueryState>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.children}
      </Text>
    </Stack>
  );
}

function Detail({ consent: c }: { consent: ConsentDetail }) {
  const org = useCurrentOrg();
  const mutations = useConsentMutations(org.orgId);
  const [confirming, setConfirming] = useState<'revoke' | 'event'>();
  const [report, setReport] = useState<EndReport>();
  const live = c.status === 'active' || c.status === 'expiring' || c.status === 'pending';

  const end = (kind: 'revoke' | 'event') => {
    const mutation = kind === 'revoke' ? mutations.revoke : mutations.expiryEvent;
    mutation.mutate(c.id, {
      onSuccess: (r) => {
        setReport(r);
        setConfirming(undefined);
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  };
  const open = async (documentId: string) => {
    try {
      const { blob, filename } = await consentsApi.document(org.orgId, c.id, documentId);
      saveBlob(blob, filename ?? 'authorization.pdf');
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };

  return (
    <>
      <PageHeader
        title={c.patientName}
        description={
          <Group gap="xs" component="span">
            <ConsentStatusBadge status={c.status} />
            <span>{c.source === 'paper' ? 'Paper form' : 'Signed online'}</span>
          </Group>
        }
        actions={
          <>
            {c.status === 'pending' && canConsent.request(org.role) ? (
              <Button
                variant="default"
                loading={mutations.resend.isPending}
                onClick={() =>
                  mutations.resend.mutate(
                    { id: c.id, mode: c.contact.includes('@') ? 'email' : 'tablet' },
                    {
                      onSuccess: () =>
                        notifications.show({ message: 'A new signing link was sent.' }),
                      onError: (e) =>
                        notifications.show({ color: 'red', message: errorMessage(e) }),
                    },
                  )
                }
              >
                Send a new link
              </Button>
            ) : null}
            {live &&
            c.expiry.kind === 'event' &&
            c.status !== 'pending' &&
            canConsent.manage(org.role) ? (
              <Button variant="default" onClick={() => setConfirming('event')}>
                The ending event happened
              </Button>
            ) : null}
            {live && canConsent.revoke(org.role) ? (
              <Button color="red" variant="light" onClick={() => setConfirming('revoke')}>
                Record a revocation
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="lg">
        {report ? <EndSummary report={report} /> : null}
        {c.defects.length > 0 && c.status !== 'revoked' && c.status !== 'expired' ? (
          <Alert
            color="orange"
            icon={<IconAlertTriangle aria-hidden />}
            title="This authorization cannot be relied on"
          >
            <List size="sm">
              {c.defects.map((d) => (
                <List.Item key={`${d.code}-${d.element}`}>
                  {d.message} ({d.citation})
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <Paper withBorder p="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
            <Fact label="Contact">{c.contact}</Fact>
            <Fact label="Chart number">{c.externalId ?? '—'}</Fact>
            <Fact label="Ends">{describeExpiry(c.expiry)}</Fact>
            <Fact label="Covers">
              {c.contentTypes.map((t) => contentTypeLabels[t]).join('; ') || '—'}
            </Fact>
            <Fact label="Where">{c.channels.map((ch) => channelLabels[ch]).join(', ') || '—'}</Fact>
            <Fact label="Signed">
              {c.signedAt
                ? c.signedAt.length === 10
                  ? c.signedAt
                  : formatDateTime(c.signedAt)
                : 'Not yet'}
              {c.signer?.kind === 'personal-representative'
                ? ` by a representative (${c.signer.authority ?? ''})`
                : ''}
            </Fact>
            {c.revokedAt ? <Fact label="Revoked">{formatDateTime(c.revokedAt)}</Fact> : null}
          </SimpleGrid>
        </Paper>

        <Section title="Documents">
          {c.documents.length === 0 ? (
            <Text size="sm" c="dimmed">
              No signed document yet.
            </Text>
          ) : (
            <Stack gap="xs">
              {c.documents.map((d) => (
                <Group key={d.id} gap="sm" wrap="nowrap" align="flex-start">
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconFileTypePdf size={14} aria-hidden />}
                    style={{ flexShrink: 0 }}
                    onClick={() => void open(d.id)}
                  >
                    {d.kind === 'signed_pdf'
                      ? 'Signed form (PDF)'
                      : `Paper scan (${d.mediaType.split('/')[1]})`}
                  </Button>
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    SHA-256 <Code>{d.sha256}</Code> · {Math.ceil(d.byteSize / 1024)} KB ·{' '}
                    {formatDateTime(d.createdAt)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Section>

        <Section title="What depends on it">
          {c.posts.length === 0 && c.media.length === 0 ? (
            <Text size="sm" c="dimmed">
              No post or image is linked to this authorization.
            </Text>
          ) : (
            <List size="sm">
              {c.posts.map((p) => (
                <List.Item key={p.id}>
                  <Anchor component={Link} to={paths.post(p.id)}>
                    Post {p.id.slice(0, 8)}
                  </Anchor>{' '}
                  — {p.status.replace('_', ' ')}
                  {p.via === 'media' ? ' (through a tagged image)' : ''}
                </List.Item>
              ))}
              {c.media.map((m) => (
                <List.Item key={m.id}>Image: {m.altText || m.id.slice(0, 8)}</List.Item>
              ))}
            </List>
          )}
        </Section>

        {c.takedowns.length > 0 ? <Takedowns consent={c} /> : null}

        <Section title="The form as the patient read it">
          <Spoiler maxHeight={120} showLabel="Show the whole form" hideLabel="Show less">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.formText}
            </Text>
          </Spoiler>
        </Section>
        <Anchor component={Link} to={consentPaths.list}>
          ← All consents
        </Anchor>
      </Stack>

      <Modal
        opened={confirming !== undefined}
        onClose={() => setConfirming(undefined)}
        title={
          confirming === 'revoke'
            ? 'Record a written revocation'
            : 'Record that the ending event happened'
        }
      >
        <Stack>
          <Text size="sm">
            {confirming === 'revoke'
              ? 'Only do this when the practice has received the patient’s revocation in writing (letter, email or form). It takes effect now: '
              : 'The authorization ends now: '}
            scheduled posts that depend on it go back to draft, published ones are deleted where the
            network allows, and the rest go on the takedown checklist. The owner and the compliance
            officer are told.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(undefined)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={mutations.revoke.isPending || mutations.expiryEvent.isPending}
              onClick={() => confirming && end(confirming)}
            >
              {confirming === 'revoke' ? 'Revoke now' : 'End it now'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label={props.title}>
      <Title order={2} size="h4" mb="sm">
        {props.title}
      </Title>
      {props.children}
    </Paper>
  );
}

function EndSummary({ report }: { report: EndReport }) {
  return (
    <Alert color="blue" title="Done" role="status">
      {report.returnedToDraft.length} post(s) went back to draft; {report.deleted.length} deleted
      from networks; {report.takedown.length} need removing by hand (see the checklist below).
    </Alert>
  );
}

function Takedowns({ consent: c }: { consent: ConsentDetail }) {
  const org = useCurrentOrg();
  const mutations = useConsentMutations(org.orgId);
  const open = c.takedowns.filter((t) => t.status === 'open').length;
  return (
    <Section title="Takedown checklist">
      <Text size="sm" mb="xs">
        {open > 0
          ? `Bedside deleted the posts where the network lets apps delete. ${open} still online: open each address, delete the post there by hand, then mark it removed.`
          : 'Every post that depended on this authorization has been removed.'}
      </Text>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Where</Table.Th>
            <Table.Th>Link</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {/* What still needs a person first; the removed ones below, as the record. */}
          {[...c.takedowns]
            .sort((a, b) => Number(a.status === 'done') - Number(b.status === 'done'))
            .map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{t.network ? networkName(t.network) : 'Unknown network'}</Table.Td>
                <Table.Td>
                  {t.remoteUrl ? (
                    // The address itself, not "open": a person may need to copy it to the network's app.
                    <Anchor
                      href={t.remoteUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      size="sm"
                      style={{ wordBreak: 'break-all' }}
                    >
                      {t.remoteUrl} <IconExternalLink size={12} aria-hidden />
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      No link: find post {t.postId.slice(0, 8)} on the network
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {t.status === 'done' ? (
                    <Text size="sm">Removed</Text>
                  ) : canConsent.manage(org.role) ? (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => mutations.resolveTakedown.mutate(t.id)}
                    >
                      Mark removed
                    </Button>
                  ) : (
                    <Text size="sm">To remove</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** The network's own name ("Mastodon"), or the stored id when it is not a publishing network. */
function networkName(network: string): string {
  return (networkLabels as Record<string, string | undefined>)[network] ?? network;
}
