import { useQuery } from '@tanstack/react-query';
import { Button, Menu, Text } from '@mantine/core';
import { IconCheck, IconChevronDown, IconLayoutGrid } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTRPC } from '../lib/trpc';

/** The header's "which programme am I in" control: a menu of the programmes this user belongs to. */
export function ProgrammeSwitcher({ currentProgrammeId }: { currentProgrammeId: string | undefined }) {
  const trpc = useTRPC();
  const programmes = useQuery(trpc.programme.list.queryOptions());
  const current = programmes.data?.find((p) => p.id === currentProgrammeId);

  return (
    <Menu position="bottom-start" width={320} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="white"
          c="white"
          rightSection={<IconChevronDown size={16} aria-hidden />}
          styles={{ label: { maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {current ? current.code : 'Programmes'}
          <span className="visually-hidden">
            {current ? `: ${current.name}. Switch programme` : ': switch programme'}
          </span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your programmes</Menu.Label>
        {programmes.isPending && <Menu.Item disabled>Loading…</Menu.Item>}
        {programmes.isError && <Menu.Item disabled>Programmes could not be loaded</Menu.Item>}
        {programmes.data?.length === 0 && <Menu.Item disabled>You are not in any programme yet</Menu.Item>}
        {programmes.data?.map((p) => (
          <Menu.Item
            key={p.id}
            component={Link}
            to={`/p/${p.id}`}
            aria-current={p.id === currentProgrammeId ? 'page' : undefined}
            rightSection={p.id === currentProgrammeId ? <IconCheck size={16} aria-label="Current" /> : null}
          >
            <Text size="sm" fw={600} lh={1.3}>
              {p.name}
            </Text>
            <Text size="xs" c="dimmed">
              {p.code}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/" leftSection={<IconLayoutGrid size={16} aria-hidden />}>
          All programmes
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
