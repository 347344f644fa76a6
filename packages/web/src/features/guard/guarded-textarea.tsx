import { Input } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { useLayoutEffect, useMemo, useRef, type Ref } from 'react';
import type { Finding } from '@bedside/guard';
import { findingsSummary } from './findings-summary';
import classes from './guarded-textarea.module.css';
import { segmentText } from './segments';

export interface GuardedTextareaProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Findings from the guard for (a recent version of) `value`. */
  findings: readonly Finding[];
  description?: string;
  error?: string;
  placeholder?: string;
  /** Outline the highlight of this finding (hovered or selected in a findings list). */
  activeFinding?: Finding;
  textareaRef?: Ref<HTMLTextAreaElement>;
  maxLength?: number;
  /** Shown for review: selectable and focusable, not editable. */
  readOnly?: boolean;
}

/**
 * A textarea that highlights the guard's findings live. A mirror of the text sits behind a
 * transparent textarea and draws each finding as a tinted, underlined run; the textarea grows
 * with its content so the two never scroll apart. Screen readers get the findings count as a
 * polite live region and in the field's description.
 */
export function GuardedTextarea(props: GuardedTextareaProps) {
  const id = useId();
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const segments = useMemo(
    () => segmentText(props.value, props.findings),
    [props.value, props.findings],
  );
  const summaryId = `${id}-findings`;
  const summary = findingsSummary(props.findings);

  useLayoutEffect(() => {
    const textarea = ownRef.current;
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight + 2}px`;
  }, [props.value]);

  const setRef = (node: HTMLTextAreaElement | null) => {
    ownRef.current = node;
    const ref = props.textareaRef;
    if (typeof ref === 'function') ref(node);
    else if (ref) ref.current = node;
  };

  const describedBy = [
    props.description ? `${id}-description` : '',
    props.error ? `${id}-error` : '',
    summaryId,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <Input.Wrapper label={props.label} description={props.description} error={props.error} id={id}>
      <div className={classes.root}>
        <div className={classes.mirror} aria-hidden="true" data-testid="guard-highlights">
          {segments.map((segment) =>
            segment.severity ? (
              <mark
                key={segment.start}
                className={[
                  classes.mark,
                  classes[segment.severity],
                  props.activeFinding && segment.findings.includes(props.activeFinding)
                    ? classes.active
                    : '',
                ].join(' ')}
                data-severity={segment.severity}
                data-rules={segment.findings.map((f) => f.rule).join(' ')}
              >
                {segment.text}
              </mark>
            ) : (
              <span key={segment.start}>{segment.text}</span>
            ),
          )}
          {/* A trailing newline needs content after it to take up a line. */}
          {'\u200b'}
        </div>
        <textarea
          ref={setRef}
          id={id}
          className={classes.input}
          value={props.value}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          readOnly={props.readOnly}
          spellCheck
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        />
      </div>
      <div id={summaryId} className="visually-hidden" aria-live="polite" aria-atomic="true">
        {summary}
      </div>
    </Input.Wrapper>
  );
}
