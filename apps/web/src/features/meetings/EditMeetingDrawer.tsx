import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconRefreshAlert } from '@tabler/icons-react';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, isConflict } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import {
  changedMeetingFields,
  MeetingFormFields,
  memberSuggestions,
  validateMeeting,
  valuesFromMeeting,
  type MeetingFormValues,
} from './meetingForm';
import type { Meeting } from './types';

export const MEETING_CONFLICT_MESSAGE =
  'Someone else changed this meeting while you were editing; the latest is now shown. Check it and make your change again.';

/**
 * Edits a meeting's details and minutes at the version they were read. If someone saved first, the server
 * refuses with CONFLICT: the drawer reloads their version and says so, and nothing is overwritten.
 */
export function EditMeetingDrawer({
  programmeId,
  meeting,
  opened,
  onClose,
}: {
  programmeId: string;
  meeting: Meeting;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [base, setBase] = useState(meeting);
  const members = useQuery({ ...trpc.member.list.queryOptions({ programmeId }), enabled: opened });
  const form = useForm<MeetingFormValues>({
    initialValues: valuesFromMeeting(meeting),
    validate: validateMeeting,
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesFromMeeting(meeting));
    form.clearErrors();
    setBase(meeting);
    setProblems([]);
    setConflict(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on open, not on every refetch
  }, [opened]);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.meeting.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);

  const update = useMutation(trpc.meeting.update.mutationOptions());

  const submit = (values: MeetingFormValues) => {
    setProblems([]);
    setConflict(false);
    const patch = changedMeetingFields(valuesFromMeeting(base), values);
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate(
      { programmeId, meetingId: base.id, version: base.version, ...patch },
      {
        onSuccess: async (saved) => {
          await refresh();
          onClose();
          notify({ color: 'green', title: 'Meeting saved', message: saved.title });
        },
        onError: async (error) => {
          if (isConflict(error)) {
            const latest = await queryClient.fetchQuery({
              ...trpc.meeting.get.queryOptions({ programmeId, meetingId: base.id }),
              staleTime: 0,
            });
            await refresh();
            form.setValues(valuesFromMeeting(latest.meeting));
            form.clearErrors();
            setBase(latest.meeting);
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
    <Drawer opened={opened} onClose={onClose} title="Edit meeting" position="right" size="lg" padding="lg">
      <form
        ref={formRef}
        noValidate
        aria-label="Edit meeting"
        onSubmit={form.onSubmit(submit, () => focusFirstInvalid(formRef.current))}
      >
        <Stack>
          {conflict && (
            <Alert
              role="alert"
              color="orange"
              variant="light"
              icon={<IconRefreshAlert aria-hidden />}
              title="Someone else changed this meeting"
            >
              {MEETING_CONFLICT_MESSAGE}
            </Alert>
          )}
          <FormErrors messages={problems} />
          <MeetingFormFields
            form={form}
            suggestions={memberSuggestions(members.data)}
            withMinutes
            dateLocked={base.snapshot !== null}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save meeting
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
