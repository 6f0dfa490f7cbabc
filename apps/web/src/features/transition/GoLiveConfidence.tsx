import { useQuery } from '@tanstack/react-query';
import { Anchor, Group, Loader, SimpleGrid, Spoiler, Stack, Table, Text } from '@mantine/core';
import { LineChart } from '../../components/Charts';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { formatDate } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { goLiveCurve } from './goLiveCurve';

const percent = (p: number) => `${Math.round(p * 100)}%`;

/**
 * Go-live confidence (schedule risk analysis): thousands of simulated runs of the plan, with three-point
 * durations and linked risks as delay events. The dates come from the API; the page only shows them.
 */
export function GoLiveConfidence({ programmeId, transferId }: { programmeId: string; transferId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.transition.goLiveConfidence.queryOptions({ programmeId, transferId }));
  return (
    <Section id="go-live-confidence" title="Go-live confidence">
      {q.isPending ? (
        <Group gap="xs" role="status">
          <Loader size="sm" aria-hidden />
          <Text size="sm">Simulating the plan 10,000 times…</Text>
        </Group>
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.p50 === null ? (
        <Text size="sm" c="dimmed">
          No forecast: the plan has no open tasks.
        </Text>
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="go-live-confidence">
            <Figure label="P50 go-live" value={formatDate(q.data.p50)} />
            <Figure label="P80 go-live" value={formatDate(q.data.p80)} testId="p80" />
            <Figure label="P90 go-live" value={formatDate(q.data.p90)} />
            <Figure
              label={`On or before ${formatDate(q.data.transferDate)}`}
              value={percent(q.data.probabilityOnTime)}
              testId="on-time"
            />
          </SimpleGrid>
          <Text size="sm">
            In {percent(0.8)} of {q.data.iterations.toLocaleString('en-GB')} simulated runs the transfer went
            live by {formatDate(q.data.p80)}; it went live by the transfer date in{' '}
            {percent(q.data.probabilityOnTime)}.
          </Text>
          {q.data.histogram.length > 1 && (
            <div
              role="img"
              aria-label={`Share of simulated runs gone live by each date: 50% by ${formatDate(q.data.p50)}, 80% by ${formatDate(q.data.p80)}, 90% by ${formatDate(q.data.p90)}`}
            >
              <LineChart
                h={180}
                data={goLiveCurve(q.data.histogram)}
                dataKey="date"
                series={[{ name: 'share', label: 'Runs gone live by this date (%)', color: 'nhsBlue.7' }]}
                yAxisProps={{ domain: [0, 100] }}
                withDots={false}
                curveType="stepAfter"
              />
            </div>
          )}
          {q.data.deadlines.length > 0 && (
            <Table fz="sm" verticalSpacing={4} aria-label="Chance each statutory date is missed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Statutory or contractual date</Table.Th>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Chance of missing it</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.deadlines.map((d) => (
                  <Table.Tr key={d.key}>
                    <Table.Td>{d.label}</Table.Td>
                    <Table.Td>{formatDate(d.date)}</Table.Td>
                    <Table.Td fw={d.missProbability >= 0.2 ? 700 : 400}>
                      {percent(d.missProbability)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {q.data.mostCritical.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={700}>
                Most often on the critical path (criticality index)
              </Text>
              <Table fz="sm" verticalSpacing={2} aria-label="Tasks most often on the critical path">
                <Table.Tbody>
                  {q.data.mostCritical.map((t) => (
                    <Table.Tr key={t.taskId}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/p/${programmeId}/transition/tasks/${t.taskId}`}
                          size="sm"
                        >
                          {t.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t.owner}</Table.Td>
                      <Table.Td ta="right">{percent(t.share)} of runs</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}
          <Spoiler maxHeight={0} showLabel="How this is worked out" hideLabel="Hide the method">
            <Text size="sm" c="dimmed">
              {q.data.method} Seeded from the transfer and the day, so the same plan gives the same answer
              (and a frozen pack reproduces exactly).
            </Text>
          </Spoiler>
        </Stack>
      )}
    </Section>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fw={800} fz="lg">
        {value}
      </Text>
    </Stack>
  );
}
