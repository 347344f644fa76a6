import { Box, Container, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from '../../components/brand';

/** The frame for pages shown before sign-in: a centred card on a calm background. */
export function AuthLayout(props: { children: ReactNode; width?: number }) {
  return (
    <Box mih="100dvh" py={{ base: 'md', sm: 48 }} px="sm">
      <Container size={props.width ?? 440} p={0}>
        <Stack gap="lg">
          <Box component="header" px="xs">
            <Brand />
          </Box>
          <Paper component="main" id="main" withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
            {props.children}
          </Paper>
          <Text component="footer" size="xs" c="dimmed" ta="center">
            Social media and reputation for healthcare practices, without the PHI risk.
          </Text>
        </Stack>
      </Container>
    </Box>
  );
}
