import { lazy } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconLock, IconPencil } from '@tabler/icons-react';
import { ESCALATION_TIER_LABELS, PROXIMITY_LABELS, WORKSTREAM_LABELS } from '@baton/domain';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { errorCode } from '../../lib/errors';
import { formatDate, formatDateShort } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { ActionsSection } from './ActionsSection';
import { LinkedTransfers } from './LinkedTransfers';
import { ReviewForm } from './ReviewForm';
import { ukToday } from './ukToday';
import { RaiseIssue } from '../raid/RaiseIssue';
import { RiskAuditTrail } from './RiskAuditTrail';
import { categoryLabel, consequenceLabel, likelihoodLabel, useRiskMatrix } from './riskMatrix';
import { EscalatedBadge, OverdueBadge, ScoreChip, StatusBadge } from './RiskVisuals';
import { HISTORY_KIND_LABELS, ScoreHistoryChart } from './ScoreHistoryChart';
import { useRiskPeople } from './useRiskPeople';
import type { RiskBand, RiskDetail, RiskHistoryEntry, RiskMatrix } from './types';
import './risks.css';
import { DialogSlot } from '../../components/DialogSlot';

const RiskFormDrawer = lazy(() => import('./RiskFormDrawer').then((m) => ({ default: m.RiskFormDrawer })));

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" fw={700} c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Prose({ text, empty }: { text: string; empty: string }) {
  return text ? (
    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
      {text}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {empty}
    </Text>
  );
}

function AssessmentCard({
  title,
  caption,
  a,
  bands,
}: {
  title: string;
  caption: string;
  a: { consequence: number; likelihood: number; score: number };
  bands: readonly RiskBand[];
}) {
  return (
    <Card withBorder radius="sm" padding="sm">
      <Stack gap={6}>
        <div>
          <Text size="sm" fw={700}>
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {caption}
          </Text>
        </div>
        <div>
          <ScoreChip
            prefix={title}
            consequence={a.consequence}
            likelihood={a.likelihood}
            score={a.score}
            bands={bands}
            withLabel
            size="md"
          />
        </div>
        <Text size="xs">
          Consequence {a.consequence} {consequenceLabel(a.consequence)}
          <br />
          Likelihood {a.likelihood} {likelihoodLabel(a.likelihood)}
        </Text>
      </Stack>
    </Card>
  );
}

