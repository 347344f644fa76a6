import { useCallback, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { validate, type Validator } from './validation';

type Errors<T> = Partial<Record<keyof T, string>>;

/**
 * Form state with validation before submit: fields are checked on blur once touched and all
 * together on submit; server field errors (`validation_failed`) land on the matching field and
 * any other server message becomes the form's error.
 */
export function useForm<T extends Record<string, string>>(options: {
  initial: T;
  rules: Partial<Record<keyof T, Validator>>;
}) {
  const { initial, rules } = options;
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Errors<T>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);

  const setField = useCallback((name: keyof T, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
  }, []);

  const field = (name: keyof T) => ({
    name: String(name),
    value: values[name],
    error: errors[name],
    onChange: (event: { currentTarget: { value: string } }) =>
      setField(name, event.currentTarget.value),
    onBlur: () => {
      if (!values[name]) return;
      const message = rules[name]?.(values[name]);
      setErrors((current) => ({ ...current, [name]: message }));
    },
  });

  /** Validates everything; returns true when the form may be sent. Focuses the first bad field. */
  const check = (form?: HTMLFormElement | null): boolean => {
    const found = validate(values, rules);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first && form) {
      const input = form.querySelector<HTMLElement>(`[name="${first}"]`);
      input?.focus();
    }
    return !first;
  };

  const submit =
    (action: (values: T) => Promise<void>) =>
    async (event: React.FormEvent<HTMLFormElement>): Promise<void> => {
      event.preventDefault();
      setFormError(undefined);
      if (!check(event.currentTarget)) return;
      setSubmitting(true);
      try {
        await action(values);
      } catch (error) {
        if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
          const known = Object.keys(values);
          const fieldErrors = Object.fromEntries(
            Object.entries(error.fields).filter(([name]) => known.includes(name)),
          );
          setErrors(fieldErrors as Errors<T>);
          if (Object.keys(fieldErrors).length === 0) setFormError(error.message);
        } else {
          setFormError(errorMessage(error));
        }
      } finally {
        setSubmitting(false);
      }
    };

  return {
    values,
    setValues,
    setField,
    errors,
    setErrors,
    field,
    check,
    submit,
    submitting,
    formError,
    setFormError,
  };
}
