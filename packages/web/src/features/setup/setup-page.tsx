import { Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { OrganizationKind } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useForm } from '../../lib/use-form';
import { validate } from '../../lib/validation';
import { paths } from '../../paths';
import { AuthLayout } from '../auth/auth-layout';
import { useSignedIn } from '../auth/use-session';
import { LocationFields } from '../locations/location-fields';
import { locationField, setupFieldFor, setupInitial, stepRules } from './setup-fields';
import { OrganizationStep, OwnerStep } from './setup-steps';

const stepTitles = ['About you', 'Your organization', 'Your first location'];

/** First run: the owner's account, the organization and its first location, in three steps. */
export function SetupPage() {
  const [step, setStep] = useState(0);
  const navigate = useNavigate();
  const client = useQueryClient();
  const signedIn = useSignedIn();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const form = useForm({ initial: setupInitial, rules: stepRules[step] ?? {} });
  const narrow = useMediaQuery('(max-width: 36em)');

  useEffect(() => {
    document.title = `Set up Bedside · ${stepTitles[step]}`;
    if (firstRender.current) firstRender.current = false;
    else headingRef.current?.focus();
  }, [step]);

  const create = async (values: typeof setupInitial) => {
    try {
      await endpoints.setup({
        owner: { name: values.name.trim(), email: values.email.trim(), password: values.password },
        organization: { name: values.orgName.trim(), kind: values.orgKind as OrganizationKind },
        location: {
          name: values.locationName.trim(),
          address: values.address.trim(),
          city: values.city.trim(),
          state: values.state.trim().toUpperCase(),
          zip: values.zip.trim(),
          phone: values.phone.trim(),
          ...(values.fax.trim() ? { fax: values.fax.trim() } : {}),
          timeZone: values.timeZone,
        },
      });
    } catch (error) {
      if (!(error instanceof ApiError) || Object.keys(error.fields).length === 0) throw error;
      const mapped = Object.entries(error.fields).flatMap(([name, message]) => {
        const target = setupFieldFor(name);
        return target ? [{ ...target, message }] : [];
      });
      if (mapped.length === 0) throw error;
      form.setErrors(Object.fromEntries(mapped.map((m) => [m.field, m.message])));
      setStep(Math.min(...mapped.map((m) => m.step)));
      return;
    }
    await signedIn();
    await client.invalidateQueries({ queryKey: queryKeys.setup });
    await navigate(paths.home, { replace: true });
  };

  const onSubmit = form.submit(async (values) => {
    if (step < 2) {
      setStep(step + 1);
      return;
    }
    // Earlier steps were checked when leaving them; check again in case of server corrections.
    const earlier = [0, 1].find((i) => Object.keys(validate(values, stepRules[i] ?? {})).length);
    if (earlier !== undefined) {
      form.setErrors(validate(values, stepRules[earlier] ?? {}));
      setStep(earlier);
      return;
    }
    await create(values);
  });

  return (
    <AuthLayout width={620}>
      <Stack gap="lg">
        <div>
          <Text size="sm" c="bedside.8" fw={600}>
            Welcome to Bedside
          </Text>
          <Title order={1} size="h2">
            Set up your workspace
          </Title>
          <Text c="dimmed" size="sm">
            Three short steps. You can add more locations and invite your team afterwards.
          </Text>
        </div>
        <Stepper
          active={step}
          onStepClick={setStep}
          allowNextStepsSelect={false}
          size={narrow ? 'xs' : 'sm'}
          aria-label="Setup progress"
        >
          <Stepper.Step label="You" description={narrow ? undefined : 'Owner account'} />
          <Stepper.Step
            label="Organization"
            description={narrow ? undefined : 'Practice or agency'}
          />
          <Stepper.Step label="Location" description={narrow ? undefined : 'First office'} />
        </Stepper>
        <form onSubmit={onSubmit} noValidate aria-labelledby="setup-step-title">
          <Stack gap="md">
            <Title order={2} size="h4" id="setup-step-title" ref={headingRef} tabIndex={-1}>
              Step {step + 1} of 3: {stepTitles[step]}
            </Title>
            <FormError message={form.formError} />
            {step === 0 ? <OwnerStep field={form.field} /> : null}
            {step === 1 ? (
              <OrganizationStep
                field={form.field}
                kind={form.values.orgKind}
                onKindChange={(kind) => form.setField('orgKind', kind)}
              />
            ) : null}
            {step === 2 ? (
              <LocationFields field={(name) => form.field(locationField(name))} />
            ) : null}
            <Group justify="space-between" mt="sm">
              {step > 0 ? (
                <Button variant="default" onClick={() => setStep(step - 1)}>
                  Back
                </Button>
              ) : (
                <span />
              )}
              <Button type="submit" loading={form.submitting}>
                {step < 2 ? 'Next' : 'Create organization'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </AuthLayout>
  );
}
