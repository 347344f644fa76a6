import { Group, Text, VisuallyHidden } from '@mantine/core';

/**
 * The Bedside mark and name; drawn inline so nothing is fetched. `compact`: on a phone the name
 * is left to screen readers, so the header has room for the organization's name.
 */
export function Brand(props: { size?: number; compact?: boolean }) {
  const size = props.size ?? 28;
  return (
    <Group gap={8} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
        <rect width="32" height="32" rx="8" fill="var(--mantine-color-bedside-7)" />
        <path
          d="M8 20.5h16M9.5 20.5v-6.5a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v6.5"
          stroke="#fff"
          strokeWidth="2"
          fill="none"
          strokeLinecap="round"
        />
        <circle cx="12.5" cy="15.5" r="1.6" fill="#fff" />
        <path d="M16 7.5v4M14 9.5h4" stroke="#aee0d8" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <Text
        fw={700}
        size="lg"
        c="bedside.9"
        style={{ letterSpacing: '-0.01em' }}
        {...(props.compact && { visibleFrom: 'xs' })}
      >
        Bedside
      </Text>
      {props.compact ? <VisuallyHidden hiddenFrom="xs">Bedside</VisuallyHidden> : null}
    </Group>
  );
}
