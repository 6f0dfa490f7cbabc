import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconLock } from '@tabler/icons-react';
import type { TTaskStatus } from '@baton/domain';
import { Link } from 'react-router';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, formatDateShort } from '../../lib/format';
import { StatusBadge } from '../transition/ui';
import { TaskCell } from './TaskTable';
import type { BlockedTask } from './types';
import classes from './workspace.module.css';

/** How many blockers show before "Show all". */
const FIRST = 5;

function Blocked({ item, programmeId, today }: { item: BlockedTask; programmeId: string; today: string }) {
  const [all, setAll] = useState(false);
  const blockers = [...item.blockedBy].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title),
  );
  const shown = all ? blockers : blockers.slice(0, FIRST);
  const tableId = `blockers-${item.id}`;
  const label = `Unfinished tasks that ${item.title} waits for`;

  return (
    <li className={classes.blocked} data-task-id={item.id}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div style={{ flex: '1 1 320px', minWidth: 0 }}>
            <TaskCell task={item} programmeId={programmeId} />
          </div>
          <Stack gap={0} align="flex-end">
            <Text size="sm">
              Starts <time dateTime={item.startDate}>{formatDateShort(item.startDate)}</time>, due{' '}
              <time dateTime={item.dueDate}>{formatDateShort(item.dueDate)}</time>
            </Text>
            <Text size="xs" c="dimmed">
              {item.owner} · {item.assignee ?? 'Unassigned'}
            </Text>
          </Stack>
        </Group>
        <Group gap={6} wrap="nowrap">
          <IconLock size={16} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" fw={700}>
            Waiting for {formatCount(blockers.length, 'unfinished task', 'unfinished tasks')}
          </Text>
        </Group>
        <TableScroll label={label} minWidth={720}>
          <Table verticalSpacing={4} layout="fixed" id={tableId} className={classes.blockerTable}>
            <Table.Caption className="visually-hidden">{label}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Waiting for</Table.Th>
                <Table.Th scope="col" w={190}>
                  Owner
                </Table.Th>
                <Table.Th scope="col" w={190}>
                  Due
                </Table.Th>
                <Table.Th scope="col" w={120}>
                  Status
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((b) => {
                const late = b.dueDate < today;
                const slips = b.forecastFinish > b.dueDate;
                return (
                  <Table.Tr key={b.id}>
                    <Table.Th scope="row" fw={400}>
                      <Anchor component={Link} to={`/p/${programmeId}/transition/tasks/${b.id}`} size="sm">
                        {b.title}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm" lh={1.3}>
                        {b.owner}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {b.assignee ?? 'Unassigned'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        className={late ? classes.late : undefined}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        <time dateTime={b.dueDate}>{formatDateShort(b.dueDate)}</time>
                      </Text>
                      {(late || slips) && (
                        <Text size="xs" className={classes.late}>
                          {late ? 'Overdue' : ''}
                          {late && slips ? ' · ' : ''}
                          {slips ? `forecast ${formatDateShort(b.forecastFinish)}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={b.status as TTaskStatus} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
        {blockers.length > FIRST && (
          <Group>
            <Button
              size="compact-sm"
              variant="subtle"
              aria-expanded={all}
              aria-controls={tableId}
              rightSection={
                all ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />
              }
              onClick={() => setAll((v) => !v)}
            >
              {all ? 'Show the first five' : `Show all ${blockers.length}`}
            </Button>
          </Group>
        )}
      </Stack>
    </li>
  );
}

/** Tasks starting soon that wait on unfinished predecessors: what the lead chases, and whom. */
export function BlockedList({
  items,
  programmeId,
  today,
}: {
  items: BlockedTask[];
  programmeId: string;
  today: string;
}) {
  return (
    <ul className={classes.blockedList} aria-label="Blocked tasks">
      {items.map((item) => (
        <Blocked key={item.id} item={item} programmeId={programmeId} today={today} />
      ))}
    </ul>
  );
}
