import { useQuery } from '@tanstack/react-query';
import { NavLink, Stack, Text } from '@mantine/core';
import { pagesFor, type TAppPage } from '@baton/domain';
import {
  IconAlertTriangle,
  IconBriefcase,
  IconBuildingHospital,
  IconChartBar,
  IconCalendarEvent,
  IconChecklist,
  IconClipboardList,
  IconFileSearch,
  IconHistory,
  IconLayoutDashboard,
  IconLayoutGrid,
  IconListCheck,
  IconBell,
  IconMail,
  IconPresentation,
  IconSettings,
  IconShieldCheck,
  IconUsers,
} from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useTRPC } from '../lib/trpc';

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
  // Only the pages this member can use (until their role is known, all but the admin's outbox).
  const pages = new Set<TAppPage>(
    programme ? pagesFor(programme) : pagesFor({ role: 'transition_lead', isolated: false }),
  );
  const show = (page: TAppPage) => pages.has(page);

  // `section`: also highlighted on the pages under it (a risk, What changed), marked as the current page only on itself.
  const link = (to: string, label: string, icon: React.ReactNode, section = false) => (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={pathname === to || (section && pathname.startsWith(`${to}/`))}
      aria-current={pathname === to ? 'page' : undefined}
      onClick={onNavigate}
      variant="light"
    />
  );

  // Grouped the way the three audiences think: the register and its meetings, the handover, the programme.
  const heading = (label: string) => (
    <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="sm" pb={2}>
      {label}
    </Text>
  );

  return (
    <Stack gap="lg">
      {programmeId && (
        <Stack gap={2}>
          <Text size="sm" fw={700} px="sm" pb={4} lh={1.3}>
            {programme ? programme.name : 'Programme'}
          </Text>
          {show('overview') && link(base, 'Overview', <IconLayoutDashboard size={18} aria-hidden />)}
          {heading('Risks and governance')}
          {link(`${base}/risks`, 'Risk register', <IconAlertTriangle size={18} aria-hidden />, true)}
          {show('raid') && link(`${base}/raid`, 'RAID log', <IconClipboardList size={18} aria-hidden />)}
          {show('dueDiligence') &&
            link(`${base}/due-diligence`, 'Due diligence', <IconFileSearch size={18} aria-hidden />)}
          {show('gateways') &&
            link(`${base}/gateways`, 'Assurance gateways', <IconShieldCheck size={18} aria-hidden />, true)}
          {show('steering') &&
            link(`${base}/steering`, 'Steering pack', <IconPresentation size={18} aria-hidden />)}
          {show('meetings') &&
            link(`${base}/meetings`, 'Meetings', <IconCalendarEvent size={18} aria-hidden />, true)}
          {(show('transition') || show('workspace') || show('myTasks') || show('progress')) &&
            heading('Transition')}
          {show('transition') &&
            link(`${base}/transition`, 'Transition plan', <IconListCheck size={18} aria-hidden />, true)}
          {show('workspace') &&
            link(`${base}/workspace`, 'Workspace', <IconBriefcase size={18} aria-hidden />)}
          {show('myTasks') && link(`${base}/my-tasks`, 'My tasks', <IconChecklist size={18} aria-hidden />)}
          {show('progress') &&
            link(`${base}/progress`, 'Joint progress', <IconChartBar size={18} aria-hidden />)}
          {heading('Programme')}
          {show('members') && link(`${base}/members`, 'Members', <IconUsers size={18} aria-hidden />)}
          {show('audit') && link(`${base}/audit`, 'History', <IconHistory size={18} aria-hidden />)}
          {show('emails') && link(`${base}/emails`, 'Email outbox', <IconMail size={18} aria-hidden />)}
          {show('settings') && link(`${base}/settings`, 'Settings', <IconSettings size={18} aria-hidden />)}
        </Stack>
      )}
      <Stack gap={2}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pb={4}>
          Baton
        </Text>
        {link('/', 'All programmes', <IconLayoutGrid size={18} aria-hidden />)}
        {link('/organisations', 'Organisations', <IconBuildingHospital size={18} aria-hidden />)}
        {link('/notifications', 'Notifications', <IconBell size={18} aria-hidden />)}
      </Stack>
    </Stack>
  );
}
