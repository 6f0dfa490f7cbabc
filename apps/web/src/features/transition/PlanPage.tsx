import { lazy, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowRight,
  IconChartBar,
  IconClipboardList,
  IconFileImport,
  IconTable,
} from '@tabler/icons-react';
import { TRANSFER_STATUS_LABELS } from '@baton/domain';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { DialogSlot } from '../../components/DialogSlot';
import { Section } from '../../components/Section';
import { errorCode } from '../../lib/errors';
import { formatCount, formatDate } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { BaselineBar } from './BaselineBar';
import { DeliveryConfidence } from './DeliveryConfidence';
import { GoLiveConfidence } from './GoLiveConfidence';
import { ReadinessRules } from './ReadinessRules';
import { countdownText, slackText } from './format';
import { Gantt } from './Gantt';
import { Milestones } from './Milestones';
import { NO_FILTERS, PlanTable, type PlanFilters } from './PlanTable';
import { planInput } from './transitionInputs';
import { RegistersTab } from './RegistersTab';
import { organisationOptionsOf } from './taskForm';
import classes from './transition.module.css';
import type { Plan } from './types';
import { RagBadge, RagVerdict, WorkstreamRagGrid } from './ui';

// The forms' code (fields, dates, validation, the import's file reader) comes when one is opened.
const AddTaskModal = lazy(() => import('./AddTaskModal').then((m) => ({ default: m.AddTaskModal })));
const PlanImportModal = lazy(() => import('./PlanImportModal').then((m) => ({ default: m.PlanImportModal })));

function Stat({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={800} lh={1.25} c="nhsBlue.9">
        {value}
      </Text>
      {detail && (
        <Text size="sm" mt={2} component="div">
          {detail}
        </Text>
      )}
    </Card>
  );
}

type View = 'table' | 'timeline' | 'registers';

