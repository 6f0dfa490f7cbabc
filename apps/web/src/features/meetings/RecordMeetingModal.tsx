import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import { ukToday } from '../risks/ukToday';
import {
  emptyMeeting,
  MeetingFormFields,
  memberSuggestions,
  toMeetingFields,
  validateMeeting,
  type MeetingFormValues,
} from './meetingForm';

/** Records a steering group meeting (date, who came), then opens it to add the minutes or freeze the pack. */
export function RecordMeetingModal({
  programmeId,
  opened,
  onClose,
}: {
  programmeId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const members = useQuery({ ...trpc.member.list.queryOptions({ programmeId }), enabled: opened });
  const form = useForm<MeetingFormValues>({
    initialValues: emptyMeeting(ukToday()),
    validate: validateMeeting,
  });

  useEffect(() => {
    if (opened) {
      form.setValues(emptyMeeting(ukToday()));
      form.clearErrors();
      setProblems([]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when opened
  }, [opened]);

  const create = useMutation(
    trpc.meeting.create.mutationOptions({
      onSuccess: async (meeting) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.meeting.pathFilter()),
          queryClient.invalidateQueries(trpc.steering.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
        onClose();
        notify({ color: 'green', title: 'Meeting recorded', message: meeting.title });
        void navigate(`/p/${programmeId}/meetings/${meeting.id}`);
      },
      onError: (error) => {
        setProblems(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={onClose} title="Record a meeting" size="lg">
      <form
        ref={formRef}
        noValidate
        aria-label="Record a meeting"
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            create.mutate({ programmeId, ...toMeetingFields(values) });
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          <FormErrors messages={problems} />
          <MeetingFormFields form={form} suggestions={memberSuggestions(members.data)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Record meeting
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
