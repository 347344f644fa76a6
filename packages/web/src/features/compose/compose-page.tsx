import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { createGuard, type Finding } from '@bedside/guard';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/query-state';
import { paths } from '../../paths';
import { FindingsList } from '../guard/findings-list';
import { GuardedTextarea } from '../guard/guarded-textarea';
import { useGuardContext, useLiveGuard } from '../guard/use-live-guard';
import { VerdictBadge } from '../guard/verdict-badge';
import { applyFix } from '../guard/apply-fix';
import { LocationSelect } from '../channels/location-select';
import { PostAuthorizationPanel, usePostCoverage } from '../consents/post-authorization-panel';
import { useLocations } from '../locations/use-locations';
import { useCurrentOrg } from '../shell/current-org';
import {
  postsApi,
  useComposeChannels,
  usePost,
  usePostMutation,
  usePublishingSettings,
  type Media,
  type Post,
  type ServerFinding,
} from './api';
import {
  draftFromPost,
  effectiveCampaign,
  emptyDraft,
  previewVariant,
  COVERED_MESSAGE,
  shownFindings,
  toContent,
  variantText,
  withChannels,
  type ComposeDraft,
} from './compose-state';
import { JustificationModal } from './justification-modal';
import { MediaPicker } from './media-picker';
import { VariantEditor } from './variant-editor';

const noFindings: Finding[] = [];

/** Compose a new post (`/compose`) or edit one (`/compose/:postId`). */
export function ComposePage() {
  const { postId } = useParams();
  const org = useCurrentOrg();
  const post = usePost(org.orgId, postId);
  const locations = useLocations(org.orgId);
  if (postId && post.isPending) return <LoadingBlock label="Loading the post…" />;
  if (postId && post.error)
    return (
      <Alert color="red" role="alert">
        {errorMessage(post.error)}
      </Alert>
    );
  if (locations.isPending) return <LoadingBlock label="Loading your locations…" />;
  const active = (locations.data ?? []).filter((l) => !l.archived);
  return (
    <ComposeForm
      key={postId ?? 'new'}
      post={post.data}
      locations={active}
      initialLocationId={
        post.data?.locationId ?? (active.length === 1 ? (active[0]?.id ?? '') : '')
      }
    />
  );
}

