import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { addDays, canEditOrganisationItem, todayInUk, type TTaskStatus } from '@baton/domain';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { errorCode } from '../../lib/errors';
import { formatCount, formatDateShort } from '../../lib/format';
import { CalendarFeed } from './CalendarFeed';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { myTasksScope } from './transitionInputs';
import { useFirstScreenful } from '../../components/useFirstScreenful';
import { workstreamLabel } from './format';
import { STATUS_OPTIONS } from './taskForm';
import classes from './transition.module.css';
import type { MyTask } from './types';
import { CpBadge, KindIcon, OverdueBadge, StatusBadge } from './ui';
import { useUpdateTask } from './useTaskMutations';

function QuickRow({
  task,
  programmeId,
  transferName,
  canEdit,
}: {
  task: MyTask;
  programmeId: string;
  transferName: string | undefined;
  canEdit: boolean;
}) {
  const update = useUpdateTask();
  const [percent, setPercent] = useState<number | string>(task.percentComplete);
  const [seen, setSeen] = useState(task.percentComplete);
  // A refetch (after a save, or someone else's) brings the latest figure in.
  if (seen !== task.percentComplete) {
    setSeen(task.percentComplete);
    setPercent(task.percentComplete);
  }
  const commitPercent = () => {
    const value = percent === '' ? 0 : Number(percent);
    if (value === task.percentComplete) return;
    update.mutate({ programmeId, taskId: task.id, version: task.version, percentComplete: value });
  };

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <KindIcon kind={task.kind} size={16} />
          <Stack gap={0}>
            <Anchor component={Link} to={`/p/${programmeId}/transition/tasks/${task.id}`} size="sm" fw={600}>
              {task.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              {transferName ?? 'Transfer'} · {workstreamLabel(task.workstream)}
            </Text>
          </Stack>
        </Group>
      </Table.Th>
      <Table.Td>
        <Text size="sm">{task.owningOrganisation.shortName}</Text>
        <Text size="xs" c="dimmed">
          {task.assignee?.name ?? 'Unassigned'}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" className={task.overdue ? classes.late : undefined}>
          {formatDateShort(task.dueDate)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {task.conditionPrecedent && <CpBadge />}
          {task.overdue && <OverdueBadge />}
        </Group>
      </Table.Td>
      <Table.Td>
        {canEdit ? (
          <Select
            aria-label={`Status of ${task.title}`}
            size="xs"
            data={STATUS_OPTIONS}
            allowDeselect={false}
            value={task.status}
            disabled={update.isPending}
            onChange={(v) =>
              v &&
              v !== task.status &&
              update.mutate({ programmeId, taskId: task.id, version: task.version, status: v as TTaskStatus })
            }
          />
        ) : (
          <StatusBadge status={task.status} />
        )}
      </Table.Td>
      <Table.Td>
        {canEdit ? (
          <NumberInput
            aria-label={`Percent complete of ${task.title}`}
            size="xs"
            min={0}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            suffix="%"
            value={percent}
            disabled={update.isPending}
            onChange={setPercent}
            onBlur={commitPercent}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commitPercent();
              }
            }}
          />
        ) : (
          <Text size="sm">{task.percentComplete}%</Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function TaskGroup({
  id,
  title,
  count,
  tasks,
  empty,
  programmeId,
  transferNames,
  canEdit,
}: {
  id: string;
  title: string;
  /** All the group's tasks, though the first render may build fewer rows. */
  count: number;
  tasks: MyTask[];
  empty: string;
  programmeId: string;
  transferNames: Map<string, string>;
  canEdit: (t: MyTask) => boolean;
}) {
  return (
    <Section id={id} title={`${title} (${count})`}>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <TableScroll label={title} minWidth={860}>
          <Table verticalSpacing="xs" highlightOnHover layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Task</Table.Th>
                <Table.Th scope="col" w={170}>
                  Owner
                </Table.Th>
                <Table.Th scope="col" w={130}>
                  Due
                </Table.Th>
                <Table.Th scope="col" w={100}>
                  Flags
                </Table.Th>
                <Table.Th scope="col" w={170}>
                  Status
                </Table.Th>
                <Table.Th scope="col" w={110}>
                  Done
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.map((t) => (
                <QuickRow
                  key={t.id}
                  task={t}
                  programmeId={programmeId}
                  transferName={transferNames.get(t.transferId)}
                  canEdit={canEdit(t)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Section>
  );
}

/**
 * The three groups. Each row holds a status picker and a percent field (tens of milliseconds each to build on a
 * slow machine): the first screenful of rows is built first, the rest a frame later, with every count whole.
 */
function TaskGroups({
  list,
  ...shared
}: {
  list: MyTask[];
  programmeId: string;
  transferNames: Map<string, string>;
  canEdit: (t: MyTask) => boolean;
}) {
  const soon = addDays(todayInUk(), 14);
  const overdue = list.filter((t) => t.overdue);
  const dueSoon = list.filter((t) => !t.overdue && t.dueDate <= soon);
  const later = list.filter((t) => !t.overdue && t.dueDate > soon);
  const inPageOrder = [...overdue, ...dueSoon, ...later];
  const first = useFirstScreenful(inPageOrder, 12);
  const built = first === inPageOrder ? null : new Set(first);
  const groups = [
    { id: 'overdue', title: 'Overdue', tasks: overdue, empty: 'Nothing overdue.' },
    {
      id: 'due-soon',
      title: 'Due in the next 14 days',
      tasks: dueSoon,
      empty: 'Nothing due in the next 14 days.',
    },
    { id: 'later', title: 'Later', tasks: later, empty: 'Nothing further ahead.' },
  ];
  return groups.map((g) => (
    <TaskGroup
      key={g.id}
      id={g.id}
      title={g.title}
      count={g.tasks.length}
      tasks={built ? g.tasks.filter((t) => built.has(t)) : g.tasks}
      empty={g.empty}
      {...shared}
    />
  ));
}

/** Open tasks assigned to me, or owned by my organisation: what is overdue, what is due soon, what comes later. */
export function MyTasksPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme, me } = useProgramme(programmeId);
  const [params, setParams] = useSearchParams();
  const scope = myTasksScope(params);
  const tasks = useQuery(trpc.transition.myTasks.queryOptions({ programmeId, scope }));
  const transfers = useQuery(trpc.transition.transfers.queryOptions({ programmeId }));
  usePageTitle('My tasks', programme?.name);

  if (tasks.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(tasks.error) ?? ''))
    return <NotFoundPage />;

  const transferNames = new Map((transfers.data ?? []).map((t) => [t.transfer.id, t.transfer.name]));
  const list = tasks.data ?? [];
  const canEdit = (t: MyTask) =>
    me ? canEditOrganisationItem(me.role, me.organisationId, t.owningOrganisation.id) : false;
  const whose = scope === 'mine' ? 'assigned to you' : 'owned by your organisation';

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>My tasks</Title>
          <Anchor href="#calendar-feed-heading" size="sm" underline="always">
            See your dates in your calendar
          </Anchor>
          {tasks.data && (
            <Text c="dimmed">
              {formatCount(list.length, 'open task', 'open tasks')} {whose}
            </Text>
          )}
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600} id="my-tasks-scope">
            Show tasks
          </Text>
          <SegmentedControl
            aria-labelledby="my-tasks-scope"
            value={scope}
            onChange={(v) =>
              setParams(v === 'organisation' ? { scope: 'organisation' } : {}, { replace: true })
            }
            data={[
              { value: 'mine', label: 'Assigned to me' },
              { value: 'organisation', label: 'My organisation' },
            ]}
          />
        </Stack>
      </Group>

      {tasks.isPending && <PageSkeleton rows={3} />}
      {tasks.isError && <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data && list.length === 0 && (
        <Card withBorder radius="md" padding="xl">
          <Stack align="center" gap="xs">
            <Title order={2} size="h4">
              Nothing open {whose}
            </Title>
            <Text ta="center" maw={520}>
              {scope === 'mine'
                ? 'When a transition lead assigns you a task it shows here. Switch to “My organisation” to see what your organisation owns.'
                : 'Your organisation has no open tasks in this programme’s transition plans.'}
            </Text>
            <Anchor component={Link} to={`/p/${programmeId}/transition`}>
              See all transfers
            </Anchor>
          </Stack>
        </Card>
      )}
      {tasks.data && list.length > 0 && (
        <TaskGroups list={list} programmeId={programmeId} transferNames={transferNames} canEdit={canEdit} />
      )}
      <CalendarFeed programmeId={programmeId} />
    </Stack>
  );
}
