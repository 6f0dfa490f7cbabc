import { useQuery } from '@tanstack/react-query';
import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { todayInUk } from '@baton/domain';
import { Link } from 'react-router';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useRiskMatrix } from '../risks/riskMatrix';
import { ScoreChip } from '../risks/RiskVisuals';
import { slackText } from '../transition/format';
import { RagBadge } from '../transition/ui';
import { recentChangesInput, topRisksInput } from './atAGlanceInputs';

/**
 * The overview as a summary: how each transfer stands, the risks that matter most and what moved in the
 * register, each from the same query as the screen it links to, so the figures agree.
 */
export function AtAGlance({
  programmeId,
  showTransfers,
}: {
  programmeId: string;
  /** Bidders have no transfers to see. */
  showTransfers: boolean;
}) {
  const trpc = useTRPC();
  const today = todayInUk();
  const transfers = useQuery({
    ...trpc.transition.transfers.queryOptions({ programmeId }),
    enabled: showTransfers,
  });
  const top = useQuery(trpc.risk.list.queryOptions(topRisksInput(programmeId)));
  const matrix = useRiskMatrix(programmeId);
  const recent = recentChangesInput(programmeId, today);
  const since = recent.from;
  const changes = useQuery(trpc.risk.whatChanged.queryOptions(recent));
  const base = `/p/${programmeId}`;

  return (
    <section aria-labelledby="glance-heading">
      <Title order={2} size="h3" id="glance-heading" mb="sm">
        At a glance
      </Title>
      <SimpleGrid cols={{ base: 1, md: showTransfers ? 3 : 2 }} spacing="lg">
        {showTransfers && (
          <Card withBorder radius="md" padding="md" data-testid="glance-readiness">
            <Stack gap="xs">
              <Title order={3} size="h5">
                Readiness for go-live
              </Title>
              {transfers.data?.length === 0 && <Text size="sm">No transfers are planned yet.</Text>}
              {transfers.data?.map((t) => (
                <Group key={t.transfer.id} gap="xs" wrap="nowrap" align="flex-start">
                  <RagBadge rag={t.readiness.overall.rag} />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`${base}/transition/${t.transfer.id}`} size="sm" fw={600}>
                      {t.transfer.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {slackText(t.marginDays).text}
                    </Text>
                  </Stack>
                </Group>
              ))}
              <Anchor component={Link} to={`${base}/transition`} size="sm">
                All transfers and their reasons
              </Anchor>
            </Stack>
          </Card>
        )}
        <Card withBorder radius="md" padding="md" data-testid="glance-risks">
          <Stack gap="xs">
            <Title order={3} size="h5">
              Highest open risks
            </Title>
            {top.data?.items.length === 0 && <Text size="sm">No open risks.</Text>}
            {top.data?.items.map((r) => (
              <Group key={r.id} gap="xs" wrap="nowrap" align="flex-start">
                <ScoreChip
                  consequence={r.current.consequence}
                  likelihood={r.current.likelihood}
                  score={r.current.score}
                  bands={matrix.data?.matrix.bands ?? []}
                />
                <Anchor component={Link} to={`${base}/risks/${r.id}`} size="sm" lineClamp={2}>
                  {r.reference}: {r.title}
                </Anchor>
              </Group>
            ))}
            <Anchor component={Link} to={`${base}/risks`} size="sm">
              {top.data
                ? `The register: ${formatCount(top.data.total, 'open risk', 'open risks')}`
                : 'The register'}
            </Anchor>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="md" data-testid="glance-changes">
          <Stack gap="xs">
            <Title order={3} size="h5">
              What changed in the last four weeks
            </Title>
            {changes.data && (
              <List size="sm" spacing={2}>
                <List.Item>{formatCount(changes.data.counts.new, 'new risk', 'new risks')}</List.Item>
                <List.Item>
                  {changes.data.counts.rescoredUp} re-scored up, {changes.data.counts.rescoredDown} down
                </List.Item>
                <List.Item>
                  {formatCount(changes.data.counts.escalated, 'risk escalated', 'risks escalated')}
                </List.Item>
                <List.Item>
                  {formatCount(changes.data.counts.closed, 'risk closed', 'risks closed')}
                </List.Item>
                <List.Item>
                  {formatCount(changes.data.overdueActionsTotal, 'mitigation action', 'mitigation actions')}{' '}
                  overdue
                </List.Item>
              </List>
            )}
            <Anchor component={Link} to={`${base}/risks/changes?from=${since}&to=${today}`} size="sm">
              Each change, risk by risk
            </Anchor>
          </Stack>
        </Card>
      </SimpleGrid>
    </section>
  );
}
