import { Alert, Card, Grid, List, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { addDays, DECISION_HORIZON_DAYS } from '@baton/domain';
import { formatCount, formatDate, formatTimestamp } from '../../lib/format';
import { PackHeatMap } from './PackHeatMap';
import { PackReadiness } from './PackReadiness';
import { PackSection } from './PackSection';
import { LastDecisions, RecommendationList } from './PackRecommendations';
import { PackRaid } from './PackRaid';
import { PackTimeline } from './PackTimeline';
import {
  ChangesByKind,
  ESCALATED_ORDER,
  DecisionsTable,
  LateReviewsTable,
  OverdueActionsTable,
  PackRiskTable,
  ShowingOf,
} from './PackTables';
import { PackTiles } from './PackTiles';
import { useFirstPaintDone } from '../../components/useFirstScreenful';
import { RiskProfileChart } from './RiskProfileChart';
import type { Pack } from './types';
import './steering.css';

function Empty({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/**
 * The body of a steering group pack: the live one on the pack page and a frozen one on a meeting's page, from
 * the same object. `live`: the pack is as at today, so the heat map may link to today's register.
 */
export function PackView({ pack, live = false }: { pack: Pack; live?: boolean }) {
  const programmeId = pack.programme.id;
  const rest = useFirstPaintDone();
  const readinessDiffers = pack.readinessAsOf !== pack.asAt;
  const since = `since ${pack.sinceLabel}`;
  const readinessNote = readinessDiffers && (
    <Alert variant="light" color="nhsBlue" icon={<IconInfoCircle aria-hidden />} p="xs">
      <Text size="sm">
        Readiness and gates are as at {formatDate(pack.readinessAsOf)}, not {formatDate(pack.asAt)}: plans do
        not keep a dated history, so they show how things stood when the pack was made.
      </Text>
    </Alert>
  );

  return (
    <Stack gap="lg" data-testid="pack-view">
      {pack.scope === 'own' && (
        <Alert variant="light" color="orange" icon={<IconInfoCircle aria-hidden />}>
          This pack shows your own organisation’s risks only, not the whole programme’s.
        </Alert>
      )}

      <Stack gap="sm" component="section" aria-labelledby="pack-glance-heading">
        <Title order={2} size="h4" id="pack-glance-heading">
          At a glance
        </Title>
        <PackTiles pack={pack} />
        <Card
          withBorder
          radius="md"
          padding="md"
          style={{ borderLeft: '4px solid var(--mantine-color-nhsBlue-6)' }}
        >
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" id="pack-summary-label">
            Summary
          </Text>
          <List spacing={4} size="md" mt={4} aria-labelledby="pack-summary-label" data-testid="pack-summary">
            {pack.summaryText.map((sentence) => (
              <List.Item key={sentence}>{sentence}</List.Item>
            ))}
          </List>
        </Card>
      </Stack>

      {pack.recommendations && (
        <PackSection id="pack-recommendations" title={`Recommendations (${pack.recommendations.length})`}>
          <Stack gap="md">
            <RecommendationList recommendations={pack.recommendations} programmeId={programmeId} />
            <Text size="xs" c="dimmed">
              Built from the data: escalations since the last meeting, targets above the category appetite,
              risks at their target, actions two weeks or more overdue, go/no-go gates due within 8 weeks, and
              transfers with no delivery confidence recorded since the last meeting. A question answered at an
              earlier meeting is not asked again; a deferred one is.
            </Text>
            <LastDecisions decisions={pack.lastDecisions ?? []} sinceLabel={pack.sinceLabel} />
          </Stack>
        </PackSection>
      )}

      {/* Below the fold on a laptop: built just after the first paint (the pack is over 3,000 elements). */}
      {rest && (
        <>
          <Grid gap="lg" align="stretch">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <PackSection id="pack-heat-map" title="Heat map">
                {pack.summary.liveRisks === 0 ? (
                  <Empty>No risks have been raised yet.</Empty>
                ) : (
                  <PackHeatMap pack={pack} linkToRegister={live} />
                )}
              </PackSection>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <PackSection id="pack-profile" title="Risk profile over time">
                <RiskProfileChart pack={pack} />
              </PackSection>
            </Grid.Col>
          </Grid>

          <PackSection id="pack-top-risks" title="Top risks">
            {pack.topRisks.length === 0 ? (
              <Empty>No risks have been raised yet.</Empty>
            ) : (
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  The {formatCount(pack.topRisks.length, 'open risk', 'open risks')} with the highest current
                  scores, and how each has moved {since}.
                </Text>
                <PackRiskTable
                  risks={pack.topRisks}
                  bands={pack.bands}
                  programmeId={programmeId}
                  label="Top risks"
                />
              </Stack>
            )}
          </PackSection>

          <PackSection id="pack-escalated" title={`Escalated risks (${pack.summary.escalated})`}>
            {pack.escalated.length === 0 ? (
              <Empty>{`No risks are escalated: none scores ${pack.escalationThreshold} or more.`}</Empty>
            ) : (
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  Scoring {pack.escalationThreshold} or more: escalated to the next tier.
                </Text>
                <ShowingOf
                  shown={pack.escalated.length}
                  total={pack.summary.escalated}
                  what="escalated risk"
                  order={ESCALATED_ORDER}
                />
                <PackRiskTable
                  risks={pack.escalated}
                  bands={pack.bands}
                  programmeId={programmeId}
                  label="Escalated risks"
                />
              </Stack>
            )}
          </PackSection>

          <PackSection id="pack-changes" title={`What changed ${since}`}>
            <ChangesByKind
              changes={pack.changes}
              totals={pack.summary.changes}
              bands={pack.bands}
              programmeId={programmeId}
              period={since}
              idPrefix="pack-change"
            />
          </PackSection>

          <PackSection
            id="pack-overdue-actions"
            title={`Overdue mitigation actions (${pack.overdueActions.total})`}
          >
            {pack.overdueActions.total === 0 ? (
              <Empty>{`No mitigation action was overdue on ${formatDate(pack.asAt)}.`}</Empty>
            ) : (
              <Stack gap="xs">
                <ShowingOf
                  shown={pack.overdueActions.items.length}
                  total={pack.overdueActions.total}
                  what="overdue action"
                />
                <OverdueActionsTable pack={pack} />
              </Stack>
            )}
          </PackSection>

          <PackSection id="pack-late-reviews" title={`Late risk reviews (${pack.overdueReviews.total})`}>
            {pack.overdueReviews.total === 0 ? (
              <Empty>
                {pack.summary.liveRisks === 0
                  ? 'No risks have been raised yet.'
                  : `Every open risk had been reviewed on time on ${formatDate(pack.asAt)}.`}
              </Empty>
            ) : (
              <Stack gap="xs">
                <ShowingOf
                  shown={pack.overdueReviews.items.length}
                  total={pack.overdueReviews.total}
                  what="late review"
                />
                <LateReviewsTable pack={pack} />
              </Stack>
            )}
          </PackSection>

          {pack.raid && (
            <PackSection id="pack-raid" title="Issues and meeting actions">
              <PackRaid raid={pack.raid} programmeId={programmeId} />
            </PackSection>
          )}

          <PackSection id="pack-readiness" title="Readiness for go-live">
            {pack.readiness.length === 0 ? (
              <Empty>
                No transfers yet: readiness appears here once the transition plan has its transfers.
              </Empty>
            ) : (
              <Stack gap="sm">
                {readinessNote}
                <Text size="sm" c="dimmed">
                  {formatCount(pack.readiness.length, 'transfer', 'transfers')}: {pack.summary.transfers.red}{' '}
                  red, {pack.summary.transfers.amber} amber, {pack.summary.transfers.green} green.
                </Text>
                <PackReadiness readiness={pack.readiness} programmeId={programmeId} />
              </Stack>
            )}
          </PackSection>

          {pack.timeline && (
            <PackSection id="pack-timeline" title="Programme timeline">
              <PackTimeline timeline={pack.timeline} />
            </PackSection>
          )}

          <PackSection id="pack-decisions" title={`Go/no-go gates due (${pack.decisions.length})`}>
            {pack.decisions.length === 0 ? (
              <Empty>
                No go/no-go gates fall due in the next 8 weeks, so no decision is asked of the group.
              </Empty>
            ) : (
              <Stack gap="xs">
                {readinessNote}
                <Text size="sm" c="dimmed">
                  Go/no-go gates due by {formatDate(addDays(pack.asAt, DECISION_HORIZON_DAYS))}, with whether
                  their criteria are met.
                </Text>
                <DecisionsTable decisions={pack.decisions} programmeId={programmeId} />
              </Stack>
            )}
          </PackSection>

          <Text size="xs" c="dimmed">
            Pack as at {formatDate(pack.asAt)}, compared with {pack.sinceLabel}; made{' '}
            {formatTimestamp(pack.generatedAt)}.
            {pack.matrix &&
              ` Scored on the risk matrix ${pack.matrix.version ? `version ${pack.matrix.version}` : 'as first set'} (escalation at ${pack.matrix.escalationThreshold}); appetite by category: ${pack.matrix.categories.map((c) => `${c.label} ${c.appetite ? `${c.appetite}, ` : ''}tolerance ${c.tolerance}`).join('; ')}.`}
          </Text>
        </>
      )}
    </Stack>
  );
}
