import { lazy, type ReactNode, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFlag, IconLock, IconPencil } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { errorCode } from '../../lib/errors';
import { formatDate, formatDateShort, formatTimestamp } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { Dependencies } from './Dependencies';
import { TASK_KIND_LABELS, taskSlackLabel, workstreamLabel } from './format';
import { TaskHistory } from './TaskHistory';
import { organisationOptionsOf } from './organisationOptions';
import classes from './transition.module.css';
import { CpBadge, CriticalBadge, KindIcon, OverdueBadge, StatusBadge } from './ui';
import { DialogSlot } from '../../components/DialogSlot';

const TaskEditDrawer = lazy(() => import('./TaskEditDrawer').then((m) => ({ default: m.TaskEditDrawer })));

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

export function TaskDetailPage() {
  const { programmeId = '', taskId = '' } = useParams();
  const trpc = useTRPC();
  const { programme, overview, can } = useProgramme(programmeId);
  const detail = useQuery(trpc.transition.task.queryOptions({ programmeId, taskId }));
  const transferId = detail.data?.task.transferId ?? '';
  const plan = useQuery({
    ...trpc.transition.plan.queryOptions({ programmeId, transferId }),
    enabled: Boolean(transferId),
  });
  const members = useQuery(trpc.member.list.queryOptions({ programmeId }));
  const [editOpened, edit] = useDisclosure(false);
  usePageTitle(detail.data?.task.title ?? 'Task', programme?.name);
  const organisations = useMemo(() => organisationOptionsOf(overview.data?.parties ?? []), [overview.data]);

  if (detail.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(detail.error) ?? ''))
    return <NotFoundPage />;
  if (detail.isPending) return <PageSkeleton rows={4} />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;

  const { task, predecessors, successors, audit, canEdit } = detail.data;
  // The plan carries the schedule: forecast dates, slack and the critical path.
  const scheduled = plan.data?.tasks.find((t) => t.id === task.id);
  const transfer = plan.data?.transfer;
  const isGate = task.kind === 'gate';

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›">
        <Anchor component={Link} to={`/p/${programmeId}/transition`} size="sm">
          Transfers and readiness
        </Anchor>
        <Anchor component={Link} to={`/p/${programmeId}/transition/${task.transferId}`} size="sm">
          {transfer?.name ?? 'Plan'}
        </Anchor>
        <Text size="sm" aria-current="page">
          {task.title}
        </Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} maw={860}>
          <Group gap="xs">
            <KindIcon kind={task.kind} />
            <Text size="sm" c="dimmed" fw={600}>
              {TASK_KIND_LABELS[task.kind]} · {workstreamLabel(task.workstream)}
            </Text>
          </Group>
          <Title order={1}>{task.title}</Title>
          <Group gap={6}>
            <StatusBadge status={task.status} />
            {task.conditionPrecedent && <CpBadge />}
            {scheduled?.critical && <CriticalBadge />}
            {task.overdue && <OverdueBadge />}
          </Group>
        </Stack>
        {canEdit ? (
          <Button
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={edit.open}
            disabled={!overview.data}
          >
            Edit task
          </Button>
        ) : (
          <Group gap={6}>
            <IconLock size={16} aria-hidden />
            <Text size="sm" c="dimmed">
              Owned by {task.owningOrganisation.shortName}: only they or a transition lead can change it
            </Text>
          </Group>
        )}
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Section id="task-details" title="Details">
              <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" m={0}>
                <Field label="Owning organisation">{task.owningOrganisation.shortName}</Field>
                <Field label="Assignee">{task.assignee?.name ?? 'Unassigned'}</Field>
                <Field label="Workstream">{workstreamLabel(task.workstream)}</Field>
                <Field label="Start">{formatDate(task.startDate)}</Field>
                <Field label="Due">{formatDate(task.dueDate)}</Field>
                <Field label="Completed">{task.completedOn ? formatDate(task.completedOn) : 'Not yet'}</Field>
                <Field label="Forecast start">{scheduled ? formatDate(scheduled.forecastStart) : '…'}</Field>
                <Field label="Forecast finish">
                  {scheduled ? (
                    <span className={scheduled.forecastFinish > task.dueDate ? classes.late : undefined}>
                      {formatDate(scheduled.forecastFinish)}
                    </span>
                  ) : (
                    '…'
                  )}
                </Field>
                <Field label="Slack">
                  {scheduled ? (
                    <span
                      className={
                        scheduled.slackDays !== null && scheduled.slackDays < 0 ? classes.late : undefined
                      }
                    >
                      {taskSlackLabel(scheduled.slackDays)}
                    </span>
                  ) : (
                    '…'
                  )}
                </Field>
                <Field label="Condition precedent">
                  {task.conditionPrecedent ? 'Yes: commencement waits for it' : 'No'}
                </Field>
                <Field label="Last changed">{formatTimestamp(task.updatedAt)}</Field>
              </SimpleGrid>
              {task.description && (
                <Stack gap={2}>
                  <Text size="sm" c="dimmed" fw={600}>
                    Description
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {task.description}
                  </Text>
                </Stack>
              )}
            </Section>

            <Section id="task-dependencies" title="Dependencies">
              {plan.isError ? (
                <QueryError error={plan.error} onRetry={() => void plan.refetch()} />
              ) : plan.data ? (
                <Dependencies
                  programmeId={programmeId}
                  taskId={task.id}
                  canEdit={canEdit}
                  predecessors={predecessors}
                  successors={successors}
                  planTasks={plan.data.tasks}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  Loading the plan…
                </Text>
              )}
            </Section>

            <Section id="task-history" title="History">
              <TaskHistory events={audit} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Card withBorder radius="md" padding="lg">
              <Text size="sm" c="dimmed" fw={600}>
                Progress
              </Text>
              <Text fz={28} fw={800} c="nhsBlue.9">
                {task.percentComplete}%
              </Text>
              <Progress.Root size="lg" radius="sm" bg="gray.2">
                <Progress.Section
                  value={task.percentComplete}
                  color={task.status === 'done' ? '#007f3b' : 'nhsBlue.6'}
                  aria-label={`${task.percentComplete}% complete`}
                />
              </Progress.Root>
              <Text size="sm" mt="xs">
                Due {formatDateShort(task.dueDate)}
                {task.overdue && (
                  <Text span className={classes.late} size="sm">
                    {' '}
                    · overdue
                  </Text>
                )}
              </Text>
            </Card>
            <Section id="task-evidence" title="Evidence">
              {task.evidence ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {task.evidence}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  No evidence noted yet.{canEdit ? ' Add it when you edit the task.' : ''}
                </Text>
              )}
            </Section>
            {(isGate || task.gateCriteria) && (
              <Section id="task-gate" title="Go/no-go gate">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {task.gateCriteria || 'No criteria written yet.'}
                </Text>
                <Alert
                  color={task.gateCriteriaMet ? 'green' : 'orange'}
                  variant="light"
                  icon={<IconFlag aria-hidden />}
                  p="xs"
                >
                  <Text size="sm" c="gray.9">
                    {task.gateCriteriaMet ? 'Criteria met' : 'Awaiting decision: criteria not yet met'}
                  </Text>
                </Alert>
              </Section>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      {canEdit && overview.data && (
        <DialogSlot open={editOpened}>
          <TaskEditDrawer
            programmeId={programmeId}
            task={task}
            organisations={organisations}
            members={members.data ?? []}
            lockOrganisation={!can('items.editAny')}
            opened={editOpened}
            onClose={edit.close}
          />
        </DialogSlot>
      )}
    </Stack>
  );
}
