import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconRefreshAlert } from '@tabler/icons-react';
import { ZUpdateProgrammeInput } from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, isConflict } from '../../lib/errors';
import { useTRPC, type OverviewProgramme } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import {
  ProgrammeFormFields,
  toProgrammeFields,
  validateProgramme,
  valuesFromProgramme,
  type ProgrammeFormValues,
} from './programmeForm';

export const CONFLICT_MESSAGE =
  'Someone else changed this programme while you were editing; the latest version is now shown.';

/**
 * Edits every field of the programme. Saves name the version they were read at: if someone else saved
 * first the server answers CONFLICT, and the drawer reloads the latest version for the user to re-apply.
 */
export function EditProgrammeDrawer({
  programme,
  opened,
  onClose,
}: {
  programme: OverviewProgramme;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState(programme.version);
  const form = useForm<ProgrammeFormValues>({
    initialValues: valuesFromProgramme(programme),
    validate: validateProgramme,
  });

  // Each time the drawer opens, start from the programme as it is now.
  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesFromProgramme(programme));
    form.resetDirty(valuesFromProgramme(programme));
    form.clearErrors();
    setVersion(programme.version);
    setProblems([]);
    setConflict(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on open, not on every refetch
  }, [opened]);

  const update = useMutation(
    trpc.programme.update.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.programme.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
        notifications.show({ color: 'green', title: 'Programme saved', message: 'Your changes are saved.' });
        onClose();
      },
      onError: async (error) => {
        if (isConflict(error)) {
          setProblems([]);
          const latest = await queryClient.fetchQuery({
            ...trpc.programme.overview.queryOptions({ programmeId: programme.id }),
            staleTime: 0,
          });
          await queryClient.invalidateQueries(trpc.programme.list.pathFilter());
          const values = valuesFromProgramme(latest.programme);
          form.setValues(values);
          form.resetDirty(values);
          form.clearErrors();
          setVersion(latest.programme.version);
          setConflict(true);
          return;
        }
        setProblems(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  return (
    <Drawer opened={opened} onClose={onClose} title="Edit programme" position="right" size="lg" padding="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            setConflict(false);
            update.mutate(
              ZUpdateProgrammeInput.parse({
                ...toProgrammeFields(values),
                programmeId: programme.id,
                version,
              }),
            );
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          {conflict && (
            <Alert
              role="alert"
              color="orange"
              variant="light"
              icon={<IconRefreshAlert aria-hidden />}
              title="This programme changed"
            >
              {CONFLICT_MESSAGE} Check it, make your changes again and save.
            </Alert>
          )}
          <FormErrors messages={problems} />
          <ProgrammeFormFields form={form} savedStage={programme.stage} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save programme
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
