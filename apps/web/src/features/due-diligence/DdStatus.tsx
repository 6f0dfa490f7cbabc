import { Badge, Group, Text } from '@mantine/core';
import { DD_STATUS_LABELS } from '@baton/domain';
import { formatDate } from '../../lib/format';
import type { DdRequest } from './types';

/** NHS green with white text: 5.2:1, where Mantine's filled green falls short of AA. */
export const NHS_GREEN = { background: '#007f3b', color: '#ffffff' } as const;

/** The request's status in words (never colour alone), and "released" when every bidder has it. */
export function DdStatusBadges({ r }: { r: DdRequest }) {
  // Outlined in a dark shade (text at least 4.5:1 on white); the status is always in words.
  const tone =
    r.status === 'accepted'
      ? { color: '#006130', borderColor: '#006130' }
      : r.status === 'withdrawn'
        ? { color: '#4c6272', borderColor: '#4c6272' }
        : { color: '#003087', borderColor: '#003087' };
  return (
    <Group gap={4}>
      <Badge radius="sm" tt="none" variant="outline" style={tone}>
        {DD_STATUS_LABELS[r.status]}
      </Badge>
      {r.releasedAt && (
        <Badge radius="sm" tt="none" style={NHS_GREEN}>
          Released to bidders
        </Badge>
      )}
    </Group>
  );
}

/** The due date, and how late the answer is by the domain rule (`overdue`, `daysOverdue` from the API). */
export function DdDue({ r, prefix = '' }: { r: DdRequest; prefix?: string }) {
  return (
    <>
      <Text size="sm">
        {prefix}
        {formatDate(r.dueOn)}
      </Text>
      {r.overdue ? (
        <Text size="xs" fw={700} c="red.9">
          {r.daysOverdue} {r.daysOverdue === 1 ? 'day' : 'days'} overdue
        </Text>
      ) : r.daysToDue !== null && r.daysToDue <= 7 ? (
        <Text size="xs" c="dimmed">
          {r.daysToDue === 0 ? 'Due today' : `Due in ${r.daysToDue} ${r.daysToDue === 1 ? 'day' : 'days'}`}
        </Text>
      ) : null}
    </>
  );
}