/** Each history entry beside the one before it: the score change a review made. */
function HistoryTable({
  history,
  bands,
}: {
  history: readonly RiskHistoryEntry[];
  bands: readonly RiskBand[];
}) {
  const rows = history.map((h, i) => ({ h, previous: i > 0 ? history[i - 1]! : null })).reverse();
  return (
    <TableScroll label="Reviews and re-scores" minWidth={640}>
      <Table verticalSpacing={6} horizontalSpacing="sm" fz="sm" striped>
        <Table.Caption className="visually-hidden">Reviews and re-scores, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={110}>
              Date
            </Table.Th>
            <Table.Th scope="col" w={90}>
              Change
            </Table.Th>
            <Table.Th scope="col" w={130}>
              By
            </Table.Th>
            <Table.Th scope="col" w={120}>
              Score
            </Table.Th>
            <Table.Th scope="col">Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ h, previous }) => (
            <Table.Tr key={h.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={h.effectiveOn}>{formatDateShort(h.effectiveOn)}</time>
              </Table.Td>
              <Table.Td>{HISTORY_KIND_LABELS[h.kind] ?? h.kind}</Table.Td>
              <Table.Td>
                {h.recordedBy ?? (
                  <Text span size="sm" c="dimmed">
                    System
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {previous && previous.score !== h.score && (
                    <>
                      <ScoreChip prefix="Was" score={previous.score} bands={bands} />
                      <Text span size="xs" aria-hidden>
                        →
                      </Text>
                    </>
                  )}
                  <ScoreChip
                    prefix={previous && previous.score !== h.score ? 'Now' : 'Score'}
                    consequence={h.consequence}
                    likelihood={h.likelihood}
                    score={h.score}
                    bands={bands}
                  />
                  {previous && previous.status !== h.status && <StatusBadge status={h.status} size="xs" />}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {h.note || '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function RiskDetailView({
  data,
  matrix,
  programmeId,
}: {
  data: RiskDetail;
  matrix: RiskMatrix;
  programmeId: string;
}) {
  const { risk, history, actions, audit, transfers, canEdit } = data;
  const people = useRiskPeople(programmeId);
  const [editOpened, edit] = useDisclosure(false);
  const bands = matrix.bands;
  const category = matrix.categories.find((c) => c.key === risk.categoryKey);
  const ctx = { matrix, organisationName: people.organisationName, lotName: people.lotName };

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Anchor component={Link} to={`/p/${programmeId}/risks`} size="sm" style={{ alignSelf: 'flex-start' }}>
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            Risk register
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={6} style={{ flex: '1 1 300px', minWidth: 0 }}>
            <Group gap="xs">
              <Badge variant="filled" color="nhsBlue.9" radius="sm" size="lg" tt="none">
                {risk.reference}
              </Badge>
              <StatusBadge status={risk.status} size="md" />
              {risk.escalated && <EscalatedBadge tier={risk.escalationTier} size="md" />}
              {risk.escalated && (
                <Text size="sm">
                  to the {ESCALATION_TIER_LABELS[risk.escalationTier].toLowerCase()} (threshold{' '}
                  {matrix.escalationThreshold})
                </Text>
              )}
            </Group>
            <Title order={1} style={{ maxWidth: 900 }}>
              {risk.title}
            </Title>
            <RaiseIssue programmeId={programmeId} risk={risk} canEdit={canEdit} />
            {risk.targetAboveTolerance && (
              <Group gap={6} c="orange.9" wrap="nowrap">
                <IconAlertTriangle size={18} aria-hidden />
                <Text size="sm" c="black">
                  The target score ({risk.target.score}) is above the tolerance of{' '}
                  {category?.tolerance ?? '—'} for {categoryLabel(matrix, risk.categoryKey)}.
                </Text>
              </Group>
            )}
          </Stack>
          {canEdit ? (
            <Button
              variant="outline"
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={edit.open}
              style={{ flexShrink: 0 }}
            >
              Edit risk
            </Button>
          ) : (
            <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
              <IconLock size={16} aria-hidden />
              <Text size="sm" c="dimmed" maw={220}>
                Read only: owned by {risk.owningOrganisation.shortName}
              </Text>
            </Group>
          )}
        </Group>
      </Stack>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Section id="description" title="The risk">
              <Stack gap="sm" component="dl" m={0}>
                <Fact label="Cause">
                  <Prose text={risk.cause} empty="Not recorded" />
                </Fact>
                <Fact label="Event">
                  <Prose text={risk.event} empty="Not recorded" />
                </Fact>
                <Fact label="Effect">
                  <Prose text={risk.effect} empty="Not recorded" />
                </Fact>
              </Stack>
            </Section>

            <Section id="assessment" title="Assessment">
              <SimpleGrid type="container" cols={{ base: 1, '480px': 3 }} spacing="sm">
                <AssessmentCard title="Initial" caption="Before controls" a={risk.initial} bands={bands} />
                <AssessmentCard title="Current" caption="With controls" a={risk.current} bands={bands} />
                <AssessmentCard title="Target" caption="After mitigation" a={risk.target} bands={bands} />
              </SimpleGrid>
              <SimpleGrid type="container" cols={{ base: 2, '560px': 4 }} spacing="sm" component="dl" m={0}>
                <Fact label="Target date">{formatDate(risk.targetDate)}</Fact>
                <Fact label="Last reviewed">{formatDate(risk.lastReviewedOn)}</Fact>
                <Fact label="Next review">
                  <Group gap={6} component="span">
                    {formatDate(risk.nextReviewOn)}
                    {risk.reviewOverdue && <OverdueBadge />}
                  </Group>
                </Fact>
                <Fact label="Proximity">{risk.proximity ? PROXIMITY_LABELS[risk.proximity] : 'Not set'}</Fact>
              </SimpleGrid>
            </Section>

            <Section id="score-history" title="Score over time">
              <ScoreHistoryChart
                history={history}
                bands={bands}
                escalationThreshold={matrix.escalationThreshold}
                today={ukToday()}
              />
            </Section>

            <Section id="controls" title="Controls and gaps">
              <SimpleGrid type="container" cols={{ base: 1, '560px': 2 }} spacing="md" component="dl" m={0}>
                <Fact label="Controls in place">
                  <Prose text={risk.controls} empty="None recorded" />
                </Fact>
                <Fact label="Gaps in control">
                  <Prose text={risk.gaps} empty="None recorded" />
                </Fact>
              </SimpleGrid>
            </Section>

            <Section id="actions" title="Mitigation actions">
              <ActionsSection
                risk={risk}
                actions={actions}
                canEditRisk={canEdit}
                canEditFor={people.canEditFor}
                owners={people.owners}
                organisations={people.organisations}
                ownOrganisations={people.ownableOrganisations}
              />
            </Section>

            <Section id="reviews" title="Reviews and re-scores">
              <HistoryTable history={history} bands={bands} />
            </Section>

            <Section id="audit" title="Audit trail">
              <RiskAuditTrail events={audit} ctx={ctx} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            {canEdit && (
              <Card
                withBorder
                radius="md"
                padding="lg"
                component="section"
                aria-labelledby="record-review-heading"
              >
                <Stack gap="sm">
                  <Title order={2} size="h4" id="record-review-heading">
                    Record a review
                  </Title>
                  <ReviewForm risk={risk} bands={bands} />
                </Stack>
              </Card>
            )}
            <Section id="details" title="Details">
              <Stack gap="sm" component="dl" m={0}>
                <Fact label="Category">
                  {categoryLabel(matrix, risk.categoryKey)}
                  {category && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (tolerance {category.tolerance})
                    </Text>
                  )}
                </Fact>
                <Fact label="Workstream">
                  {risk.workstream ? WORKSTREAM_LABELS[risk.workstream] : 'None'}
                </Fact>
                <Fact label="Owner">
                  {risk.owner?.name ??
                    (risk.namedOwner
                      ? `${risk.namedOwner} (named in an imported register, not a Baton user)`
                      : 'Unassigned')}
                </Fact>
                <Fact label="Owning organisation">{risk.owningOrganisation.name}</Fact>
                <Fact label="Affected organisations">
                  {risk.affectedOrganisationIds.length
                    ? risk.affectedOrganisationIds.map(people.organisationName).join(', ')
                    : 'None'}
                </Fact>
                <Fact label="Lots">
                  {risk.lotIds.length ? risk.lotIds.map(people.lotName).join(', ') : 'None'}
                </Fact>
                <Fact label="Escalation tier">{ESCALATION_TIER_LABELS[risk.escalationTier]}</Fact>
                <Fact label="Raised">{formatDate(risk.raisedOn)}</Fact>
                <Fact label="Linked transfers">
                  <LinkedTransfers
                    programmeId={programmeId}
                    riskId={risk.id}
                    transfers={transfers}
                    canEdit={canEdit}
                  />
                </Fact>
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>

      {canEdit && (
        <DialogSlot open={editOpened}>
          <RiskFormDrawer
            programmeId={programmeId}
            matrix={matrix}
            risk={risk}
            opened={editOpened}
            onClose={edit.close}
          />
        </DialogSlot>
      )}
    </Stack>
  );
}

export function RiskDetailPage() {
  const { programmeId = '', riskId = '' } = useParams();
  const trpc = useTRPC();
  const risk = useQuery(trpc.risk.get.queryOptions({ programmeId, riskId }));
  const matrix = useRiskMatrix(programmeId);
  const people = useRiskPeople(programmeId);
  usePageTitle(
    risk.data ? `${risk.data.risk.reference} ${risk.data.risk.title}` : 'Risk',
    people.programme.programme?.name,
  );

  if (risk.isError) {
    const code = errorCode(risk.error);
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'BAD_REQUEST') return <NotFoundPage />;
    return <QueryError error={risk.error} onRetry={() => void risk.refetch()} />;
  }
  if (matrix.isError) return <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} />;
  if (risk.isPending || matrix.isPending) return <PageSkeleton rows={5} />;
  return (
    <Box>
      <RiskDetailView data={risk.data} matrix={matrix.data.matrix} programmeId={programmeId} />
    </Box>
  );
}
