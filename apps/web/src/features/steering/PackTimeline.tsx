import { Stack, Table, Text } from '@mantine/core';
import type { TPackTimeline } from '@baton/domain';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatDateShort } from '../../lib/format';

const STATUS: Record<TPackTimeline['stages'][number]['status'], string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  slipping: 'Slipping',
  late: 'Late',
};
const INK = { green: undefined, amber: '#8a4b00', red: '#d5281b' } as const;

/** The programme timeline as the pack recorded it: every stage, where it stood, the slipping ones first in words. */
export function PackTimeline({ timeline }: { timeline: TPackTimeline }) {
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {timeline.route}, as the timeline stood on {formatDate(timeline.asOf)} (stages keep no history). Late:
        the planned end passed without an actual end; slipping: forecast to end after the plan; red beyond 14
        days.
        {timeline.current ? ` Now: ${timeline.current}.` : ''}
      </Text>
      {timeline.slipping.length > 0 && (
        <Text size="sm" fw={700} data-testid="pack-timeline-slipping">
          Slipping: {timeline.slipping.map((x) => `${x.label} (${x.slipDays} days, ${x.rag})`).join('; ')}.
        </Text>
      )}
      <TableScroll label="Stages as the pack recorded them" minWidth={640}>
        <Table verticalSpacing={4} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Stage</Table.Th>
              <Table.Th scope="col" w={170}>
                Planned
              </Table.Th>
              <Table.Th scope="col" w={260}>
                Where it stood
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {timeline.stages.map((s, i) => (
              <Table.Tr key={`${i}-${s.label}`}>
                <Table.Th scope="row" fw={500}>
                  <Text size="sm">{s.label}</Text>
                </Table.Th>
                <Table.Td>
                  <Text size="sm">
                    {s.plannedStart === s.plannedEnd
                      ? formatDateShort(s.plannedEnd)
                      : `${formatDateShort(s.plannedStart)} – ${formatDateShort(s.plannedEnd)}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={s.rag === 'green' ? 400 : 700} c={INK[s.rag]}>
                    {STATUS[s.status]}
                    {s.slipDays ? `, ${s.slipDays} days late` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {s.reason}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
