import { Center, Group, Loader, Text } from '@mantine/core';

/** What an import is doing while the server works: announced to screen readers as a status. */
export function ImportProgress({ label }: { label: string | null }) {
  if (!label) return null;
  return (
    <Center role="status" aria-label="Working">
      <Group gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm">{label}</Text>
      </Group>
    </Center>
  );
}
