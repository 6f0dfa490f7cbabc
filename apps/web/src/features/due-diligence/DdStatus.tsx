import { Badge, Group, Text } from '@mantine/core';
import { DD_STATUS_LABELS } from '@baton/domain';
import { formatDate } from '../../lib/format';
import type { DdRequest } from './types';

/** The request's status in words (never colour alone), and "released" when every bidder has it. */
export function DdStatusBadges({ r }: { r: DdRequest }) {
  const awaiting = r.status === 'open' || r.status === 'returned';
  return (
    <Group gap={4}>
      <Badge
        radius="sm"
        tt="none"
        variant={awaiting ? 'outline' : 'light'}
        color={r.status === 'accepted' ? 'green.9' : r.status === 'withdrawn' ? 'gray.8' : 'nhsBlue.9'}
      >
        {DD_STATUS_LABELS[r.status]}
      </Badge>
      {r.releasedAt && (
        <Badge radius="sm" tt="none" variant="filled" color="green.9">
          Released to bidders
        </Badge>
      )}
    </Group>
  );
}

/** The due date, and how late the answer is by the domain rule (`overdue`, `daysOverdue` from the API). */
export function DdDue({ r }: { r: DdRequest }) {
  return (
    <>
      <Text size="sm">{formatDate(r.dueOn)}</Text>
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
