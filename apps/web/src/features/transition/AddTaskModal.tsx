import { useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notify } from './notify';
import { addDays, todayInUk } from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors } from '../../lib/errors';
import { useTRPC, type Member } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import { TaskFormFields, toTaskFields, validateTask, type TaskFormValues } from './taskForm';
import { useTransitionRefresh } from './useTaskMutations';

const blank = (organisationId: string | null, workstream: string | null): TaskFormValues => ({
  title: '',
  description: '',
  workstream,
  kind: 'task',
  owningOrganisationId: organisationId,
  assigneeUserId: null,
  startDate: todayInUk(),
  dueDate: addDays(todayInUk(), 14),
  status: 'not_started',
  percentComplete: 0,
  evidence: '',
  conditionPrecedent: false,
  gateCriteria: '',
  gateCriteriaMet: false,
  actualStart: null,
  completedOn: null,
  optimisticDays: '',
  pessimisticDays: '',
});

/** Adds a task to a transfer's plan. */
export function AddTaskModal({
  programmeId,
  transferId,
  transferName,
  organisations,
  members,
  myOrganisationId,
  lockOrganisation,
  defaultWorkstream,
  opened,
  onClose,
}: {
  programmeId: string;
  transferId: string;
  transferName: string;
  organisations: Array<{ value: string; label: string }>;
  members: Member[];
  myOrganisationId: string | null;
  lockOrganisation: boolean;
  defaultWorkstream: string | null;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useTransitionRefresh();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm<TaskFormValues>({
    initialValues: blank(lockOrganisation ? myOrganisationId : null, defaultWorkstream),
    validate: validateTask,
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(blank(lockOrganisation ? myOrganisationId : null, defaultWorkstream));
    form.clearErrors();
    setProblems([]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start afresh each time it opens
  }, [opened]);

  const create = useMutation(
    trpc.transition.createTask.mutationOptions({
      onSuccess: async (task) => {
        await refresh();
        notify({ color: 'green', title: 'Task added', message: task.title });
        onClose();
      },
      onError: (error) => {
        setProblems(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={onClose} title={`Add a task to ${transferName}`} size="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            create.mutate({ programmeId, transferId, ...toTaskFields(values) });
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
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
            <Button type="submit" loading={create.isPending}>
              Add task
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
