import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { ZCreateProgrammeInput } from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import {
  emptyProgrammeValues,
  ProgrammeFormFields,
  toProgrammeFields,
  validateProgramme,
  type ProgrammeFormValues,
} from './programmeForm';

/** System admins start a programme here; they then add lots, parties and members on its overview. */
export function CreateProgrammeModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm<ProgrammeFormValues>({
    initialValues: emptyProgrammeValues,
    validate: validateProgramme,
  });

  const create = useMutation(
    trpc.programme.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries(trpc.programme.pathFilter());
        notifications.show({ color: 'green', title: 'Programme created', message: form.values.name });
        form.reset();
        onClose();
        void navigate(`/p/${id}`);
      },
      onError: (error) => {
        setProblems(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={onClose} title="New programme" size="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            create.mutate(ZCreateProgrammeInput.parse(toProgrammeFields(values)));
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          <FormErrors messages={problems} />
          <ProgrammeFormFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create programme
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
