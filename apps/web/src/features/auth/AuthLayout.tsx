import type { ReactNode } from 'react';
import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Wordmark } from '../../app/Wordmark';

/** The plain, centred frame for pages seen before signing in. */
export function AuthLayout({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Box bg="gray.1" mih="100vh">
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <Box component="header" bg="nhsBlue.6" px="lg" py="sm">
        <Wordmark inverted />
      </Box>
      <Center component="main" id="main-content" tabIndex={-1} px="md" py={48}>
        <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={440}>
          <Stack gap="lg">
            <Stack gap={4}>
              <Title order={1} size="h2">
                {title}
              </Title>
              {intro && <Text c="dimmed">{intro}</Text>}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
