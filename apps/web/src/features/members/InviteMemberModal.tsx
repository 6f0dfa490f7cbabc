import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ZInviteInput } from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, errorMessage } from '../../lib/errors';
import { membershipRoleDescription } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { focusFirstInvalid, zodValidate } from '../../lib/zodForm';
import { ROLE_OPTIONS } from './roleOptions';

interface InviteFormValues {
  name: string;
  email: string;
  organisationId: string | null;
  role: string | null;
}

export function InviteMemberModal({
  programmeId,
  opened,
  onClose,
  onInvited,
}: {
  programmeId: string;
  opened: boolean;
  onClose: () => void;
  onInvited: (invite: { name: string; email: string; inviteUrl: string }) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const organisations = useQuery({ ...trpc.organisation.list.queryOptions(), enabled: opened });

  const toInput = (v: InviteFormValues) => ({
    programmeId,
    name: v.name,
    email: v.email,
    organisationId: v.organisationId ?? '',
    role: v.role ?? '',
  });
  const schemaErrors = zodValidate(ZInviteInput, toInput);
  const form = useForm<InviteFormValues>({
    initialValues: { name: '', email: '', organisationId: null, role: null },
    validate: (v) => ({
      ...schemaErrors(v),
      ...(v.organisationId ? {} : { organisationId: 'Choose the organisation they work for' }),
      ...(v.role ? {} : { role: 'Choose a role' }),
    }),
  });

  useEffect(() => {
    if (opened) {
      form.reset();
      setProblems([]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when opened
  }, [opened]);

  const invite = useMutation(
    trpc.member.invite.mutationOptions({
      onSuccess: async ({ inviteUrl }, input) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.member.list.pathFilter()),
          queryClient.invalidateQueries(trpc.programme.overview.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
        onClose();
        if (inviteUrl) onInvited({ name: input.name, email: input.email, inviteUrl });
        else
          // They already have a password (another programme): no link needed, they can sign in now.
          notifications.show({
            color: 'green',
            title: `${input.name} added`,
            message: 'They already have a Baton account, so they can sign in and see this programme now.',
          });
      },
      onError: (error) => {
        setProblems(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  const role = form.values.role;
  return (
    <Modal opened={opened} onClose={onClose} title="Invite someone to this programme" size="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            invite.mutate(ZInviteInput.parse(toInput(values)));
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          <FormErrors messages={problems} />
          <TextInput label="Full name" autoComplete="off" required {...form.getInputProps('name')} />
          <TextInput
            label="Email address"
            type="email"
            autoComplete="off"
            required
            {...form.getInputProps('email')}
          />
          {organisations.isError && <Text c="red.9">{errorMessage(organisations.error)}</Text>}
          <Select
            label="Organisation"
            description="The organisation they work for. Not listed? Add it on the Organisations page first."
            data={(organisations.data ?? []).map((o) => ({
              value: o.id,
              label: `${o.name} (${o.shortName})`,
            }))}
            searchable
            nothingFoundMessage="No organisation matches"
            required
            disabled={organisations.isPending}
            {...form.getInputProps('organisationId')}
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS}
            required
            description={
              role ? membershipRoleDescription(role) : 'What they may see and do in this programme.'
            }
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {option.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {membershipRoleDescription(option.value)}
                </Text>
              </Stack>
            )}
            {...form.getInputProps('role')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Create invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
