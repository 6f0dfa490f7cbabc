import { useState } from 'react';
import { BarChart } from '../../components/Charts';
import { Box, Button, Group, Table, Text } from '@mantine/core';
import { IconChartBar, IconTable } from '@tabler/icons-react';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../lib/format';
import { monthLabel } from './packFormat';
import type { Pack } from './types';

/**
 * Open risks at the end of each month, stacked by band in the band's colour, lowest band at the bottom. The
 * same figures are a table: always there for screen readers, and shown on screen at the press of a button.
 */
export function RiskProfileChart({ pack }: { pack: Pack }) {
  const [asTable, setAsTable] = useState(false);
  const bands = [...pack.bands].sort((a, b) => a.min - b.min);
  const data = pack.profile.map((m) => ({
    month: monthLabel(m.month, true),
    ...Object.fromEntries(bands.map((b) => [b.key, m.counts[b.key] ?? 0])),
  }));
  const first = pack.profile[0];
  const last = pack.profile[pack.profile.length - 1];

  if (!first || !last || pack.profile.every((m) => m.total === 0))
    return (
      <Text size="sm" c="dimmed">
        No risks have been raised yet, so there is no profile to chart.
      </Text>
    );

  const table = (
    <Table verticalSpacing={4} horizontalSpacing="sm" fz="sm" striped className="pack-table">
      <Table.Caption
        className={asTable ? undefined : 'visually-hidden'}
        style={{ captionSide: 'top', textAlign: 'left' }}
      >
        Open risks at the end of each month by band ({monthLabel(first.month)} to {monthLabel(last.month)};
        the last month is counted at {formatDate(last.asAt)})
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Month</Table.Th>
          {[...bands].reverse().map((b) => (
            <Table.Th key={b.key} scope="col" ta="right">
              {b.label}
            </Table.Th>
          ))}
          <Table.Th scope="col" ta="right">
            Total
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {pack.profile.map((m) => (
          <Table.Tr key={m.month}>
            <Table.Th scope="row" fw={600}>
              {monthLabel(m.month)}
            </Table.Th>
            {[...bands].reverse().map((b) => (
              <Table.Td key={b.key} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {m.counts[b.key] ?? 0}
              </Table.Td>
            ))}
            <Table.Td ta="right" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {m.total}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );

  return (
    <Box>
      <Group justify="space-between" gap="xs" mb="xs">
        <Text size="xs" c="dimmed">
          {monthLabel(first.month)} to {monthLabel(last.month)}: {first.total} open{' '}
          {first.total === 1 ? 'risk' : 'risks'} then, {last.total} now.
        </Text>
        <Button
          size="compact-sm"
          variant="default"
          leftSection={asTable ? <IconChartBar size={14} aria-hidden /> : <IconTable size={14} aria-hidden />}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? 'Show as a chart' : 'Show as a table'}
        </Button>
      </Group>
      {asTable ? (
        <TableScroll label="Risk profile table" minWidth={420}>
          {table}
        </TableScroll>
      ) : (
        <>
          {/* The chart is a picture of the table below, which screen readers read instead. */}
          <Box aria-hidden data-testid="risk-profile-chart">
            <BarChart
              h={280}
              data={data}
              dataKey="month"
              type="stacked"
              series={bands.map((b) => ({ name: b.key, label: b.label, color: b.colour }))}
              accessibilityLayer={false}
              tickLine="y"
              gridAxis="y"
              textColor="gray.8"
              yAxisProps={{ allowDecimals: false, width: 32 }}
              barProps={{ stroke: '#425563', strokeWidth: 0.5, isAnimationActive: false }}
              maxBarWidth={44}
              tooltipAnimationDuration={0}
            />
            {/* Highest band first, like the heat map and the tiles (the chart's own legend sorts by name). */}
            <Group gap="md" justify="center" mt="xs">
              {[...bands].reverse().map((b) => (
                <Group key={b.key} gap={6} wrap="nowrap">
                  <span
                    style={{
                      width: 12,
                      height: 12,
                      borderRadius: 2,
                      background: b.colour,
                      boxShadow: 'inset 0 0 0 1px rgba(0,0,0,0.35)',
                    }}
                  />
                  <Text size="sm">{b.label}</Text>
                </Group>
              ))}
            </Group>
          </Box>
          <div className="visually-hidden">{table}</div>
        </>
      )}
    </Box>
  );
}
