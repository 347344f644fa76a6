import {
  Alert,
  Button,
  Fieldset,
  FileInput,
  Group,
  Image,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { Provider } from '../../api/providers';
import { mediaUrl } from '../compose/api';
import { outcomeMessage } from './profile-draft';
import { useProviderMutations } from './use-providers';

const MAX_BYTES = 10 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * The provider's photo: the current one with its description, a new upload that needs its alt
 * text, and removal. The server removes the file's metadata (GPS position, camera) and resizes
 * it; a photo someone other than the clinician uploads waits for the clinician's approval.
 */
export function PhotoField(props: { orgId: string; provider: Provider; direct: boolean }) {
  const { provider: p } = props;
  const { uploadPhoto, update } = useProviderMutations(props.orgId);
  const [file, setFile] = useState<File | null>(null);
  const [altText, setAltText] = useState('');
  const [local, setLocal] = useState<{ file?: string; altText?: string }>({});
  const [result, setResult] = useState<string>();
  const server = uploadPhoto.error instanceof ApiError ? uploadPhoto.error.fields : {};
  const general =
    uploadPhoto.error && Object.keys(server).length === 0
      ? errorMessage(uploadPhoto.error)
      : undefined;

  const upload = () => {
    const problems: typeof local = {};
    if (!file) problems.file = 'Choose a photo (JPEG, PNG or WebP).';
    else if (!TYPES.includes(file.type)) problems.file = 'Choose a JPEG, PNG or WebP image.';
    else if (file.size > MAX_BYTES)
      problems.file = 'This photo is over 10 MB; choose a smaller one.';
    if (!altText.trim())
      problems.altText = 'Describe the photo for people who cannot see it (alt text).';
    setLocal(problems);
    setResult(undefined);
    if (problems.file || problems.altText || !file) return;
    uploadPhoto.mutate(
      { providerId: p.id, file, altText: altText.trim() },
      {
        onSuccess: (outcome) => {
          const message = outcomeMessage(p, outcome);
          setResult(message);
          notifications.show({ message });
          setFile(null);
          setAltText('');
        },
      },
    );
  };

  const remove = () =>
    update.mutate(
      { providerId: p.id, changes: { photo: null, photoAlt: '' } },
      {
        onSuccess: (outcome) => notifications.show({ message: outcomeMessage(p, outcome) }),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );

  return (
    <Fieldset legend="Photo">
      <Stack gap="xs">
        {p.photo ? (
          <Group align="flex-start" wrap="nowrap">
            <Image
              src={mediaUrl(props.orgId, p.photo.mediaId)}
              alt={p.photoAlt}
              w={96}
              h={Math.round((96 * p.photo.height) / p.photo.width)}
              radius="sm"
            />
            <Stack gap={4}>
              <Text size="sm">Current photo: {p.photoAlt}</Text>
              <Group>
                <Button
                  size="compact-sm"
                  variant="default"
                  color="red"
                  onClick={remove}
                  loading={update.isPending}
                >
                  {props.direct ? 'Remove photo' : 'Propose removing the photo'}
                </Button>
              </Group>
            </Stack>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            No photo yet.
          </Text>
        )}
        <Group grow align="flex-start">
          <FileInput
            label={p.photo ? 'New photo' : 'Photo file'}
            description="JPEG, PNG or WebP up to 10 MB; location and camera data are removed"
            accept={TYPES.join(',')}
            value={file}
            onChange={setFile}
            clearable
            error={local.file}
          />
          <TextInput
            label="Description of the new photo (alt text)"
            description="Required: what a screen reader says instead of the photo"
            maxLength={300}
            value={altText}
            onChange={(e) => setAltText(e.currentTarget.value)}
            error={local.altText ?? server.altText}
          />
        </Group>
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        {result ? (
          <Text size="sm" role="status">
            {result}
          </Text>
        ) : null}
        <Group>
          <Button variant="default" onClick={upload} loading={uploadPhoto.isPending}>
            {props.direct ? 'Upload photo' : 'Upload photo for approval'}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
