import { lazy, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import {
  GATEWAY_RATING_LABELS,
  GATEWAY_STATUS_LABELS,
  ISAP_CHECKPOINT_LABELS,
  nextGatewayStatus,
  RAID_STATUS_LABELS,
  type TGatewayStatus,
} from '@baton/domain';
import { NotFoundPage } from '../../app/NotFoundPage';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { errorCode, errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { ukToday } from '../risks/ukToday';
import { CriteriaEditor } from './CriteriaEditor';
import { EvidenceLog } from './EvidenceLog';
import { ModerateModal, type TModerationTarget } from './ModerateModal';
import { RatingMatrix } from './RatingMatrix';
import { GatewaySteps, RATING_STYLE, RecommendationBadge } from './ratings';
import type { GatewayView } from './types';
import { YourRatings } from './YourRatings';
import { DialogSlot } from '../../components/DialogSlot';

const GatewayFormDrawer = lazy(() =>
  import('./GatewayFormDrawer').then((m) => ({ default: m.GatewayFormDrawer })),
);
const RecommendationDrawer = lazy(() =>
  import('./RecommendationDrawer').then((m) => ({ default: m.RecommendationDrawer })),
);

const ADVANCE_LABEL: Partial<Record<TGatewayStatus, { button: string; confirm: string }>> = {
  scoring: {
    button: 'Start panel scoring',
    confirm:
      'The criteria and the organisation assured are fixed from now, so every panel member rates the same list. Each panel member then rates every criterion on this page.',
  },
  moderation: {
    button: 'Open moderation',
    confirm:
      'Ratings close and every panel member sees all the ratings. The steering group then agrees one rating, with reasons, for each criterion and domain.',
  },
};

/** Domain ratings at a glance: a tile per domain coloured by its agreed rating (or what its criteria show). */
function DomainTiles({ view }: { view: GatewayView }) {
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 4 }}
      spacing="xs"
      aria-label="Domain ratings"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {view.domains.map((d) => {
        const r = d.agreedRating;
        const s = r ? RATING_STYLE[r] : null;
        return (
          <li key={d.id}>
            <Stack
              gap={2}
              p="xs"
              style={{
                background: s?.bg ?? 'var(--mantine-color-gray-0)',
                border: `1px solid ${s ? `${s.fg}55` : 'var(--mantine-color-gray-4)'}`,
                borderRadius: 6,
                minHeight: 64,
              }}
            >
              <Text size="sm" fw={700} c={s?.fg}>
                {d.name}
              </Text>
              <Text size="xs" c={s?.fg ?? 'dimmed'}>
                {r
                  ? GATEWAY_RATING_LABELS[r]
                  : `${d.criteria.length} ${d.criteria.length === 1 ? 'criterion' : 'criteria'}, not yet agreed`}
              </Text>
            </Stack>
          </li>
        );
      })}
    </SimpleGrid>
  );
}

