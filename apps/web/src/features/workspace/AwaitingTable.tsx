import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { TableScroll } from '../../components/TableScroll';
import { formatDateShort } from '../../lib/format';
import type { AwaitingItem } from './types';
import classes from './workspace.module.css';

const KIND_LABELS: Record<AwaitingItem['kind'], string> = {
  task: 'Task',
  action: 'Mitigation action',
  review: 'Risk review',
  raid: 'RAID log',
  dd_request: 'Due diligence',
  gateway: 'Gateway rating',
};

function linkOf(programmeId: string, item: AwaitingItem): string {
  if (item.kind === 'task') return `/p/${programmeId}/transition/tasks/${item.id}`;
  if (item.kind === 'raid') return `/p/${programmeId}/raid?item=${item.id}`;
  if (item.kind === 'dd_request') return `/p/${programmeId}/due-diligence?request=${item.id}`;
  if (item.kind === 'gateway') return `/p/${programmeId}/gateways/${item.id}`;
  return `/p/${programmeId}/risks/${item.riskId ?? item.id}`;
}

/** Tasks, mitigation actions and risk reviews that wait for their owner's update, with why. */
export function AwaitingTable({
  items,
  programmeId,
  today,
}: {
  items: AwaitingItem[];
  programmeId: string;
  today: string;
}) {
  return (
    <TableScroll label="Awaiting update" minWidth={820}>
      <Table verticalSpacing="xs" layout="fixed" className={classes.table}>
        <Table.Caption className="visually-hidden">Items awaiting an update, soonest due first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Item</Table.Th>
            <Table.Th scope="col" w={270}>
              Why it needs you
            </Table.Th>
            <Table.Th scope="col" w={230}>
              Context
            </Table.Th>
            <Table.Th scope="col" w={120}>
              Due
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={`${item.kind}-${item.id}`} data-kind={item.kind}>
              <Table.Th scope="row" fw={400}>
                <Badge variant="outline" color="gray.8" radius="sm" tt="none" size="sm" mb={4}>
                  {KIND_LABELS[item.kind]}
                </Badge>
                <div>
                  <Anchor component={Link} to={linkOf(programmeId, item)} size="sm" fw={600} lh={1.3}>
                    {item.title}
                  </Anchor>
                </div>
              </Table.Th>
              <Table.Td>
                <Text size="sm">{item.reason}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lh={1.35}>
                  {item.context}
                </Text>
              </Table.Td>
              <Table.Td>
                {item.dueDate ? (
                  <Text
                    size="sm"
                    className={item.dueDate < today ? classes.late : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    <time dateTime={item.dueDate}>{formatDateShort(item.dueDate)}</time>
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    No date
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
