import { Alert, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CheckKind, Finding, NetworkId } from '@bedside/guard';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { PageHeader } from '../../components/page-header';
import { useCurrentOrg } from '../shell/current-org';
import { applyFix } from './apply-fix';
import { CheckOptions } from './check-options';
import { FindingsList } from './findings-list';
import { GuardedTextarea } from './guarded-textarea';
import { ServerCheck } from './server-check';
import { useGuardContext, useLiveGuard } from './use-live-guard';
import { VerdictBadge } from './verdict-badge';
import { findingsSummary } from './findings-summary';

const noFindings: Finding[] = [];

/** Check text: paste or write a post, reply or message and see the guard's findings live. */
export function CheckTextPage() {
  const org = useCurrentOrg();
  const context = useGuardContext(org.orgId);
  const [kind, setKind] = useState<CheckKind>('post');
  const [network, setNetwork] = useState<NetworkId | ''>('');
  const [review, setReview] = useState('');
  const [text, setText] = useState('');
  const [active, setActive] = useState<Finding>();
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  // Without the practice's own details the guard still runs; it just cannot tell staff from patients.
  const guardContext = context.data ?? (context.error ? {} : undefined);
  const input = useMemo(
    () => ({
      text,
      kind,
      ...(kind === 'reply' && review ? { review } : {}),
      ...(network ? { network } : {}),
    }),
    [text, kind, review, network],
  );
  const live = useLiveGuard(guardContext, input);
  const findings = live.status === 'ready' ? live.result.findings : noFindings;

  const show = (finding: Finding) => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(finding.start, finding.end);
    setActive(finding);
  };
  const fix = (finding: Finding) => {
    const next = applyFix(text, finding);
    if (next === undefined) return;
    setText(next);
    setActive(undefined);
    textareaRef.current?.focus();
  };

  return (
    <>
      <PageHeader
        title="Check text"
        description="Write or paste a post, a reply to a review, or a message to patients. The guard highlights patient identifiers, replies that confirm someone is a patient, and risky claims as you type. Nothing you type here is saved or sent unless you ask for a server check."
      />
      {context.error ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} mb="md">
          Your practice&apos;s providers and addresses could not be loaded, so they may be flagged
          as if they were patient details.
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
            <Stack gap="md">
              <CheckOptions
                kind={kind}
                onKindChange={setKind}
                network={network}
                onNetworkChange={setNetwork}
                review={review}
                onReviewChange={setReview}
                onExample={(example) => {
                  setKind(example.kind);
                  setReview(example.review ?? '');
                  setText(example.text);
                }}
              />
              <GuardedTextarea
                label={
                  kind === 'reply'
                    ? 'Your reply'
                    : kind === 'message'
                      ? 'Your message'
                      : 'Your post'
                }
                value={text}
                onChange={setText}
                findings={findings}
                activeFinding={active}
                textareaRef={textareaRef}
                placeholder="Start typing, or load an example above."
              />
              <Group justify="space-between" gap="xs">
                <Text size="xs" c="dimmed">
                  {text.length.toLocaleString()} characters
                  {live.status === 'ready' && text
                    ? ` · checked in your browser in ${live.elapsedMs < 1 ? '<1' : Math.round(live.elapsedMs)} ms`
                    : ''}
                </Text>
                <ServerCheck orgId={org.orgId} input={input} />
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper
            withBorder
            p={{ base: 'md', sm: 'lg' }}
            component="section"
            aria-labelledby="findings-title"
          >
            <Stack gap="md">
              <Group justify="space-between" align="center">
                <Title order={2} size="h4" id="findings-title">
                  Findings
                </Title>
                {live.status === 'ready' && text ? (
                  <VerdictBadge verdict={live.result.verdict} />
                ) : null}
              </Group>
              {live.status === 'unavailable' ? (
                <Alert color="gray" variant="light" role="status">
                  {live.reason}
                </Alert>
              ) : !text ? (
                <Text size="sm" c="dimmed">
                  Findings appear here as you type.
                </Text>
              ) : (
                <>
                  <Text size="sm" c="dimmed" aria-hidden>
                    {findingsSummary(findings)}
                  </Text>
                  <FindingsList
                    text={text}
                    findings={findings}
                    onApplyFix={fix}
                    onShow={show}
                    onHover={setActive}
                  />
                </>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
