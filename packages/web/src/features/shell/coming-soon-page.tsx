import { Badge, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ComponentType } from 'react';
import { PageHeader } from '../../components/page-header';

interface Area {
  title: string;
  summary: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  points: string[];
}

export const comingSoon = {} satisfies Record<string, Area>;

export function ComingSoonPage(props: { area: keyof typeof comingSoon }) {
  const area: Area = comingSoon[props.area];
  return (
    <>
      <PageHeader title={area.title} description={area.summary} />
      <Paper withBorder p={{ base: 'lg', sm: 'xl' }} maw={760}>
        <Stack gap="md">
          <ThemeIcon size={52} radius="xl" variant="light" aria-hidden>
            <area.icon size={28} stroke={1.6} />
          </ThemeIcon>
          <div>
            <Badge variant="light" color="bedside" mb="xs">
              Coming soon
            </Badge>
            <Title order={2} size="h3">
              What you will find here
            </Title>
          </div>
          <List spacing="xs" size="sm">
            {area.points.map((point) => (
              <List.Item key={point}>{point}</List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed">
            In the meantime, try <strong>Check text</strong> to see how the guard reviews a post or
            reply before it goes out.
          </Text>
        </Stack>
      </Paper>
    </>
  );
}
