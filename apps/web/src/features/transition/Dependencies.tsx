import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { notify } from './notify';
import { IconAlertTriangle, IconLink, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage } from '../../lib/errors';
import { formatDateShort } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import type { PlanDependency, PlanTask } from './types';
import { CriticalBadge, StatusBadge } from './ui';
import { useTransitionRefresh } from './useTaskMutations';

function lagText(days: number): string {
  if (days === 0) return 'No lag';
  const n = Math.abs(days);
  return days > 0
    ? `${n} ${n === 1 ? 'day' : 'days'} after`
    : `${n} ${n === 1 ? 'day' : 'days'} before (lead)`;
}

function DependencyTable({
  id,
  caption,
  rows,
  other,
  tasks,
  programmeId,
  canRemove,
  onRemove,
  removingId,
}: {
  id: string;
  caption: string;
  rows: PlanDependency[];
  other: (d: PlanDependency) => string;
  tasks: Map<string, PlanTask>;
  programmeId: string;
  canRemove: (d: PlanDependency) => boolean;
  onRemove: (d: PlanDependency) => void;
  removingId: string | null;
}) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" id={id}>
        None.
      </Text>
    );
  return (
    <TableScroll label={caption} minWidth={560}>
      <Table verticalSpacing={6} fz="sm">
        <Table.Caption className="visually-hidden">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Task</Table.Th>
            <Table.Th scope="col">Gap</Table.Th>
            <Table.Th scope="col">Forecast</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => {
            const t = tasks.get(other(d));
            return (
              <Table.Tr key={d.id}>
                <Table.Th scope="row" fw={500}>
                  {t ? (
                    <Group gap={6}>
                      <Anchor component={Link} to={`/p/${programmeId}/transition/tasks/${t.id}`} size="sm">
                        {t.title}
                      </Anchor>
                      {t.critical && <CriticalBadge />}
                    </Group>
                  ) : (
                    'A task you cannot see'
                  )}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{lagText(d.lagDays)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {t ? `${formatDateShort(t.forecastStart)} – ${formatDateShort(t.forecastFinish)}` : '—'}
                </Table.Td>
                <Table.Td>{t && <StatusBadge status={t.status} />}</Table.Td>
                <Table.Td>
                  {canRemove(d) && (
                    <LazyTooltip label="Remove this dependency">
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        aria-label={`Remove the dependency on ${t?.title ?? 'this task'}`}
                        loading={removingId === d.id}
                        onClick={() => onRemove(d)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </LazyTooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function AddDependencyForm({
  id,
  label,
  options,
  submitLabel,
  onAdd,
  pending,
  error,
}: {
  id: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  submitLabel: string;
  onAdd: (taskId: string, lagDays: number, reset: () => void) => void;
  pending: boolean;
  error: string | null;
}) {
  const [taskId, setTaskId] = useState<string | null>(null);
  const [lag, setLag] = useState<number | string>(0);
  const [missing, setMissing] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!taskId) return setMissing(true);
        onAdd(taskId, lag === '' ? 0 : Number(lag), () => {
          setTaskId(null);
          setLag(0);
        });
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={label}
          data={options}
          searchable
          value={taskId}
          onChange={(v) => {
            setMissing(false);
            setTaskId(v);
          }}
          placeholder="Choose a task of this transfer"
          nothingFoundMessage="No task matches"
          error={missing ? 'Choose a task' : undefined}
          style={{ flex: '1 1 240px' }}
        />
        <NumberInput
          label="Lag in days"
          aria-describedby={`${id}-lag-help`}
          min={-365}
          max={365}
          allowDecimal={false}
          value={lag}
          onChange={setLag}
          w={110}
        />
        <Button
          type="submit"
          loading={pending}
          variant="outline"
          leftSection={<IconLink size={16} aria-hidden />}
        >
          {submitLabel}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={4} id={`${id}-lag-help`}>
        Lag: days between one finishing and the other starting; negative for a lead.
      </Text>
      {error && (
        <Alert
          role="alert"
          color="red"
          variant="light"
          mt="sm"
          icon={<IconAlertTriangle aria-hidden />}
          title="Not added"
        >
          {error}
        </Alert>
      )}
    </form>
  );
}

/** What this task waits for and what waits for it; editors add and remove links (the server refuses loops). */
export function Dependencies({
  programmeId,
  taskId,
  canEdit,
  predecessors,
  successors,
  planTasks,
}: {
  programmeId: string;
  taskId: string;
  canEdit: boolean;
  predecessors: PlanDependency[];
  successors: PlanDependency[];
  planTasks: PlanTask[];
}) {
  const trpc = useTRPC();
  const refresh = useTransitionRefresh();
  const tasks = new Map(planTasks.map((t) => [t.id, t]));
  const [predError, setPredError] = useState<string | null>(null);
  const [succError, setSuccError] = useState<string | null>(null);

  const add = useMutation(trpc.transition.addDependency.mutationOptions({ onSettled: () => refresh() }));
  const remove = useMutation(
    trpc.transition.removeDependency.mutationOptions({
      onSuccess: () =>
        notify({
          color: 'green',
          title: 'Dependency removed',
          message: 'The plan is re-forecast.',
        }),
      onError: (error) => notify({ color: 'red', title: 'Not removed', message: errorMessage(error) }),
      onSettled: () => refresh(),
    }),
  );

  const predIds = new Set(predecessors.map((d) => d.predecessorId));
  const succIds = new Set(successors.map((d) => d.successorId));
  const option = (t: PlanTask) => ({ value: t.id, label: `${t.title} (${formatDateShort(t.dueDate)})` });
  const predOptions = planTasks.filter((t) => t.id !== taskId && !predIds.has(t.id)).map(option);
  const succOptions = planTasks.filter((t) => t.id !== taskId && !succIds.has(t.id) && t.canEdit).map(option);

  const addLink = (
    input: { predecessorId: string; successorId: string; lagDays: number },
    setError: (e: string | null) => void,
    reset: () => void,
  ) => {
    setError(null);
    add.mutate(
      { programmeId, ...input },
      {
        onSuccess: () => {
          reset();
          notify({
            color: 'green',
            title: 'Dependency added',
            message: 'The plan is re-forecast.',
          });
        },
        onError: (error) => setError(errorMessage(error)),
      },
    );
  };

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Waits for (predecessors)
        </Title>
        <DependencyTable
          id="predecessors"
          caption="Tasks this one waits for"
          rows={predecessors}
          other={(d) => d.predecessorId}
          tasks={tasks}
          programmeId={programmeId}
          canRemove={() => canEdit}
          onRemove={(d) => remove.mutate({ programmeId, dependencyId: d.id })}
          removingId={remove.isPending ? (remove.variables?.dependencyId ?? null) : null}
        />
        {canEdit && (
          <AddDependencyForm
            id="add-predecessor"
            label="Add a task this one waits for"
            options={predOptions}
            submitLabel="Add predecessor"
            pending={add.isPending && add.variables?.successorId === taskId}
            error={predError}
            onAdd={(id, lagDays, reset) =>
              addLink({ predecessorId: id, successorId: taskId, lagDays }, setPredError, reset)
            }
          />
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Waiting for this (successors)
        </Title>
        <DependencyTable
          id="successors"
          caption="Tasks that wait for this one"
          rows={successors}
          other={(d) => d.successorId}
          tasks={tasks}
          programmeId={programmeId}
          canRemove={(d) => tasks.get(d.successorId)?.canEdit ?? false}
          onRemove={(d) => remove.mutate({ programmeId, dependencyId: d.id })}
          removingId={remove.isPending ? (remove.variables?.dependencyId ?? null) : null}
        />
        {succOptions.length > 0 && (
          <AddDependencyForm
            id="add-successor"
            label="Add a task that waits for this one"
            options={succOptions}
            submitLabel="Add successor"
            pending={add.isPending && add.variables?.predecessorId === taskId}
            error={succError}
            onAdd={(id, lagDays, reset) =>
              addLink({ predecessorId: taskId, successorId: id, lagDays }, setSuccError, reset)
            }
          />
        )}
      </Stack>
    </Stack>
  );
}