export function PlanPage() {
  const { programmeId = '', transferId = '' } = useParams();
  const trpc = useTRPC();
  const { programme, overview, me, can } = useProgramme(programmeId);
  const [params, setParams] = useSearchParams();
  const input = planInput(programmeId, transferId, params);
  const plan = useQuery(trpc.transition.plan.queryOptions(input));
  // The readiness summary (countdown, % complete, RAG) comes from the transfers list, usually already cached.
  const transfers = useQuery(trpc.transition.transfers.queryOptions({ programmeId }));
  const members = useQuery(trpc.member.list.queryOptions({ programmeId }));
  const viewParam = params.get('view');
  const view: View = viewParam === 'timeline' || viewParam === 'registers' ? viewParam : 'table';
  const [filters, setFilters] = useState<PlanFilters>(NO_FILTERS);
  const [addOpened, addModal] = useDisclosure(false);
  const [importOpened, importModal] = useDisclosure(false);
  usePageTitle(
    view === 'timeline' ? 'Timeline' : view === 'registers' ? 'Registers' : 'Plan',
    plan.data?.transfer.name ?? 'Transfer',
    programme?.name,
  );

  const summary = transfers.data?.find((t) => t.transfer.id === transferId);
  const organisations = useMemo(() => organisationOptionsOf(overview.data?.parties ?? []), [overview.data]);

  if (plan.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(plan.error) ?? ''))
    return <NotFoundPage />;
  if (plan.isPending) return <PageSkeleton rows={5} />;
  if (plan.isError) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;

  const data: Plan = plan.data;
  const { transfer } = data;
  const slack = slackText(data.marginDays);
  const lateForecast = data.tasks.filter((t) => t.forecastLateDays > 0).length;
  const done = data.tasks.filter((t) => t.status === 'done').length;
  const critical = data.tasks.filter((t) => t.critical).length;
  const canAdd = can('items.editOwn');

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›">
        <Anchor component={Link} to={`/p/${programmeId}/transition`} size="sm">
          Transfers and readiness
        </Anchor>
        <Text size="sm" aria-current="page">
          {transfer.name}
        </Text>
      </Breadcrumbs>

      <Stack gap={6}>
        <Group gap="xs">
          <Badge variant="light" radius="sm" tt="none">
            {transfer.lotCode}
          </Badge>
          <Badge variant="outline" radius="sm" color="gray.8" tt="none">
            {TRANSFER_STATUS_LABELS[transfer.status]}
          </Badge>
        </Group>
        <Title order={1}>{transfer.name}</Title>
        <Group gap={6}>
          <Text fw={600}>{transfer.outgoing.name}</Text>
          <IconArrowRight size={18} aria-hidden />
          <span className="visually-hidden">hands over to</span>
          <Text fw={600}>{transfer.incoming.name}</Text>
        </Group>
        {transfer.services && (
          <Text size="sm" c="dimmed" maw={900}>
            {transfer.services}
          </Text>
        )}
      </Stack>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <Stat
          label="Planned transfer"
          value={
            <time dateTime={transfer.plannedTransferDate}>{formatDate(transfer.plannedTransferDate)}</time>
          }
          detail={summary ? countdownText(summary.countdownDays) : '\u00a0'}
        />
        <Stat
          label="Forecast go-live"
          value={
            data.forecastGoLive ? (
              <time dateTime={data.forecastGoLive}>{formatDate(data.forecastGoLive)}</time>
            ) : (
              'No forecast'
            )
          }
          detail={
            <span className={slack.late ? classes.late : undefined} data-testid="plan-margin">
              {slack.text}
            </span>
          }
        />
        <Stat
          label="Tasks"
          testId="plan-task-count"
          value={formatCount(data.tasks.length, 'task', 'tasks')}
          detail={`${done} done · ${critical} critical (no float) · ${lateForecast} forecast late${summary ? ` · ${summary.percentComplete}% complete` : ''}`}
        />
        <Stat
          label="Readiness"
          value={summary ? <RagBadge rag={summary.readiness.overall.rag} size="lg" /> : '\u00a0'}
          detail={
            summary
              ? formatCount(summary.readiness.overall.reasons.length, 'reason', 'reasons') + ' below'
              : undefined
          }
        />
      </SimpleGrid>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section id="readiness" title="Readiness">
            {summary ? (
              <Stack gap="md">
                <RagVerdict
                  id="plan-readiness-rag"
                  label="Overall"
                  rag={summary.readiness.overall.rag}
                  reasons={summary.readiness.overall.reasons}
                />
                <div className={classes.cardContainer}>
                  <WorkstreamRagGrid
                    workstreams={summary.readiness.workstreams}
                    label="Workstream readiness"
                  />
                </div>
                <ReadinessRules programmeId={programmeId} />
              </Stack>
            ) : transfers.isError ? (
              <QueryError error={transfers.error} onRetry={() => void transfers.refetch()} />
            ) : (
              <Text size="sm" c="dimmed">
                Loading readiness…
              </Text>
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Section id="milestones" title="Statutory and contractual dates">
            <Milestones milestones={data.milestones} />
          </Section>
        </Grid.Col>
      </Grid>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <GoLiveConfidence programmeId={programmeId} transferId={transfer.id} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <DeliveryConfidence programmeId={programmeId} transferId={transfer.id} />
        </Grid.Col>
      </Grid>

      <Group justify="space-between" align="flex-end" wrap="wrap">
        <BaselineBar
          programmeId={programmeId}
          plan={data}
          canSet={can('items.editAny')}
          onChoose={(id) =>
            setParams(
              (p) => {
                const next = new URLSearchParams(p);
                if (id) next.set('baseline', id);
                else next.delete('baseline');
                return next;
              },
              { replace: true },
            )
          }
        />
        <Group gap="md" wrap="wrap">
          <Anchor href={`/export/programmes/${programmeId}/transition-plan.xlsx`} size="sm" download>
            Download the plan and readiness (XLSX)
          </Anchor>
          <Anchor
            href={`/export/programmes/${programmeId}/transfers/${transfer.id}/plan.xml`}
            size="sm"
            download
          >
            Download for Microsoft Project (XML)
          </Anchor>
          {can('items.editAny') && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconFileImport size={16} aria-hidden />}
              onClick={importModal.open}
            >
              Import a plan
            </Button>
          )}
        </Group>
      </Group>
      {can('items.editAny') && (
        <DialogSlot open={importOpened}>
          <PlanImportModal
            programmeId={programmeId}
            transferId={transfer.id}
            transferName={transfer.name}
            opened={importOpened}
            onClose={importModal.close}
          />
        </DialogSlot>
      )}

      <Tabs
        value={view}
        onChange={(v) =>
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              if (v === 'timeline' || v === 'registers') next.set('view', v);
              else next.delete('view');
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List aria-label="Plan views">
          <Tabs.Tab value="table" leftSection={<IconTable size={16} aria-hidden />}>
            Table
          </Tabs.Tab>
          <Tabs.Tab value="timeline" leftSection={<IconChartBar size={16} aria-hidden />}>
            Timeline
          </Tabs.Tab>
          <Tabs.Tab value="registers" leftSection={<IconClipboardList size={16} aria-hidden />}>
            Registers
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="table" pt="md">
          <PlanTable
            programmeId={programmeId}
            plan={data}
            members={members.data ?? []}
            myOrganisationId={me?.organisationId ?? null}
            filters={filters}
            onFiltersChange={setFilters}
            onAddTask={canAdd && overview.data ? addModal.open : undefined}
          />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          {data.tasks.length === 0 ? (
            <Card withBorder radius="md" padding="xl">
              <Text ta="center">This plan has no tasks yet, so there is no timeline to draw.</Text>
            </Card>
          ) : (
            <Gantt plan={data} programmeId={programmeId} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="registers" pt="md">
          <RegistersTab programmeId={programmeId} transferId={transfer.id} />
        </Tabs.Panel>
      </Tabs>

      {canAdd && overview.data && (
        <DialogSlot open={addOpened}>
          <AddTaskModal
            programmeId={programmeId}
            transferId={transfer.id}
            transferName={transfer.name}
            organisations={organisations}
            members={members.data ?? []}
            myOrganisationId={me?.organisationId ?? null}
            lockOrganisation={!can('items.editAny')}
            defaultWorkstream={filters.workstream}
            opened={addOpened}
            onClose={addModal.close}
          />
        </DialogSlot>
      )}
    </Stack>
  );
}
