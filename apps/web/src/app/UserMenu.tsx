import { useMutation } from '@tanstack/react-query';
import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import {
  IconBuildingHospital,
  IconChevronDown,
  IconDevices,
  IconKey,
  IconLogout,
  IconShieldLock,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { PROVIDER_SIGN_OUT } from '../features/auth/providerSignOut';
import { useMe } from '../features/auth/useMe';
import { useTRPC } from '../lib/trpc';

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

export function UserMenu() {
  const me = useMe();
  const trpc = useTRPC();
  // A full reload after signing out: nothing the last user saw stays in memory.
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: (r) => {
        // Signed in through the organisation: the sign-in page offers the provider's own sign-out.
        if (r.provider) sessionStorage.setItem(PROVIDER_SIGN_OUT, JSON.stringify(r.provider));
      },
      onSettled: () => window.location.assign('/signin'),
    }),
  );

  return (
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton p={4} style={{ borderRadius: 6 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="nhsBlue.9" variant="filled" radius="xl" size={34} aria-hidden>
              {initialsOf(me.name)}
            </Avatar>
            <Text size="sm" fw={600} c="white" visibleFrom="md" lineClamp={1} maw={180}>
              {me.name}
            </Text>
            <Box hiddenFrom="md" className="visually-hidden">
              {me.name}
            </Box>
            <span className="visually-hidden">, account menu</span>
            <IconChevronDown size={16} color="white" aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py="xs">
          <Text size="sm" fw={700}>
            {me.name}
          </Text>
          <Group gap={6} wrap="nowrap" align="flex-start" mt={2}>
            <IconBuildingHospital size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm">{me.organisation.name}</Text>
          </Group>
          <Text size="xs" c="dimmed" mt={2} style={{ overflowWrap: 'anywhere' }}>
            {me.email}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Item
          component={Link}
          to="/account/sessions"
          leftSection={<IconDevices size={16} aria-hidden />}
        >
          Your sessions
        </Menu.Item>
        <Menu.Item
          component={Link}
          to="/account/security"
          leftSection={<IconShieldLock size={16} aria-hidden />}
        >
          Security
        </Menu.Item>
        {me.isSystemAdmin && (
          <Menu.Item component={Link} to="/admin/sign-in" leftSection={<IconKey size={16} aria-hidden />}>
            Sign-in providers
          </Menu.Item>
        )}
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
