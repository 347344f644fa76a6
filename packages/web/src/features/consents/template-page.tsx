import {
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error';
import type { ConsentTemplate, TemplateSection } from '../../api/consents';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useCurrentOrg } from '../shell/current-org';
import { consentPaths } from './consent-paths';
import { useConsentMutations, useConsentTemplate } from './use-consents';

/** What each section carries, so an editor knows what must stay. */
const sectionNotes: Record<string, string> = {
  information: 'What may be used — 164.508(c)(1)(i)',
  disclosers: 'Who may use and share it — (c)(1)(ii)',
  recipients: 'Who receives it — (c)(1)(iii)',
  purpose: 'Why — (c)(1)(iv)',
  expiry: 'When it ends — (c)(1)(v)',
  'revocation-right': 'The right to revoke in writing — (c)(2)(i)',
  'revocation-how': 'How to revoke — (c)(2)(i)(A)',
  'revocation-exceptions': 'What revoking cannot undo — (c)(2)(i)(A)',
  conditioning: 'Treatment does not depend on signing — (c)(2)(ii)',
  redisclosure: 'Recipients may share it further — (c)(2)(iii)',
  remuneration: 'Payment from a third party — (a)(3)(ii), shown only when someone pays',
  copy: 'The patient gets a copy — (c)(4)',
  signature: 'Signature and date — (c)(1)(vi)',
};

/**
 * The organization's authorization form. Each save is a new version; forms already sent keep the
 * wording they were sent with. Placeholders: {{practiceName}} {{patientName}} {{content}}
 * {{networks}} {{purpose}} {{expiry}} {{remunerationPayer}}.
 */
export function TemplatePage() {
  const org = useCurrentOrg();
  const template = useConsentTemplate(org.orgId);
  return (
    <>
      <PageHeader
        title="Authorization form"
        description="Bedside starts from a form with every element HIPAA requires, in plain words. Change the wording to your practice's voice; every section must stay."
      />
      <QueryState query={template} label="the form">
        {(t) => <Editor template={t} />}
      </QueryState>
    </>
  );
}

function Editor({ template }: { template: ConsentTemplate }) {
  const org = useCurrentOrg();
  const mutations = useConsentMutations(org.orgId);
  const [title, setTitle] = useState(template.title);
  const [sections, setSections] = useState<TemplateSection[]>(template.sections);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  useEffect(() => {
    setTitle(template.title);
    setSections(template.sections);
  }, [template]);

  const update = (index: number, patch: Partial<TemplateSection>) =>
    setSections((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFormError(undefined);
    mutations.saveTemplate.mutate(
      { title, sections },
      {
        onSuccess: (saved) => notifications.show({ message: `Saved as version ${saved.version}.` }),
        onError: (error) => {
          if (error instanceof ApiError) setErrors(error.fields);
          setFormError(errorMessage(error));
        },
      },
    );
  };
  const sectionError = (index: number, id: string) =>
    errors[`sections.${index}.body`] ?? errors[`sections.${index}.id`] ?? errors[`sections.${id}`];

  return (
    <Paper component="form" withBorder p="lg" maw={820} onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {template.version === 0
            ? 'Bedside’s default form (not saved yet).'
            : `Version ${template.version}.`}
        </Text>
        <FormError message={formError} title="The form was not saved" />
        <TextInput
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        {sections.map((s, i) => (
          <Stack key={s.id} gap={6}>
            <Title order={2} size="h5">
              {sectionNotes[s.id] ?? s.id}
            </Title>
            <TextInput
              label="Heading"
              value={s.heading}
              onChange={(e) => update(i, { heading: e.currentTarget.value })}
            />
            <Textarea
              label="Text"
              autosize
              minRows={2}
              value={s.body}
              onChange={(e) => update(i, { body: e.currentTarget.value })}
              error={sectionError(i, s.id)}
            />
          </Stack>
        ))}
        <Group>
          <Button type="submit" loading={mutations.saveTemplate.isPending}>
            Save a new version
          </Button>
          <Anchor component={Link} to={consentPaths.list}>
            Back to consents
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
