import { useState } from 'react';
import { ActionIcon, Anchor, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { IconCheck, IconPencil } from '@tabler/icons-react';
import { daysBetween, type TTaskKind, type TTaskStatus, type TWorkstream } from '@baton/domain';
import { Link } from 'react-router';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, formatDateShort } from '../../lib/format';
import { taskSlackLabel, workstreamLabel } from '../transition/format';
import { CpBadge, CriticalBadge, KindIcon, StatusBadge } from '../transition/ui';
import type { WorkspaceTask } from './types';
import { useUpdateTask } from '../transition/useTaskMutations';
import classes from './workspace.module.css';

/** Task titles repeat across transfers (every plan has "Mobilisation payment milestones agreed"): name both. */
export const taskName = (t: { title: string; transferName: string }) => `${t.title} (${t.transferName})`;

export type TaskTableVariant = 'overdue' | 'dueSoon' | 'critical';

function dueDetail(task: WorkspaceTask, today: string): { text: string; late: boolean } {
  if (task.daysOverdue > 0)
    return { text: `${formatCount(task.daysOverdue, 'day', 'days')} overdue`, late: true };
  const away = daysBetween(today, task.dueDate);
  if (away === 0) return { text: 'Due today', late: false };
  if (away === 1) return { text: 'Due tomorrow', late: false };
  return { text: `In ${formatCount(away, 'day', 'days')}`, late: false };
}

/** The task, where it sits, and the flags that matter: condition precedent, critical, its status. */
export function TaskCell({ task, programmeId }: { task: WorkspaceTask; programmeId: string }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <KindIcon kind={task.kind as TTaskKind} size={16} />
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Anchor
          component={Link}
          to={`/p/${programmeId}/transition/tasks/${task.id}`}
          size="sm"
          fw={600}
          lh={1.3}
        >
          {task.title}
        </Anchor>
        <Text size="xs" c="dimmed" lh={1.3}>
          {task.transferName} · {workstreamLabel(task.workstream as TWorkstream)}
        </Text>
        <Group gap={4} wrap="wrap">
          <StatusBadge status={task.status as TTaskStatus} />
          {task.conditionPrecedent && <CpBadge />}
          {task.critical && <CriticalBadge />}
        </Group>
      </Stack>
    </Group>
  );
}

/** Percent complete, saved on Enter or leaving the field; a done task shows 100%. */
function PercentField({ task, programmeId }: { task: WorkspaceTask; programmeId: string }) {
  const update = useUpdateTask();
  const [value, setValue] = useState<number | string>(task.percentComplete);
  const [seen, setSeen] = useState(task.percentComplete);
  // A refetch (after a save, or someone else's) brings the latest figure in.
  if (seen !== task.percentComplete) {
    setSeen(task.percentComplete);
    setValue(task.percentComplete);
  }
  // Enter saves, and so does leaving the field: send one save per version read, not two.
  const [sentFor, setSentFor] = useState<number | null>(null);
  const commit = () => {
    const next = value === '' ? 0 : Number(value);
    if (next === task.percentComplete || update.isPending || sentFor === task.version) return;
    setSentFor(task.version);
    update.mutate(
      { programmeId, taskId: task.id, version: task.version, percentComplete: next },
      { onError: () => setSentFor(null) },
    );
  };
  return (
    <NumberInput
      aria-label={`Percent complete: ${taskName(task)}`}
      size="xs"
      w={76}
      hideControls
      min={0}
      max={100}
      clampBehavior="strict"
      allowDecimal={false}
      suffix="%"
      value={value}
      disabled={update.isPending}
      onChange={setValue}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
    />
  );
}

function Actions({
  task,
  programmeId,
  onEdit,
}: {
  task: WorkspaceTask;
  programmeId: string;
  onEdit: (taskId: string) => void;
}) {
  const update = useUpdateTask();
  if (!task.canEdit)
    return (
      <Text size="xs" c="dimmed" title={`Owned by ${task.owner}: only they can change it`}>
        View only<span className="visually-hidden">: owned by {task.owner}</span>
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <Button
        size="compact-sm"
        variant="default"
        leftSection={<IconCheck size={14} color="#007f3b" stroke={2.5} aria-hidden />}
        loading={update.isPending}
        aria-label={`Mark done: ${taskName(task)}`}
        onClick={() => update.mutate({ programmeId, taskId: task.id, version: task.version, status: 'done' })}
      >
        Mark done
      </Button>
      <LazyTooltip label="Edit the task">
        <ActionIcon
          variant="default"
          size="md"
          aria-label={`Edit ${taskName(task)}`}
          onClick={() => onEdit(task.id)}
        >
          <IconPencil size={16} aria-hidden />
        </ActionIcon>
      </LazyTooltip>
    </Group>
  );
}

/** Overdue, due soon or on the critical path: one row per task, with quick updates where the user may edit. */
export function TaskTable({
  label,
  variant,
  tasks,
  today,
  programmeId,
  onEdit,
}: {
  label: string;
  variant: TaskTableVariant;
  tasks: WorkspaceTask[];
  today: string;
  programmeId: string;
  onEdit: (taskId: string) => void;
}) {
  return (
    <TableScroll label={label} minWidth={960}>
      <Table verticalSpacing="xs" highlightOnHover layout="fixed" className={classes.table}>
        <Table.Caption className="visually-hidden">{label}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Task</Table.Th>
            <Table.Th scope="col" w={140}>
              Owner
            </Table.Th>
            <Table.Th scope="col" w={145}>
              Due
            </Table.Th>
            <Table.Th scope="col" w={140}>
              {variant === 'critical' ? 'Slack' : 'Forecast'}
            </Table.Th>
            <Table.Th scope="col" w={92}>
              Done
            </Table.Th>
            <Table.Th scope="col" w={176}>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((t) => {
            const due = dueDetail(t, today);
            const slip = daysBetween(t.dueDate, t.forecastFinish);
            return (
              <Table.Tr key={t.id} data-task-id={t.id}>
                <Table.Th scope="row" fw={400}>
                  <TaskCell task={t} programmeId={programmeId} />
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{t.owner}</Text>
                  <Text size="xs" c="dimmed">
                    {t.assignee ?? 'Unassigned'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={t.dueDate}>{formatDateShort(t.dueDate)}</time>
                  </Text>
                  <Text
                    size="xs"
                    className={due.late ? classes.late : undefined}
                    c={due.late ? undefined : 'dimmed'}
                  >
                    {due.text}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {variant === 'critical' ? (
                    <Text
                      size="sm"
                      className={(t.slackDays ?? 0) < 0 ? classes.late : undefined}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {taskSlackLabel(t.slackDays)}
                    </Text>
                  ) : (
                    <>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        <time dateTime={t.forecastFinish}>{formatDateShort(t.forecastFinish)}</time>
                      </Text>
                      <Text
                        size="xs"
                        className={slip > 0 ? classes.late : undefined}
                        c={slip > 0 ? undefined : 'dimmed'}
                      >
                        {slip > 0 ? `${formatCount(slip, 'day', 'days')} after due` : 'As planned'}
                      </Text>
                    </>
                  )}
                  {variant === 'critical' && (
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      Forecast {formatDateShort(t.forecastFinish)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {t.canEdit ? (
                    <PercentField task={t} programmeId={programmeId} />
                  ) : (
                    <Text size="sm">{t.percentComplete}%</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Actions task={t} programmeId={programmeId} onEdit={onEdit} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
