import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { daysBetween, RED_ITEM_KIND_LABELS, type TRedItemKind } from '@baton/domain';
import { Link } from 'react-router';
import { formatCount, formatDateShort } from '../../lib/format';
import classes from './progress.module.css';
import type { JointProgress, RedItem } from './types';

function linkOf(programmeId: string, item: RedItem): string {
  const base = `/p/${programmeId}`;
  if (item.link.taskId) return `${base}/transition/tasks/${item.link.taskId}`;
  if (item.link.riskId) return `${base}/risks/${item.link.riskId}`;
  if (item.link.transferId) return `${base}/transition/${item.link.transferId}`;
  return `${base}/transition`;
}

function When({ item, today }: { item: RedItem; today: string }) {
  if (item.kind === 'risk')
    return (
      <Text size="sm" fw={700}>
        Current score {item.score ?? '—'}
      </Text>
    );
  if (!item.dueDate) return null;
  const late = daysBetween(item.dueDate, today);
  return (
    <Text size="sm">
      {item.kind === 'statutory' ? 'Was due ' : 'Due '}
      <time dateTime={item.dueDate}>{formatDateShort(item.dueDate)}</time>
      {late > 0 && <span className={classes.late}> · {formatCount(late, 'day', 'days')} overdue</span>}
    </Text>
  );
}

/** The handful of red items a chief executive should know about, each with who owns it. */
export function RedItems({ programmeId, data }: { programmeId: string; data: JointProgress }) {
  const { items, total } = data.redItems;
  if (total === 0)
    return (
      <Group gap="xs" wrap="nowrap">
        <IconCircleCheck size={20} color="#007f3b" aria-hidden />
        <Text size="sm">
          Nothing red: no overdue conditions, critical tasks or gates, and no escalated risks.
        </Text>
      </Group>
    );
  const more = total - items.length;
  return (
    <Stack gap="sm">
      <ul className={classes.redList} aria-label="Red items" data-testid="red-items">
        {items.map((item, i) => (
          <li key={`${item.kind}-${item.title}-${i}`}>
            <Group gap={4} wrap="nowrap">
              <IconAlertTriangle size={14} color="#b3200f" aria-hidden style={{ flexShrink: 0 }} />
              <Text size="xs" fw={700} c="#b3200f" tt="uppercase" style={{ letterSpacing: 0.3 }}>
                {RED_ITEM_KIND_LABELS[item.kind as TRedItemKind] ?? item.kind}
              </Text>
            </Group>
            <Anchor component={Link} to={linkOf(programmeId, item)} size="sm" fw={600} lh={1.3}>
              {item.title}
            </Anchor>
            <When item={item} today={data.today} />
            <Text size="xs" c="dimmed" lh={1.35}>
              {item.organisation}
              {item.person ? ` · ${item.person}` : ' · no named owner'}
              {item.transferNames.length === 1 ? ` · ${item.transferNames[0]}` : ''}
              {item.transferNames.length > 1
                ? ` · in ${item.transferNames.length} transfers: ${item.transferNames.join('; ')}`
                : ''}
            </Text>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Text size="sm" data-testid="red-items-more">
          <strong>{formatCount(more, 'more red item', 'more red items')}</strong> ({total} in all): see the{' '}
          <Anchor component={Link} to={`/p/${programmeId}/transition`} size="sm">
            transition plans
          </Anchor>{' '}
          and the{' '}
          <Anchor component={Link} to={`/p/${programmeId}/risks`} size="sm">
            risk register
          </Anchor>
          .
        </Text>
      )}
    </Stack>
  );
}
