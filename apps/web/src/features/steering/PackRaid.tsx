import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { RAID_PRIORITY_LABELS, RAID_STATUS_LABELS, type TPackRaid, type TPackRaidItem } from '@baton/domain';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../lib/format';

const PRIORITY_STYLE: Record<
  NonNullable<TPackRaidItem['priority']>,
  { background: string; color: string }
> = {
  critical: { background: '#d5281b', color: '#ffffff' },
  high: { background: '#ed8b00', color: '#212b32' },
  medium: { background: '#ffeb3b', color: '#212b32' },
  low: { background: '#e8edee', color: '#212b32' },
};

function RaidTable({
  label,
  items,
  programmeId,
  withPriority,
}: {
  label: string;
  items: TPackRaidItem[];
  programmeId: string;
  withPriority: boolean;
}) {
  return (
    <TableScroll label={label} minWidth={560}>
      <Table striped verticalSpacing={6} data-testid={`pack-raid-${withPriority ? 'issues' : 'actions'}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={90}>
              Ref
            </Table.Th>
            <Table.Th scope="col">{withPriority ? 'Issue' : 'Action'}</Table.Th>
            {withPriority && (
              <Table.Th scope="col" w={90}>
                Priority
              </Table.Th>
            )}
            <Table.Th scope="col" w={170}>
              Owner
            </Table.Th>
            <Table.Th scope="col" w={120}>
              Due
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/p/${programmeId}/raid?item=${i.id}`}
                  size="sm"
                  ff="monospace"
                  underline="always"
                >
                  {i.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{i.title}</Text>
                <Text size="xs" c="dimmed">
                  {RAID_STATUS_LABELS[i.status as keyof typeof RAID_STATUS_LABELS] ?? i.status}
                </Text>
              </Table.Td>
              {withPriority && (
                <Table.Td>
                  {i.priority && (
                    <Badge radius="sm" tt="none" style={PRIORITY_STYLE[i.priority]}>
                      {RAID_PRIORITY_LABELS[i.priority]}
                    </Badge>
                  )}
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{i.owner ?? 'No owner'}</Text>
                <Text size="xs" c="dimmed">
                  {i.organisation}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{i.dueOn ? formatDate(i.dueOn) : 'No date'}</Text>
                {i.daysOverdue > 0 && (
                  <Text size="xs" fw={700} c="red.9">
                    {i.daysOverdue} days overdue
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

/** Open issues (most urgent first) and open meeting actions (by due date), as the RAID log stands. */
export function PackRaid({ raid, programmeId }: { raid: TPackRaid; programmeId: string }) {
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        As the RAID log stands on {formatDate(raid.asOf)} (it is not kept by date). Open means open or in
        progress.{' '}
        <Anchor component={Link} to={`/p/${programmeId}/raid`} size="sm" underline="always">
          Open the RAID log
        </Anchor>
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={6}>
          <Group gap="xs">
            <Title order={3} size="h6">
              Open issues ({raid.issues.total})
            </Title>
            {raid.issues.critical > 0 && (
              <Badge radius="sm" tt="none" style={PRIORITY_STYLE.critical}>
                {raid.issues.critical} critical
              </Badge>
            )}
          </Group>
          {raid.issues.items.length ? (
            <RaidTable label="Open issues" items={raid.issues.items} programmeId={programmeId} withPriority />
          ) : (
            <Text size="sm" c="dimmed">
              No open issue.
            </Text>
          )}
        </Stack>
        <Stack gap={6}>
          <Group gap="xs">
            <Title order={3} size="h6">
              Open meeting actions ({raid.actions.total})
            </Title>
            {raid.actions.overdue > 0 && (
              <Badge radius="sm" tt="none" style={PRIORITY_STYLE.critical}>
                {raid.actions.overdue} overdue
              </Badge>
            )}
          </Group>
          {raid.actions.items.length ? (
            <RaidTable
              label="Open meeting actions"
              items={raid.actions.items}
              programmeId={programmeId}
              withPriority={false}
            />
          ) : (
            <Text size="sm" c="dimmed">
              No open meeting action.
            </Text>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
