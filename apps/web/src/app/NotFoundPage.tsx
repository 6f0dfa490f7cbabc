import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Stack maw={560} gap="md" py="xl">
      <Title order={1}>Page not found</Title>
      <Text>
        There is nothing at this address. If you typed it, check it; if you followed a link, the page may have
        moved or you may not have access to it.
      </Text>
      <Group>
        <Button component={Link} to="/">
          Go to your programmes
        </Button>
      </Group>
    </Stack>
  );
}