function Outcome({ programmeId, view }: { programmeId: string; view: GatewayView }) {
  const o = view.outcome;
  if (!o.recommendation) return null;
  return (
    <Section id="outcome" title="Recommendation">
      <Group gap="sm">
        <RecommendationBadge recommendation={o.recommendation} />
        <Text size="sm">Recorded by the steering group on {formatDate(o.decidedOn)}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {o.rationale}
      </Text>
      {o.conditions.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h5">
            Conditions ({o.conditions.filter((c) => c.status === 'open' || c.status === 'in_progress').length}{' '}
            of {o.conditions.length} open)
          </Title>
          <TableScroll label="Conditions" minWidth={560}>
            <Table verticalSpacing="xs" striped data-testid="gateway-conditions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={90}>
                    Action
                  </Table.Th>
                  <Table.Th scope="col">Condition</Table.Th>
                  {view.panelSide && <Table.Th scope="col">Owner</Table.Th>}
                  <Table.Th scope="col" w={120}>
                    Due
                  </Table.Th>
                  <Table.Th scope="col" w={120}>
                    Status
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {o.conditions.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      {view.panelSide ? (
                        <Anchor
                          component={Link}
                          to={`/p/${programmeId}/raid?tab=action&item=${c.id}`}
                          size="sm"
                          ff="monospace"
                        >
                          {c.reference}
                        </Anchor>
                      ) : (
                        <Text size="sm" ff="monospace">
                          {c.reference}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Th scope="row" fw={400}>
                      <Text size="sm">{c.title}</Text>
                    </Table.Th>
                    {view.panelSide && (
                      <Table.Td>
                        <Text size="sm">{c.owner ?? '—'}</Text>
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Text size="sm">{c.dueOn ? formatDate(c.dueOn) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {RAID_STATUS_LABELS[c.status as keyof typeof RAID_STATUS_LABELS] ?? c.status}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Stack>
      )}
    </Section>
  );
}

/** One gateway: where it stands, the panel's ratings as a heat map, moderation, evidence and the decision. */
export function GatewayPage() {
  const { programmeId = '', gatewayId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { programme } = useProgramme(programmeId);
  const q = useQuery(trpc.gateway.get.queryOptions({ programmeId, gatewayId }));
  usePageTitle(q.data?.gateway.name ?? 'Gateway', programme?.name);
  const [editing, setEditing] = useState(false);
  const [criteria, setCriteria] = useState(false);
  const [confirming, setConfirming] = useState<TGatewayStatus | null>(null);
  const [deciding, setDeciding] = useState(false);
  const [moderating, setModerating] = useState<TModerationTarget | null>(null);
  const advance = useMutation(
    trpc.gateway.advance.mutationOptions({
      onSuccess: async (g) => {
        notify({
          color: 'green',
          title: GATEWAY_STATUS_LABELS[g.status as TGatewayStatus],
          message: 'The gateway has moved on.',
        });
        setConfirming(null);
        await queryClient.invalidateQueries(trpc.gateway.pathFilter());
      },
    }),
  );

  if (q.isPending) return <PageSkeleton />;
  if (q.isError)
    return errorCode(q.error) === 'NOT_FOUND' ? (
      <NotFoundPage />
    ) : (
      <QueryError error={q.error} onRetry={() => void q.refetch()} />
    );
  const view = q.data;
  const g = view.gateway;
  const open = programme?.status !== 'closed';
  const manage = view.canManage && open;
  const next = nextGatewayStatus(g.status);
  const step = next && next !== 'decided' ? ADVANCE_LABEL[next] : undefined;
  const criterionCount = view.domains.reduce((n, d) => n + d.criteria.length, 0);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={`/p/${programmeId}/gateways`} size="sm">
          ← Assurance gateways
        </Anchor>
        <Group justify="space-between" align="flex-end">
          <Stack gap={2}>
            <Title order={1}>{g.name}</Title>
            <Text c="dimmed">
              Assures {g.assessedOrganisationName}
              {g.isapCheckpoint ? ` · ${ISAP_CHECKPOINT_LABELS[g.isapCheckpoint]}` : ''}
              {g.lot ? ` · ${g.lot.code}: ${g.lot.name}` : ''}
            </Text>
          </Stack>
          {manage && g.status !== 'decided' && (
            <Group gap="xs">
              <Button variant="default" onClick={() => setEditing(true)}>
                Details and panel
              </Button>
              {view.canEditCriteria && (
                <Button variant="default" onClick={() => setCriteria(true)}>
                  Edit criteria
                </Button>
              )}
              {step && next && <Button onClick={() => setConfirming(next)}>{step.button}</Button>}
              {g.status === 'moderation' && (
                <Button onClick={() => setDeciding(true)} disabled={view.moderationProblem !== null}>
                  Record recommendation
                </Button>
              )}
            </Group>
          )}
        </Group>
      </Stack>

      <GatewaySteps status={g.status} />

      {view.panelSide && g.status === 'moderation' && view.moderationProblem && (
        <Alert color="blue" title="Moderation in progress">
          {view.moderationProblem} Use “Agree” beside each criterion and domain below.
        </Alert>
      )}

      <Outcome programmeId={programmeId} view={view} />

      <Section id="domains" title="Domains at a glance">
        <DomainTiles view={view} />
        {!view.panelSide && g.status === 'decided' && (
          <Text size="sm" c="dimmed">
            The agreed ratings and the panel’s reasons are below. Individual panel members’ ratings stay with
            the panel.
          </Text>
        )}
      </Section>

      {view.panelSide && (
        <Section id="panel" title={`Panel (${view.panel.length})`}>
          {view.panel.length === 0 ? (
            <Text size="sm" c="dimmed">
              No panel yet: name the commissioners’ members who will rate, under “Details and panel”.
            </Text>
          ) : (
            <SimpleGrid
              cols={{ base: 1, sm: 3 }}
              spacing="sm"
              component="ul"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
            >
              {view.panel.map((p) => (
                <li key={p.id}>
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {p.name}
                      {p.id === view.me ? ' (you)' : ''}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.organisationName}
                    </Text>
                    {g.status !== 'draft' && (
                      <>
                        <Progress
                          value={p.of ? (100 * p.rated) / p.of : 0}
                          size="sm"
                          aria-label={`${p.name}: ${p.rated} of ${p.of} criteria rated`}
                        />
                        <Text size="xs">
                          {p.rated} of {p.of} criteria rated
                        </Text>
                      </>
                    )}
                  </Stack>
                </li>
              ))}
            </SimpleGrid>
          )}
          {g.panelDueOn && g.status === 'scoring' && (
            <Text size="sm">Ratings due {formatDate(g.panelDueOn)}.</Text>
          )}
        </Section>
      )}

      {view.isPanelMember && g.status === 'scoring' && (
        <Section id="your-ratings" title="Your ratings">
          <YourRatings programmeId={programmeId} view={view} />
        </Section>
      )}

      <Section id="ratings" title={`Ratings: ${view.domains.length} domains, ${criterionCount} criteria`}>
        {criterionCount === 0 ? (
          <Text size="sm" c="dimmed">
            No criteria yet. {view.canEditCriteria ? 'Use “Edit criteria” to add domains and criteria.' : ''}
          </Text>
        ) : (
          <RatingMatrix view={view} onModerate={manage && g.status === 'moderation' ? setModerating : null} />
        )}
      </Section>

      {view.panelSide && (
        <Section id="evidence" title={`Evidence log (${view.evidence.length})`}>
          <EvidenceLog programmeId={programmeId} view={view} />
        </Section>
      )}

      {view.panelSide && (
        <>
          <DialogSlot open={editing}>
            <GatewayFormDrawer
              programmeId={programmeId}
              opened={editing}
              onClose={() => setEditing(false)}
              editing={view}
            />
          </DialogSlot>
          <CriteriaEditor
            programmeId={programmeId}
            view={view}
            opened={criteria}
            onClose={() => setCriteria(false)}
          />
          <ModerateModal
            programmeId={programmeId}
            view={view}
            target={moderating}
            onClose={() => setModerating(null)}
          />
          <DialogSlot open={deciding}>
            <RecommendationDrawer
              programmeId={programmeId}
              view={view}
              opened={deciding}
              onClose={() => setDeciding(false)}
              today={ukToday()}
            />
          </DialogSlot>
          {confirming && ADVANCE_LABEL[confirming] && (
            <ConfirmModal
              opened
              title={ADVANCE_LABEL[confirming].button}
              confirmLabel={ADVANCE_LABEL[confirming].button}
              loading={advance.isPending}
              onConfirm={() =>
                advance.mutate({ programmeId, gatewayId: g.id, version: g.version, to: confirming })
              }
              onClose={() => {
                setConfirming(null);
                advance.reset();
              }}
            >
              <Stack>
                <Text size="sm">{ADVANCE_LABEL[confirming].confirm}</Text>
                {advance.error && (
                  <Alert color="red" role="alert">
                    {errorMessage(advance.error)}
                  </Alert>
                )}
              </Stack>
            </ConfirmModal>
          )}
        </>
      )}
    </Stack>
  );
}
