import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconRefreshAlert } from '@tabler/icons-react';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, isConflict } from '../../lib/errors';
import { useTRPC, type Member } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import { TaskFormFields, toTaskFields, validateTask, type TaskFields, type TaskFormValues } from './taskForm';
import type { TaskDetail, UpdateTaskInput } from './types';
import { TASK_CONFLICT_MESSAGE, useUpdateTask } from './useTaskMutations';

type Task = TaskDetail['task'];

export const valuesFromTask = (t: Task): TaskFormValues => ({
  title: t.title,
  description: t.description,
  workstream: t.workstream,
  kind: t.kind,
  owningOrganisationId: t.owningOrganisation.id,
  assigneeUserId: t.assignee?.id ?? null,
  startDate: t.startDate,
  dueDate: t.dueDate,
  status: t.status,
  percentComplete: t.percentComplete,
  evidence: t.evidence,
  conditionPrecedent: t.conditionPrecedent,
  gateCriteria: t.gateCriteria,
  gateCriteriaMet: t.gateCriteriaMet,
  actualStart: t.actualStart,
  completedOn: t.completedOn,
  optimisticDays: t.optimisticDays ?? '',
  pessimisticDays: t.pessimisticDays ?? '',
});

/** Only what changed, so the history says what this save was about. */
function changedFields(before: TaskFields, after: TaskFields): Partial<UpdateTaskInput> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof TaskFields>) {
    if (after[key] !== before[key]) out[key] = after[key];
  }
  return out as Partial<UpdateTaskInput>;
}

/** Edits every field of a task, at the version it was read; a CONFLICT reloads the latest for the user to redo. */
export function TaskEditDrawer({
  programmeId,
  task,
  organisations,
  members,
  lockOrganisation,
  opened,
  onClose,
}: {
  programmeId: string;
  task: Task;
  organisations: Array<{ value: string; label: string }>;
  members: Member[];
  lockOrganisation: boolean;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [base, setBase] = useState(task);
  const form = useForm<TaskFormValues>({ initialValues: valuesFromTask(task), validate: validateTask });
  const update = useUpdateTask();

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesFromTask(task));
    form.clearErrors();
    setBase(task);
    setProblems([]);
    setConflict(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on open, not on every refetch
  }, [opened]);

  const submit = (values: TaskFormValues) => {
    setProblems([]);
    setConflict(false);
    const patch = changedFields(toTaskFields(valuesFromTask(base)), toTaskFields(values));
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate(
      { programmeId, taskId: base.id, version: base.version, ...patch },
      {
        onSuccess: onClose,
        onError: async (error) => {
          if (isConflict(error)) {
            const latest = await queryClient.fetchQuery({
              ...trpc.transition.task.queryOptions({ programmeId, taskId: base.id }),
              staleTime: 0,
            });
            form.setValues(valuesFromTask(latest.task));
            form.clearErrors();
            setBase(latest.task);
            setConflict(true);
            return;
          }
          setProblems(applyServerErrors(form, error));
          focusFirstInvalid(formRef.current);
        },
      },
    );
  };

  return (
    <Drawer opened={opened} onClose={onClose} title="Edit task" position="right" size="lg" padding="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(submit, () => focusFirstInvalid(formRef.current))}
      >
        <Stack>
          {conflict && (
            <Alert
              role="alert"
              color="orange"
              variant="light"
              icon={<IconRefreshAlert aria-hidden />}
              title="This task changed"
            >
              {TASK_CONFLICT_MESSAGE}
            </Alert>
          )}
          <FormErrors messages={problems} />
          <TaskFormFields
            form={form}
            organisations={organisations}
            members={members}
            lockOrganisation={lockOrganisation}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save task
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
