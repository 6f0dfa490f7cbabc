import { Fragment, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import {
  IconCheck,
  IconChevronDown,
  IconChevronRight,
  IconPencil,
  IconPlus,
  IconX,
} from '@tabler/icons-react';
import { WORKSTREAM_LABELS, WORKSTREAMS, type TTaskStatus, type TWorkstream } from '@baton/domain';
import { Link } from 'react-router';
import { DateField } from '../../components/DateField';
import { TableScroll } from '../../components/TableScroll';
import { isConflict } from '../../lib/errors';
import { formatCount, formatDateShort } from '../../lib/format';
import type { Member } from '../../lib/trpc';
import { taskSlackLabel, taskSlackText } from './format';
import { assigneeOptionsOf, STATUS_OPTIONS, WORKSTREAM_OPTIONS } from './taskForm';
import { useFirstScreenful } from '../../components/useFirstScreenful';
import classes from './transition.module.css';
import type { Plan, PlanTask, UpdateTaskInput } from './types';
import { CpBadge, CriticalBadge, KindIcon, LateForecastBadge, OverdueBadge, StatusBadge } from './ui';
import { useUpdateTask } from './useTaskMutations';

export interface PlanFilters {
  workstream: string | null;
  status: string | null;
  mine: boolean;
  critical: boolean;
  overdue: boolean;
}

export const NO_FILTERS: PlanFilters = {
  workstream: null,
  status: null,
  mine: false,
  critical: false,
  overdue: false,
};

export function applyFilters(tasks: PlanTask[], f: PlanFilters, myOrganisationId: string | null): PlanTask[] {
  return tasks.filter(
    (t) =>
      (!f.workstream || t.workstream === f.workstream) &&
      (!f.status || t.status === f.status) &&
      (!f.mine || t.owningOrganisation.id === myOrganisationId) &&
      (!f.critical || t.critical) &&
      (!f.overdue || t.overdue),
  );
}

const COLUMNS = 12;

interface Draft {
  status: TTaskStatus;
  percentComplete: number | string;
  dueDate: string | null;
  assigneeUserId: string | null;
}

const draftOf = (t: PlanTask): Draft => ({
  status: t.status,
  percentComplete: t.percentComplete,
  dueDate: t.dueDate,
  assigneeUserId: t.assignee?.id ?? null,
});

/** One task. Editors switch the row into edit mode for status, % complete, due date and assignee. */
function TaskRow({
  task,
  programmeId,
  assigneeOptions,
  baselineShown,
}: {
  task: PlanTask;
  programmeId: string;
  assigneeOptions: ReturnType<typeof assigneeOptionsOf>;
  baselineShown: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(task));
  const [dueError, setDueError] = useState<string | null>(null);
  const update = useUpdateTask();
  const editButton = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const url = `/p/${programmeId}/transition/tasks/${task.id}`;
  const editorId = `task-editor-${task.id}`;

  useEffect(() => {
    if (editing) firstField.current?.focus();
  }, [editing]);

  const start = () => {
    setDraft(draftOf(task));
    setDueError(null);
    setEditing(true);
  };
  const stop = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const save = () => {
    const patch: Partial<UpdateTaskInput> = {};
    if (draft.status !== task.status) patch.status = draft.status;
    const percent = draft.percentComplete === '' ? 0 : Number(draft.percentComplete);
    if (percent !== task.percentComplete) patch.percentComplete = percent;
    if (draft.dueDate && draft.dueDate !== task.dueDate) {
      if (draft.dueDate < task.startDate) {
        setDueError(`Not before the start date, ${formatDateShort(task.startDate)}`);
        return;
      }
      patch.dueDate = draft.dueDate;
    }
    if (!draft.dueDate) {
      setDueError('Enter a due date');
      return;
    }
    if (draft.assigneeUserId !== (task.assignee?.id ?? null)) patch.assigneeUserId = draft.assigneeUserId;
    if (Object.keys(patch).length === 0) return stop();
    update.mutate(
      { programmeId, taskId: task.id, version: task.version, ...patch },
      { onSuccess: stop, onError: (error) => isConflict(error) && stop() },
    );
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!editing) return;
    // Escape in an open list closes the list first; only then does it cancel the edit.
    const listOpen = (e.target as HTMLElement).getAttribute('aria-expanded') === 'true';
    if (e.key === 'Escape' && !e.defaultPrevented && !listOpen) {
      e.preventDefault();
      stop();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    }
  };
  const muted = task.status === 'done' || task.status === 'cancelled';
  const late = task.forecastFinish > task.dueDate && task.status !== 'done';

  return (
    <>
      <Table.Tr data-task-id={task.id} bg={editing ? 'nhsBlue.0' : undefined}>
        <Table.Th scope="row" fw={500} miw={230}>
          <Group gap={8} wrap="nowrap" align="flex-start">
            <KindIcon kind={task.kind} />
            <Anchor
              component={Link}
              to={url}
              size="sm"
              fw={600}
              className={`${muted ? classes.doneTitle : ''} ${task.status === 'cancelled' ? classes.cancelled : ''}`}
            >
              {task.title}
            </Anchor>
          </Group>
        </Table.Th>
        <Table.Td>
          <Text size="sm">{task.owningOrganisation.shortName}</Text>
        </Table.Td>
        <Table.Td>
          {task.assignee ? (
            <Text size="sm">{task.assignee.name}</Text>
          ) : (
            <Text size="sm" c="dimmed">
              Unassigned
            </Text>
          )}
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text size="sm">{formatDateShort(task.startDate)}</Text>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text size="sm">{formatDateShort(task.dueDate)}</Text>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text size="sm" className={late ? classes.late : undefined}>
            {formatDateShort(task.forecastFinish)}
            {late && <span className="visually-hidden"> (after the due date)</span>}
          </Text>
        </Table.Td>
        <Table.Td>
          <StatusBadge status={task.status} />
        </Table.Td>
        <Table.Td>
          <Text size="sm" ta="right">
            {task.percentComplete}%
          </Text>
        </Table.Td>
        <Table.Td w={92}>
          <Group gap={4} wrap="wrap">
            {task.conditionPrecedent && <CpBadge />}
            {task.critical && <CriticalBadge />}
            {task.overdue && <OverdueBadge />}
            {task.forecastLateDays > 0 && !task.overdue && <LateForecastBadge days={task.forecastLateDays} />}
          </Group>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <LazyTooltip label={taskSlackLabel(task.slackDays)}>
            <Text
              size="sm"
              ta="right"
              className={task.slackDays !== null && task.slackDays < 0 ? classes.late : undefined}
            >
              <span aria-hidden>{taskSlackText(task.slackDays)}</span>
              <span className="visually-hidden">{taskSlackLabel(task.slackDays)}</span>
            </Text>
          </LazyTooltip>
        </Table.Td>
        {baselineShown && (
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <Text
              size="sm"
              ta="right"
              className={(task.baseline?.varianceDays ?? 0) > 0 ? classes.late : undefined}
            >
              {task.baseline === null
                ? '—'
                : task.baseline.varianceDays > 0
                  ? `+${task.baseline.varianceDays} d`
                  : task.baseline.varianceDays < 0
                    ? `−${-task.baseline.varianceDays} d`
                    : '0 d'}
            </Text>
          </Table.Td>
        )}
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {task.canEdit && (
            <LazyTooltip label="Edit status, % complete, due date and assignee">
              <ActionIcon
                ref={editButton}
                variant={editing ? 'filled' : 'subtle'}
                color="nhsBlue.9"
                aria-label={`Edit ${task.title}`}
                aria-expanded={editing}
                aria-controls={editorId}
                onClick={editing ? stop : start}
              >
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            </LazyTooltip>
          )}
        </Table.Td>
      </Table.Tr>
      {editing && (
        <Table.Tr id={editorId} bg="nhsBlue.0" data-editor-for={task.id}>
          <Table.Td colSpan={COLUMNS} pt={4} pb="sm">
            <Group
              gap="sm"
              align="flex-start"
              wrap="wrap"
              role="group"
              aria-label={`Edit ${task.title}`}
              onKeyDown={onKeyDown}
              pl={28}
            >
              <Select
                ref={firstField}
                label="Status"
                aria-label={`Status of ${task.title}`}
                size="xs"
                w={150}
                data={STATUS_OPTIONS}
                allowDeselect={false}
                value={draft.status}
                onChange={(v) => v && setDraft((d) => ({ ...d, status: v as TTaskStatus }))}
              />
              <NumberInput
                label="% complete"
                aria-label={`% complete of ${task.title}`}
                size="xs"
                w={100}
                min={0}
                max={100}
                clampBehavior="strict"
                allowDecimal={false}
                suffix="%"
                value={draft.status === 'done' ? 100 : draft.percentComplete}
                disabled={draft.status === 'done'}
                onChange={(v) => setDraft((d) => ({ ...d, percentComplete: v }))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    save();
                  }
                }}
              />
              <DateField
                label="Due date"
                aria-label={`Due date of ${task.title}`}
                size="xs"
                w={180}
                value={draft.dueDate}
                onChange={(v) => {
                  setDueError(null);
                  setDraft((d) => ({ ...d, dueDate: v }));
                }}
                error={dueError}
              />
              <Select
                label="Assignee"
                aria-label={`Assignee of ${task.title}`}
                size="xs"
                w={240}
                data={assigneeOptions}
                searchable
                clearable
                placeholder="Nobody"
                value={draft.assigneeUserId}
                onChange={(v) => setDraft((d) => ({ ...d, assigneeUserId: v }))}
              />
              <Group gap="xs" mt={22}>
                <Button
                  size="xs"
                  color="#007f3b"
                  onClick={save}
                  loading={update.isPending}
                  leftSection={<IconCheck size={14} aria-hidden />}
                >
                  Save
                  <span className="visually-hidden"> {task.title}</span>
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={stop}
                  leftSection={<IconX size={14} aria-hidden />}
                >
                  Cancel
                </Button>
                <Text size="xs" c="dimmed">
                  Ctrl+Enter saves, Esc cancels
                </Text>
              </Group>
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function Filters({
  value,
  onChange,
  shown,
  total,
}: {
  value: PlanFilters;
  onChange: (f: PlanFilters) => void;
  shown: number;
  total: number;
}) {
  const set = <K extends keyof PlanFilters>(key: K, v: PlanFilters[K]) => onChange({ ...value, [key]: v });
  const any = JSON.stringify(value) !== JSON.stringify(NO_FILTERS);
  return (
    <Group gap="md" align="flex-end" wrap="wrap" role="group" aria-label="Filter tasks">
      <Select
        label="Workstream"
        placeholder="All workstreams"
        data={WORKSTREAM_OPTIONS}
        clearable
        value={value.workstream}
        onChange={(v) => set('workstream', v)}
        w={260}
      />
      <Select
        label="Status"
        placeholder="All statuses"
        data={STATUS_OPTIONS}
        clearable
        value={value.status}
        onChange={(v) => set('status', v)}
        w={170}
      />
      <Stack gap={6} pb={4}>
        <Group gap="lg">
          <Switch
            label="My organisation only"
            checked={value.mine}
            onChange={(e) => set('mine', e.currentTarget.checked)}
          />
          <Switch
            label="Critical only"
            checked={value.critical}
            onChange={(e) => set('critical', e.currentTarget.checked)}
          />
          <Switch
            label="Overdue only"
            checked={value.overdue}
            onChange={(e) => set('overdue', e.currentTarget.checked)}
          />
        </Group>
      </Stack>
      <Group gap="sm" pb={4}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {shown === total
            ? formatCount(total, 'task', 'tasks')
            : `${shown} of ${formatCount(total, 'task', 'tasks')} shown`}
        </Text>
        {any && (
          <Button size="compact-sm" variant="subtle" onClick={() => onChange(NO_FILTERS)}>
            Clear filters
          </Button>
        )}
      </Group>
    </Group>
  );
}

/** The plan as a table: tasks grouped by workstream (collapsible), filterable, editable in place. */
export function PlanTable({
  programmeId,
  plan,
  members,
  myOrganisationId,
  filters,
  onFiltersChange,
  onAddTask,
}: {
  programmeId: string;
  plan: Plan;
  members: Member[];
  myOrganisationId: string | null;
  filters: PlanFilters;
  onFiltersChange: (f: PlanFilters) => void;
  onAddTask?: () => void;
}) {
  const [collapsed, setCollapsed] = useState<Set<TWorkstream>>(new Set());
  const shown = useMemo(
    () => applyFilters(plan.tasks, filters, myOrganisationId),
    [plan.tasks, filters, myOrganisationId],
  );
  const assigneeOptions = useMemo(() => assigneeOptionsOf(members), [members]);
  // A transfer can hold hundreds of tasks: the rows the window shows are built first (measured before the
  // first paint, at most forty), the rest a frame later.
  const inTableOrder = useMemo(
    () => WORKSTREAMS.flatMap((ws) => shown.filter((t) => t.workstream === ws)),
    [shown],
  );
  const table = useRef<HTMLTableElement>(null);
  const firstRows = useFirstScreenful(inTableOrder, 40, { rows: table, minimum: 3 });
  const built = firstRows === inTableOrder ? null : new Set(firstRows.map((t) => t.id));
  const groups = WORKSTREAMS.map((ws) => ({
    ws,
    all: plan.tasks.filter((t) => t.workstream === ws),
    tasks: shown.filter((t) => t.workstream === ws),
  }))
    .filter((g) => g.tasks.length > 0)
    .map((g) => ({ ...g, rows: built ? g.tasks.filter((t) => built.has(t.id)) : g.tasks }));
  const toggle = (ws: TWorkstream) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(ws)) next.delete(ws);
      else next.add(ws);
      return next;
    });
  const allCollapsed = groups.length > 0 && groups.every((g) => collapsed.has(g.ws));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Filters value={filters} onChange={onFiltersChange} shown={shown.length} total={plan.tasks.length} />
        <Group gap="sm">
          {groups.length > 0 && (
            <Button
              variant="default"
              size="sm"
              onClick={() => setCollapsed(allCollapsed ? new Set() : new Set(groups.map((g) => g.ws)))}
            >
              {allCollapsed ? 'Expand all' : 'Collapse all'}
            </Button>
          )}
          {onAddTask && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAddTask}>
              Add task
            </Button>
          )}
        </Group>
      </Group>

      {plan.tasks.length === 0 ? (
        <Card withBorder radius="md" padding="xl">
          <Text ta="center">This plan has no tasks yet.{onAddTask ? ' Add the first one.' : ''}</Text>
        </Card>
      ) : shown.length === 0 ? (
        <Card withBorder radius="md" padding="xl">
          <Stack align="center" gap="sm">
            <Text ta="center">No tasks match these filters.</Text>
            <Button variant="outline" onClick={() => onFiltersChange(NO_FILTERS)}>
              Clear filters
            </Button>
          </Stack>
        </Card>
      ) : (
        <Card withBorder radius="md" padding={0}>
          <TableScroll label="Plan tasks" minWidth={1100}>
            <Table ref={table} verticalSpacing={6} horizontalSpacing="xs" highlightOnHover>
              <Table.Caption className="visually-hidden">
                Tasks of {plan.transfer.name}, grouped by workstream
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Task</Table.Th>
                  <Table.Th scope="col">Owner</Table.Th>
                  <Table.Th scope="col">Assignee</Table.Th>
                  <Table.Th scope="col">Start</Table.Th>
                  <Table.Th scope="col">Due</Table.Th>
                  <Table.Th scope="col">Forecast finish</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Done
                  </Table.Th>
                  <Table.Th scope="col">Flags</Table.Th>
                  <Table.Th scope="col" ta="right">
                    <LazyTooltip label="Total float: days a task can slip before the forecast go-live moves. Critical means no float left; negative float is the overrun past the transfer date.">
                      <span>Float</span>
                    </LazyTooltip>
                  </Table.Th>
                  {plan.baseline && (
                    <Table.Th scope="col" ta="right">
                      <LazyTooltip
                        label={`Forecast finish against ${plan.baseline.name}: days later (+) or earlier (−)`}
                      >
                        <span>Variance</span>
                      </LazyTooltip>
                    </Table.Th>
                  )}
                  <Table.Th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              {groups.map((g) => {
                const open = !collapsed.has(g.ws);
                const done = g.all.filter((t) => t.status === 'done').length;
                return (
                  <Fragment key={g.ws}>
                    <Table.Tbody>
                      <Table.Tr className={classes.groupRow}>
                        <Table.Th colSpan={COLUMNS} scope="rowgroup">
                          <UnstyledButton
                            onClick={() => toggle(g.ws)}
                            aria-expanded={open}
                            style={{ display: 'flex', alignItems: 'center', gap: 8, width: '100%' }}
                          >
                            {open ? (
                              <IconChevronDown size={18} aria-hidden />
                            ) : (
                              <IconChevronRight size={18} aria-hidden />
                            )}
                            <Text fw={700} c="nhsBlue.9" size="sm">
                              {WORKSTREAM_LABELS[g.ws]}
                            </Text>
                            <Text size="sm" c="gray.8">
                              {g.tasks.length === g.all.length
                                ? formatCount(g.all.length, 'task', 'tasks')
                                : `${g.tasks.length} of ${formatCount(g.all.length, 'task', 'tasks')} shown`}{' '}
                              · {done}/{g.all.length} done
                            </Text>
                          </UnstyledButton>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Tbody>
                    {open && (
                      <Table.Tbody>
                        {g.rows.map((t) => (
                          <TaskRow
                            key={t.id}
                            task={t}
                            programmeId={programmeId}
                            assigneeOptions={assigneeOptions}
                            baselineShown={plan.baseline !== null}
                          />
                        ))}
                      </Table.Tbody>
                    )}
                  </Fragment>
                );
              })}
            </Table>
          </TableScroll>
        </Card>
      )}
    </Stack>
  );
}
