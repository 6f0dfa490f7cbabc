import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Button,
  Card,
  Center,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconBellOff,
  IconCalendarEvent,
  IconChecks,
  IconClock,
  IconFileSearch,
  IconShieldCheck,
  IconTrendingUp,
  IconUserCheck,
} from '@tabler/icons-react';
import { NOTIFICATION_KIND_LABELS, type TNotificationKind } from '@baton/domain';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { Link } from 'react-router';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/errors';
import { formatCount, formatRelative, formatTimestamp } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { groupNotifications } from './notificationGroups';
import classes from './notifications.module.css';
import { useMarkAllRead, useMarkRead } from './useNotifications';

type Api = ReturnType<typeof useTRPC>;
type NotificationItem = inferOutput<Api['notification']['list']>['items'][number];

const PAGE_SIZE = 30;

/** Each kind's icon on a pale disc of its colour (the icon is decoration: the kind is also written out). */
const KIND_ICON: Record<TNotificationKind, { icon: typeof IconClock; color: string }> = {
  task_assigned: { icon: IconUserCheck, color: 'nhsBlue' },
  action_assigned: { icon: IconShieldCheck, color: 'nhsBlue' },
  raid_assigned: { icon: IconUserCheck, color: 'nhsBlue' },
  due_diligence: { icon: IconFileSearch, color: 'nhsBlue' },
  gateway: { icon: IconShieldCheck, color: 'nhsBlue' },
  due_soon: { icon: IconClock, color: 'orange' },
  overdue: { icon: IconAlertTriangle, color: 'red' },
  risk_escalated: { icon: IconTrendingUp, color: 'red' },
  review_due: { icon: IconCalendarEvent, color: 'grape' },
};

function NotificationRow({
  n,
  onOpen,
  onMarkRead,
  marking,
}: {
  n: NotificationItem;
  onOpen: () => void;
  onMarkRead: () => void;
  marking: boolean;
}) {
  const unread = !n.readAt;
  const kind = KIND_ICON[n.kind] ?? KIND_ICON.due_soon;
  const Icon = kind.icon;
  return (
    <li className={`${classes.item} ${unread ? classes.unread : ''}`} data-testid="notification">
      <span
        className={classes.kindIcon}
        style={{
          background: `var(--mantine-color-${kind.color}-1)`,
          color: `var(--mantine-color-${kind.color}-9)`,
        }}
        aria-hidden
      >
        <Icon size={18} />
      </span>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text size="xs" c="dimmed">
          {NOTIFICATION_KIND_LABELS[n.kind]}
          {n.programme ? ` · ${n.programme.name}` : ''}
        </Text>
        {n.link ? (
          <Anchor
            component={Link}
            to={n.link}
            onClick={onOpen}
            className={classes.title}
            size="sm"
            aria-describedby={n.body ? `notification-${n.id}-body` : undefined}
          >
            {unread && <span className="visually-hidden">Unread: </span>}
            {n.title}
          </Anchor>
        ) : (
          <Text size="sm" className={classes.title}>
            {unread && <span className="visually-hidden">Unread: </span>}
            {n.title}
          </Text>
        )}
        {n.body && (
          <Text size="sm" id={`notification-${n.id}-body`}>
            {n.body}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          <time dateTime={new Date(n.createdAt).toISOString()} title={formatTimestamp(n.createdAt)}>
            {formatRelative(n.createdAt)}
          </time>
          {' · '}
          {unread ? 'Unread' : 'Read'}
        </Text>
      </Stack>
      {unread && (
        <Button size="compact-sm" variant="subtle" onClick={onMarkRead} disabled={marking}>
          Mark as read
          <span className="visually-hidden">: {n.title}</span>
        </Button>
      )}
    </li>
  );
}

function EmailPreference() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.notification.preferences.queryOptions());
  const save = useMutation(
    trpc.notification.setPreferences.mutationOptions({
      onSuccess: (r) => {
        queryClient.setQueryData(trpc.notification.preferences.queryKey(), r);
        notify({
          color: 'green',
          title: r.emailNotifications ? 'Emails on' : 'Emails off',
          message: r.emailNotifications
            ? `Baton will email your notifications to ${r.email}.`
            : 'Baton will stop emailing you. Notifications still appear here.',
        });
      },
      onError: (error) =>
        notify({ color: 'red', title: 'Your email setting was not saved', message: errorMessage(error) }),
    }),
  );
  return (
    <Section id="email-preferences" title="Email">
      {prefs.isError && <QueryError error={prefs.error} onRetry={() => void prefs.refetch()} />}
      <Switch
        label="Email me my notifications"
        description={
          prefs.data
            ? `Each notification is also sent to ${prefs.data.email}. Turn this off to see them only here.`
            : 'Each notification is also sent to your email address.'
        }
        checked={
          save.isPending
            ? Boolean(save.variables?.emailNotifications)
            : (prefs.data?.emailNotifications ?? false)
        }
        disabled={!prefs.data || save.isPending}
        onChange={(e) => save.mutate({ emailNotifications: e.currentTarget.checked })}
        size="md"
      />
    </Section>
  );
}

