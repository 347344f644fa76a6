import {
  ActionIcon,
  Button,
  FileInput,
  Group,
  Image,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconPhotoPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { mediaUrl, postsApi, type Media } from './api';
import { MediaAuthorizationTag } from './media-authorization-tag';

const MAX_IMAGES = 4;
const MAX_BYTES = 10 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * Images for the post. Alt text is required before an image can be added; the server strips
 * the photo's metadata (GPS position, camera) and resizes it, so the stored copy is what goes out.
 */
export function MediaPicker(props: {
  orgId: string;
  media: Media[];
  onAdd: (media: Media) => void;
  onRemove: (mediaId: string) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [altText, setAltText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const full = props.media.length >= MAX_IMAGES;

  const fileError =
    file && !TYPES.includes(file.type)
      ? 'Choose a JPEG, PNG or WebP image.'
      : file && file.size > MAX_BYTES
        ? 'This image is over 10 MB; choose a smaller one.'
        : undefined;

  const upload = async () => {
    if (!file) return setError('Choose an image first.');
    if (!altText.trim()) return setError('Describe the image (alt text) before adding it.');
    if (fileError) return setError(fileError);
    setBusy(true);
    setError(undefined);
    try {
      props.onAdd(await postsApi.upload(props.orgId, file, altText.trim()));
      setFile(null);
      setAltText('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="media-title">
      <Text id="media-title" fw={600}>
        Images
      </Text>
      {props.media.map((m) => (
        <Paper key={m.id} withBorder p="xs">
          <Group wrap="nowrap" align="flex-start">
            <Image src={mediaUrl(props.orgId, m.id)} alt="" w={72} h={72} fit="cover" radius="sm" />
            <Stack gap={2} style={{ flex: 1 }}>
              <Text size="sm">{m.altText}</Text>
              <Text size="xs" c="dimmed">
                {m.width} × {m.height} · {Math.round(m.byteSize / 1024)} KB · metadata removed
              </Text>
              <MediaAuthorizationTag mediaId={m.id} altText={m.altText} />
            </Stack>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove image: ${m.altText}`}
              onClick={() => props.onRemove(m.id)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      {full ? (
        <Text size="sm" c="dimmed">
          Four images is the most every network takes in one post.
        </Text>
      ) : (
        <Paper withBorder p="sm" bg="gray.0">
          <Stack gap="xs">
            <FileInput
              label="Image"
              description="JPEG, PNG or WebP, up to 10 MB. Location and camera details are removed."
              accept={TYPES.join(',')}
              value={file}
              onChange={(next) => {
                // A refusal of the previous file says nothing about this one.
                setFile(next);
                setError(undefined);
              }}
              error={fileError}
              clearable
              leftSection={<IconPhotoPlus size={16} aria-hidden />}
              placeholder="Choose an image"
            />
            <Textarea
              label="Alt text"
              description="What the image shows, for people who cannot see it. Never a patient's name."
              required
              autosize
              minRows={2}
              maxLength={1500}
              value={altText}
              onChange={(e) => setAltText(e.currentTarget.value)}
            />
            {error ? (
              <Text size="sm" c="red.8" role="alert">
                {error}
              </Text>
            ) : null}
            <Group justify="flex-end">
              <Button
                size="sm"
                variant="light"
                onClick={() => void upload()}
                loading={busy}
                disabled={!file || !altText.trim() || Boolean(fileError)}
              >
                Add image
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