function ComposeForm(props: {
  post: Post | undefined;
  locations: { id: string; name: string; archived: boolean }[];
  initialLocationId: string;
}) {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { post } = props;
  const [draft, setDraft] = useState<ComposeDraft>(() =>
    post ? draftFromPost(post) : emptyDraft(props.initialLocationId),
  );
  const [media, setMedia] = useState<Media[]>(post?.media ?? []);
  const [active, setActive] = useState<Finding>();
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [serverFindings, setServerFindings] = useState<ServerFinding[]>([]);
  const [justifying, setJustifying] = useState(false);
  const [justificationError, setJustificationError] = useState<string>();
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const context = useGuardContext(org.orgId);
  const guardContext = context.data ?? (context.error ? {} : undefined);
  const settings = usePublishingSettings(org.orgId);
  const channels = useComposeChannels(org.orgId, draft.locationId);
  const channelList = useMemo(() => channels.data ?? [], [channels.data]);

  useEffect(() => {
    if (channels.data) setDraft((d) => withChannels(d, channels.data, { includeNew: !post }));
  }, [channels.data, post]);

  const campaign = effectiveCampaign(draft);
  const mainInput = useMemo(
    () => ({
      text: draft.baseText,
      kind: 'post' as const,
      media: media.map((m) => ({ altText: m.altText })),
    }),
    [draft.baseText, media],
  );
  const live = useLiveGuard(guardContext, mainInput);
  const coverage = usePostCoverage(post?.id);
  const covered = useMemo(() => coverage.data?.covered ?? [], [coverage.data]);
  const mainFindings =
    live.status === 'ready' ? shownFindings(live.result.findings, covered) : noFindings;

  const included = draft.variants.filter((v) => v.included);
  const previews = new Map(
    draft.variants.flatMap((v) => {
      const channel = channelList.find((c) => c.id === v.channelId);
      return channel
        ? [
            [
              v.channelId,
              previewVariant(variantText(draft, v), { channel, campaign, settings: settings.data }),
            ] as const,
          ]
        : [];
    }),
  );

  // Every text that will be sent, checked now, to decide whether submitting needs a justification.
  const guard = useMemo(
    () => (guardContext ? createGuard(guardContext) : undefined),
    [guardContext],
  );
  const allFindings = useMemo(() => {
    if (!guard) return [];
    const texts = new Set([draft.baseText, ...included.map((v) => variantText(draft, v))]);
    return [...texts].flatMap((text) =>
      text.trim()
        ? shownFindings(
            guard.check({ text, kind: 'post', media: media.map((m) => ({ altText: m.altText })) })
              .findings,
            covered,
          )
        : [],
    );
  }, [guard, draft, included, media, covered]);
  const blocking = allFindings.filter((f) => f.severity === 'block');
  const warnings = [
    ...new Set(
      allFindings
        .filter((f) => f.severity === 'warn' && f.message !== COVERED_MESSAGE)
        .map((f) => f.message),
    ),
  ];
  const overLimit = included.some((v) => previews.get(v.channelId)?.over);

  // The post as last saved: after the first save of a new post, later saves update it.
  const [current, setCurrent] = useState<Post | undefined>(post);
  const save = usePostMutation(org.orgId, async (justification: string | undefined) => {
    const content = toContent(draft);
    if (!current) return postsApi.create(org.orgId, content);
    return postsApi.update(org.orgId, current.id, {
      ...content,
      version: current.version,
      ...(justification ? { overrideJustification: justification } : {}),
    });
  });
  const submit = usePostMutation(org.orgId, (input: { post: Post; justification?: string }) =>
    postsApi.submit(org.orgId, input.post.id, {
      version: input.post.version,
      ...(input.justification ? { overrideJustification: input.justification } : {}),
    }),
  );
  const underReview = current ? current.status !== 'draft' : false;
  const busy = save.isPending || submit.isPending;

  const showError = (e: unknown) => {
    setError(errorMessage(e));
    if (e instanceof ApiError) {
      setFields(e.fields);
      const details = e.details as { findings?: ServerFinding[] } | undefined;
      setServerFindings(details?.findings ?? []);
      if (e.fields.overrideJustification) {
        setJustifying(true);
        setJustificationError(e.fields.overrideJustification);
      }
    }
  };

  const run = async (mode: 'draft' | 'submit', justification?: string) => {
    setError(undefined);
    setFields({});
    setServerFindings([]);
    setJustificationError(undefined);
    try {
      let saved = await save.mutateAsync(mode === 'submit' ? justification : undefined);
      setCurrent(saved);
      if (mode === 'submit' && saved.status === 'draft')
        saved = await submit.mutateAsync({
          post: saved,
          ...(justification ? { justification } : {}),
        });
      setJustifying(false);
      if (mode === 'draft' && !post) void navigate(paths.composePost(saved.id), { replace: true });
      else void navigate(paths.post(saved.id));
    } catch (e) {
      showError(e);
    }
  };

  const onSubmit = () => {
    if (warnings.length > 0) setJustifying(true);
    else void run('submit');
  };

  const fieldFor = (channelId: string): string | undefined => {
    const index = included.findIndex((v) => v.channelId === channelId);
    return index === -1 ? undefined : fields[`variants.${index}.text`];
  };

  const show = (finding: Finding) => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(finding.start, finding.end);
    setActive(finding);
  };

  return (
    <>
      <PageHeader
        title={post ? 'Edit post' : 'Compose'}
        description="Write once, tailor it for each channel, and send it for review. The guard checks every word as you type; the server checks again when you submit."
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            {underReview ? (
              <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
                This post is {current?.status.replace('_', ' ')}. Saving a change sends it back to
                review, and earlier approvals no longer count.
              </Alert>
            ) : null}
            {error ? (
              <Alert
                color="red"
                variant="light"
                role="alert"
                icon={<IconAlertTriangle aria-hidden />}
                title="Not saved"
              >
                <Stack gap={4}>
                  <Text size="sm">{error}</Text>
                  {serverFindings.length > 0 ? (
                    <Text size="sm">
                      The server&apos;s guard found:{' '}
                      {[...new Set(serverFindings.map((f) => f.message))].join(' ')}
                    </Text>
                  ) : null}
                </Stack>
              </Alert>
            ) : null}
            <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
              <Stack gap="md">
                {!post ? (
                  <LocationSelect
                    locations={props.locations as never}
                    value={draft.locationId}
                    error={fields.locationId}
                    onChange={(locationId) =>
                      setDraft({ ...emptyDraft(locationId), baseText: draft.baseText })
                    }
                  />
                ) : null}
                <GuardedTextarea
                  label="Main text"
                  description="Every channel uses this text unless you tailor it below."
                  value={draft.baseText}
                  onChange={(baseText) => setDraft({ ...draft, baseText })}
                  findings={mainFindings}
                  activeFinding={active}
                  textareaRef={textareaRef}
                  error={fields.baseText}
                  placeholder="What would you like to tell your patients?"
                  maxLength={10000}
                />
                <Group grow align="flex-start">
                  <TextInput
                    label="Campaign"
                    description={`Added to links to your own site as utm_campaign=${campaign}`}
                    value={draft.campaign}
                    onChange={(e) => setDraft({ ...draft, campaign: e.currentTarget.value })}
                    maxLength={100}
                  />
                </Group>
                <Checkbox
                  label="This post tells a patient's story"
                  description="Stories and testimonials need the patient's signed HIPAA authorization before they can be scheduled."
                  checked={draft.patientStory}
                  onChange={(e) => setDraft({ ...draft, patientStory: e.currentTarget.checked })}
                />
                <MediaPicker
                  orgId={org.orgId}
                  media={media}
                  onAdd={(m) => {
                    setMedia([...media, m]);
                    setDraft({ ...draft, mediaIds: [...draft.mediaIds, m.id] });
                  }}
                  onRemove={(id) => {
                    setMedia(media.filter((m) => m.id !== id));
                    setDraft({ ...draft, mediaIds: draft.mediaIds.filter((m) => m !== id) });
                  }}
                />
              </Stack>
            </Paper>
            <Title order={2} size="h3">
              Channels
            </Title>
            {!draft.locationId ? (
              <Text c="dimmed">Choose a location to see its channels.</Text>
            ) : channels.isPending ? (
              <LoadingBlock label="Loading channels…" />
            ) : channelList.length === 0 ? (
              <Alert color="yellow" variant="light">
                This location has no connected channels yet. Connect one in Settings → Channels.
              </Alert>
            ) : (
              draft.variants.map((variant) => {
                const channel = channelList.find((c) => c.id === variant.channelId);
                const preview = previews.get(variant.channelId);
                if (!channel || !preview) return null;
                return (
                  <VariantEditor
                    key={variant.channelId}
                    orgId={org.orgId}
                    channel={channel}
                    variant={variant}
                    text={variantText(draft, variant)}
                    preview={preview}
                    media={media}
                    context={guardContext}
                    serverError={fieldFor(variant.channelId)}
                    onChange={(next) =>
                      setDraft({
                        ...draft,
                        variants: draft.variants.map((v) =>
                          v.channelId === next.channelId ? next : v,
                        ),
                      })
                    }
                  />
                );
              })
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md" pos="sticky" top={16}>
            <Paper
              withBorder
              p={{ base: 'md', sm: 'lg' }}
              component="section"
              aria-labelledby="guard-title"
            >
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} size="h4" id="guard-title">
                    Guard
                  </Title>
                  {live.status === 'ready' && draft.baseText.trim() ? (
                    <VerdictBadge
                      verdict={blocking.length ? 'block' : warnings.length ? 'review' : 'pass'}
                      size="md"
                    />
                  ) : null}
                </Group>
                <FindingsList
                  text={draft.baseText}
                  findings={mainFindings}
                  onApplyFix={(finding) => {
                    const next = applyFix(draft.baseText, finding);
                    if (next !== undefined) setDraft({ ...draft, baseText: next });
                  }}
                  onShow={show}
                  onHover={setActive}
                />
              </Stack>
            </Paper>
            {current ? <PostAuthorizationPanel postId={current.id} /> : null}
            <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
              <Stack gap="sm">
                {blocking.length > 0 ? (
                  <Text size="sm" c="red.8">
                    Remove the text marked “must be fixed” before submitting.
                  </Text>
                ) : null}
                {included.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Choose at least one channel to submit.
                  </Text>
                ) : null}
                <Group justify="flex-end">
                  {!underReview ? (
                    <Button
                      variant="default"
                      onClick={() => void run('draft')}
                      loading={save.isPending && !justifying}
                      disabled={busy}
                    >
                      Save draft
                    </Button>
                  ) : null}
                  <Button
                    onClick={onSubmit}
                    loading={busy && !justifying}
                    disabled={
                      busy ||
                      blocking.length > 0 ||
                      overLimit ||
                      included.length === 0 ||
                      !draft.baseText.trim()
                    }
                  >
                    {underReview ? 'Save and send to review' : 'Submit for review'}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <JustificationModal
        opened={justifying}
        warnings={warnings}
        busy={busy}
        error={justificationError}
        onClose={() => setJustifying(false)}
        onSubmit={(justification) => void run('submit', justification)}
      />
    </>
  );
}
