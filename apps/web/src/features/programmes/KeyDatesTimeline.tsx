import { Badge, Text, Timeline } from '@mantine/core';
import { IconCheck, IconCircleDot, IconPoint } from '@tabler/icons-react';
import { formatDateShort } from '../../lib/format';
import type { KeyDate } from '../../lib/trpc';

const STATUS_TEXT: Record<KeyDate['status'], string> = {
  done: 'Passed',
  today: 'Today',
  upcoming: 'Upcoming',
};

/** The programme's key dates in order: passed ones filled in, today's marked, upcoming ones open. */
export function KeyDatesTimeline({ keyDates }: { keyDates: KeyDate[] }) {
  if (keyDates.length === 0) return <Text c="dimmed">No key dates have been set yet.</Text>;
  const active = keyDates.reduce((last, d, i) => (d.status === 'upcoming' ? last : i), -1);
  return (
    <Timeline active={active} bulletSize={22} lineWidth={2}>
      {keyDates.map((d) => (
        <Timeline.Item
          key={d.key}
          bullet={
            d.status === 'done' ? (
              <IconCheck size={14} aria-hidden />
            ) : d.status === 'today' ? (
              <IconCircleDot size={14} aria-hidden />
            ) : (
              <IconPoint size={14} aria-hidden />
            )
          }
          title={
            <Text component="span" fw={600} size="sm" c={d.status === 'upcoming' ? undefined : 'nhsBlue.9'}>
              {d.label}
            </Text>
          }
        >
          <Text size="sm">
            <time dateTime={d.date}>{formatDateShort(d.date)}</time>
            {d.status === 'today' ? (
              <Badge ml="xs" size="sm" variant="filled" radius="sm">
                Today
              </Badge>
            ) : (
              <Text component="span" c="dimmed" size="sm">
                {' '}
                · {STATUS_TEXT[d.status]}
              </Text>
            )}
          </Text>
          {d.rule ? (
            <Text size="xs" c="dimmed" mt={2}>
              {d.rule}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
