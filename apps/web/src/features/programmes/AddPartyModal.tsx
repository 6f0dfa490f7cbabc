import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { PARTY_ROLE_LABELS, ZAddPartyInput } from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, errorMessage } from '../../lib/errors';
import { optionsOf } from '../../lib/labels';
import { useTRPC, type Lot } from '../../lib/trpc';
import { focusFirstInvalid, zodValidate } from '../../lib/zodForm';

interface PartyFormValues {
  organisationId: string | null;
  role: string | null;
  lotId: string;
}

const WHOLE_PROGRAMME = 'whole';

export function AddPartyModal({
  programmeId,
  lots,
  opened,
  onClose,
}: {
  programmeId: string;
  lots: Lot[];
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const organisations = useQuery({ ...trpc.organisation.list.queryOptions(), enabled: opened });

  const toInput = (v: PartyFormValues) => ({
    programmeId,
    organisationId: v.organisationId ?? '',
    role: v.role ?? '',
    lotId: v.lotId === WHOLE_PROGRAMME ? null : v.lotId,
  });
  const schemaErrors = zodValidate(ZAddPartyInput, toInput);
  const form = useForm<PartyFormValues>({
    initialValues: { organisationId: null, role: null, lotId: WHOLE_PROGRAMME },
    validate: (v) => ({
      ...schemaErrors(v),
      ...(v.organisationId ? {} : { organisationId: 'Choose an organisation' }),
      ...(v.role ? {} : { role: 'Choose their role in the programme' }),
    }),
  });

  useEffect(() => {
    if (opened) {
      form.reset();
      setProblems([]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when opened
  }, [opened]);

  const add = useMutation(
    trpc.party.add.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.programme.overview.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
        notifications.show({
          color: 'green',
          title: 'Party added',
          message: 'The programme’s parties are updated.',
        });
        onClose();
      },
      onError: (error) => {
        setProblems(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={onClose} title="Add a party" size="md">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            add.mutate(ZAddPartyInput.parse(toInput(values)));
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          <FormErrors messages={problems} />
          {organisations.isError && <Text c="red.9">{errorMessage(organisations.error)}</Text>}
          <Select
            label="Organisation"
            description="Not listed? Add it on the Organisations page first."
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
          <Select label="Role" data={optionsOf(PARTY_ROLE_LABELS)} required {...form.getInputProps('role')} />
          <Select
            label="For"
            data={[
              { value: WHOLE_PROGRAMME, label: 'The whole programme' },
              ...lots.map((l) => ({ value: l.id, label: `${l.code}: ${l.name}` })),
            ]}
            allowDeselect={false}
            {...form.getInputProps('lotId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add party
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