/** The signed-in user's notifications across their programmes: grouped by when, unread first to the eye. */
export function NotificationsPage() {
  usePageTitle('Notifications');
  const trpc = useTRPC();
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const list = useInfiniteQuery(
    trpc.notification.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, unreadOnly: show === 'unread' },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  const groups = groupNotifications(items, new Date());
  const open = (n: NotificationItem) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
  };

  return (
    <Stack gap="lg" maw={880}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Notifications</Title>
          <Text c="dimmed" aria-live="polite" data-testid="unread-summary">
            {list.data
              ? unread === 0
                ? 'Nothing unread'
                : `${formatCount(unread, 'unread notification', 'unread notifications')}`
              : '\u00a0'}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={600} id="notifications-show">
              Show
            </Text>
            <SegmentedControl
              aria-labelledby="notifications-show"
              value={show}
              onChange={(v) => setShow(v === 'unread' ? 'unread' : 'all')}
              data={[
                { value: 'all', label: 'All' },
                { value: 'unread', label: 'Unread' },
              ]}
            />
          </Stack>
          <Button
            leftSection={<IconChecks size={18} aria-hidden />}
            onClick={() => markAll.mutate()}
            loading={markAll.isPending}
            disabled={unread === 0}
          >
            Mark all as read
          </Button>
        </Group>
      </Group>

      {list.isPending && <PageSkeleton rows={3} />}
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && (
        <Card withBorder radius="md" padding="xl">
          <Stack align="center" gap="xs">
            <ThemeIcon variant="light" color="gray.7" size={48} radius="xl" aria-hidden>
              <IconBellOff size={26} />
            </ThemeIcon>
            <Title order={2} size="h4">
              {show === 'unread' ? 'You are all caught up' : 'No notifications yet'}
            </Title>
            <Text ta="center" maw={520}>
              Baton tells you here when someone assigns you a task or a mitigation action, when something of
              yours is due soon or overdue, when a risk you own is due for review, and when a risk is
              escalated.
            </Text>
            {show === 'unread' && (
              <Anchor component="button" type="button" onClick={() => setShow('all')}>
                Show all notifications
              </Anchor>
            )}
          </Stack>
        </Card>
      )}
      {groups.map((g) => (
        <Card
          key={g.key}
          withBorder
          radius="md"
          padding={0}
          component="section"
          aria-labelledby={`notifications-${g.key}-heading`}
        >
          <Title order={2} size="h4" id={`notifications-${g.key}-heading`} px="md" pt="md" pb="xs">
            {g.label}
          </Title>
          <ul className={classes.list}>
            {g.items.map((n) => (
              <NotificationRow
                key={n.id}
                n={n}
                onOpen={() => open(n)}
                onMarkRead={() => markRead.mutate({ ids: [n.id] })}
                marking={markRead.isPending}
              />
            ))}
          </ul>
        </Card>
      ))}
      {items.length > 0 && (
        <Center>
          {list.hasNextPage ? (
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              Load more
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              That is everything. Read notifications are kept for six months.
            </Text>
          )}
        </Center>
      )}

      <EmailPreference />
    </Stack>
  );
}
