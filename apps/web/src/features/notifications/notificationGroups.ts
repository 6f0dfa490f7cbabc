import { daysBetween, todayInUk } from '@baton/domain';

export type TNotificationGroupKey = 'today' | 'week' | 'earlier';

export const NOTIFICATION_GROUP_LABELS: Record<TNotificationGroupKey, string> = {
  today: 'Today',
  week: 'This week',
  earlier: 'Earlier',
};

/** Today (a UK calendar day), the six days before it, or earlier. */
export function groupOf(createdAt: Date, now: Date): TNotificationGroupKey {
  const days = daysBetween(todayInUk(createdAt), todayInUk(now));
  if (days <= 0) return 'today';
  if (days < 7) return 'week';
  return 'earlier';
}

/** Newest-first notifications in their groups, in order, leaving out empty groups. */
export function groupNotifications<T extends { createdAt: Date | string }>(
  items: readonly T[],
  now: Date,
): Array<{ key: TNotificationGroupKey; label: string; items: T[] }> {
  const groups: Record<TNotificationGroupKey, T[]> = { today: [], week: [], earlier: [] };
  for (const item of items) groups[groupOf(new Date(item.createdAt), now)].push(item);
  return (['today', 'week', 'earlier'] as const)
    .filter((key) => groups[key].length > 0)
    .map((key) => ({ key, label: NOTIFICATION_GROUP_LABELS[key], items: groups[key] }));
}
