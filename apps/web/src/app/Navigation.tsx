import { useQuery } from '@tanstack/react-query';
import { Box, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBuildingHospital,
  IconHistory,
  IconLayoutDashboard,
  IconLayoutGrid,
  IconListCheck,
  IconUsers,
} from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useTRPC } from '../lib/trpc';

function ComingSoon({ label, icon }: { label: string; icon: React.ReactNode }) {
  return (
    <Tooltip label="Coming soon" position="right">
      {/* A focusable wrapper so keyboard users reach the tooltip too; the link itself is disabled. */}
      <Box tabIndex={0} aria-disabled="true" role="link">
        <NavLink component="div" label={label} description="Coming soon" leftSection={icon} disabled />
      </Box>
    </Tooltip>
  );
}

/** The side navigation: the current programme's pages, then pages that aren't about one programme. */
export function Navigation({
  programmeId,
  onNavigate,
}: {
  programmeId: string | undefined;
  onNavigate: () => void;
}) {
  const trpc = useTRPC();
  const { pathname } = useLocation();
  const programmes = useQuery({ ...trpc.programme.list.queryOptions(), enabled: Boolean(programmeId) });
  const programme = programmes.data?.find((p) => p.id === programmeId);
  const base = programmeId ? `/p/${programmeId}` : '';

  const link = (to: string, label: string, icon: React.ReactNode) => (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={pathname === to}
      aria-current={pathname === to ? 'page' : undefined}
      onClick={onNavigate}
      variant="light"
    />
  );

  return (
    <Stack gap="lg">
      {programmeId && (
        <Stack gap={2}>
          <Text size="sm" fw={700} px="sm" pb={4} lh={1.3}>
            {programme ? programme.name : 'Programme'}
          </Text>
          {link(base, 'Overview', <IconLayoutDashboard size={18} aria-hidden />)}
          <ComingSoon label="Risk register" icon={<IconAlertTriangle size={18} aria-hidden />} />
          <ComingSoon label="Transition plan" icon={<IconListCheck size={18} aria-hidden />} />
          {link(`${base}/members`, 'Members', <IconUsers size={18} aria-hidden />)}
          {link(`${base}/audit`, 'History', <IconHistory size={18} aria-hidden />)}
        </Stack>
      )}
      <Stack gap={2}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pb={4}>
          Baton
        </Text>
        {link('/', 'All programmes', <IconLayoutGrid size={18} aria-hidden />)}
        {link('/organisations', 'Organisations', <IconBuildingHospital size={18} aria-hidden />)}
      </Stack>
    </Stack>
  );
}
