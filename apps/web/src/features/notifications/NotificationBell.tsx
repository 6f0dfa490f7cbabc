import { ActionIcon, Box } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { IconBell } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import classes from './notifications.module.css';
import { useUnreadCount } from './useNotifications';

export function bellLabel(unread: number | undefined): string {
  if (unread === undefined) return 'Notifications';
  return `Notifications, ${unread === 0 ? 'none' : unread} unread`;
}

/** The header's bell: the unread count at a glance (and in its name), a link to the notifications page. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const { pathname } = useLocation();
  const count = unread.data;
  const label = bellLabel(count);

  return (
    <LazyTooltip label={label}>
      <Box pos="relative" style={{ display: 'inline-flex' }}>
        <ActionIcon
          component={Link}
          to="/notifications"
          variant="subtle"
          color="white"
          size={40}
          radius="xl"
          aria-label={label}
          aria-current={pathname === '/notifications' ? 'page' : undefined}
          data-testid="notification-bell"
        >
          <IconBell size={22} stroke={1.8} aria-hidden />
        </ActionIcon>
        {count !== undefined && count > 0 && (
          <span className={classes.count} aria-hidden data-testid="notification-bell-count">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </Box>
    </LazyTooltip>
  );
}
