import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notify } from './notify';
import { ZTransferFields, type TPartyRole } from '@baton/domain';
import { DateField } from '../../components/DateField';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors } from '../../lib/errors';
import { useTRPC, type Lot, type Party } from '../../lib/trpc';
import { focusFirstInvalid, zodValidate } from '../../lib/zodForm';

interface TransferFormValues {
  name: string;
  lotId: string | null;
  outgoingOrganisationId: string | null;
  incomingOrganisationId: string | null;
  services: string;
  plannedTransferDate: string | null;
  proposedRedundancies: number | string;
  firstDismissalDate: string | null;
  legacyAccessDays: number | string;
  applyTemplate: boolean;
}

const initialValues = (plannedTransferDate: string | null): TransferFormValues => ({
  name: '',
  lotId: null,
  outgoingOrganisationId: null,
  incomingOrganisationId: null,
  services: '',
  plannedTransferDate,
  proposedRedundancies: 0,
  firstDismissalDate: null,
  legacyAccessDays: 90,
  applyTemplate: true,
});

const toFields = (v: TransferFormValues) => ({
  name: v.name,
  lotId: v.lotId ?? '',
  outgoingOrganisationId: v.outgoingOrganisationId ?? '',
  incomingOrganisationId: v.incomingOrganisationId ?? '',
  services: v.services,
  plannedTransferDate: v.plannedTransferDate ?? '',
  status: 'planning' as const,
  proposedRedundancies: v.proposedRedundancies === '' ? 0 : Number(v.proposedRedundancies),
  firstDismissalDate: v.firstDismissalDate || null,
  legacyAccessDays: v.legacyAccessDays === '' ? 90 : Number(v.legacyAccessDays),
});

const schemaErrors = zodValidate(ZTransferFields, toFields);

function validate(values: TransferFormValues): Record<string, string> {
  const errors = schemaErrors(values);
  if (!values.lotId) errors.lotId = 'Choose the lot';
  if (!values.outgoingOrganisationId) errors.outgoingOrganisationId = 'Choose the outgoing provider';
  if (!values.incomingOrganisationId) errors.incomingOrganisationId = 'Choose the incoming provider';
  if (!values.plannedTransferDate) errors.plannedTransferDate = 'Enter the planned transfer date';
  return errors;
}

type Option = { value: string; label: string };

/** The programme's organisations, those in `role` for the chosen lot first: the usual choice, but not the only one. */
function organisationOptions(parties: Party[], role: TPartyRole, lotId: string | null, heading: string) {
  const byId = new Map<string, Party['organisation']>();
  for (const p of parties) byId.set(p.organisation.id, p.organisation);
  const likely = new Set(
    parties
      .filter((p) => p.role === role && (lotId === null || p.lotId === null || p.lotId === lotId))
      .map((p) => p.organisation.id),
  );
  const toOption = (o: Party['organisation']): Option => ({ value: o.id, label: o.name });
  const sorted = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  return [
    { group: heading, items: sorted.filter((o) => likely.has(o.id)).map(toOption) },
    {
      group: 'Other organisations in this programme',
      items: sorted.filter((o) => !likely.has(o.id)).map(toOption),
    },
  ].filter((g) => g.items.length > 0);
}

/** Adds a transfer (one lot, one outgoing and one incoming provider), with the standard plan unless unticked. */
export function NewTransferModal({
  programmeId,
  lots,
  parties,
  defaultTransferDate,
  opened,
  onClose,
}: {
  programmeId: string;
  lots: Lot[];
  parties: Party[];
  defaultTransferDate: string | null;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm<TransferFormValues>({ initialValues: initialValues(defaultTransferDate), validate });

  useEffect(() => {
    if (!opened) return;
    form.setValues(initialValues(defaultTransferDate));
    form.clearErrors();
    setProblems([]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start afresh each time it opens
  }, [opened]);

  const create = useMutation(
    trpc.transition.createTransfer.mutationOptions({
      onSuccess: async ({ transfer, tasksCreated }) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.transition.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
        notify({
          color: 'green',
          title: 'Transfer created',
          message: tasksCreated
            ? `${transfer.name}, with the standard plan (${tasksCreated} tasks).`
            : `${transfer.name}, with an empty plan.`,
        });
        onClose();
      },
      onError: (error) => {
        setProblems(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  const { lotId } = form.values;
  const onLotChange = (value: string | null) => {
    form.setFieldValue('lotId', value);
    // The usual handover for that lot, when there is just one candidate on each side.
    const only = (role: TPartyRole) => {
      const ids = new Set(
        parties
          .filter((p) => p.role === role && (p.lotId === null || p.lotId === value))
          .map((p) => p.organisation.id),
      );
      return ids.size === 1 ? [...ids][0]! : null;
    };
    if (!form.values.outgoingOrganisationId)
      form.setFieldValue('outgoingOrganisationId', only('outgoing_provider'));
    if (!form.values.incomingOrganisationId)
      form.setFieldValue('incomingOrganisationId', only('incoming_provider'));
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New transfer" size="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            create.mutate({ programmeId, applyTemplate: values.applyTemplate, ...toFields(values) });
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          <FormErrors messages={problems} />
          <TextInput
            label="Name"
            description="e.g. Lot 1 community nursing: Wyebridge to Kingsmead"
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label="Lot"
            required
            data={lots.map((l) => ({ value: l.id, label: `${l.code}: ${l.name}` }))}
            searchable
            nothingFoundMessage="No lot matches"
            {...form.getInputProps('lotId')}
            onChange={onLotChange}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Outgoing provider"
              required
              searchable
              data={organisationOptions(parties, 'outgoing_provider', lotId, 'Outgoing providers')}
              nothingFoundMessage="No organisation matches"
              {...form.getInputProps('outgoingOrganisationId')}
            />
            <Select
              label="Incoming provider"
              required
              searchable
              data={organisationOptions(parties, 'incoming_provider', lotId, 'Incoming providers')}
              nothingFoundMessage="No organisation matches"
              {...form.getInputProps('incomingOrganisationId')}
            />
          </SimpleGrid>
          <Textarea
            label="Services"
            description="What moves: services, teams, sites"
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('services')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              label="Planned transfer date"
              description="The service commencement date"
              required
              {...form.getInputProps('plannedTransferDate')}
            />
            <NumberInput
              label="Legacy system access (days)"
              description="Read-only access after go-live"
              min={0}
              max={3650}
              allowDecimal={false}
              {...form.getInputProps('legacyAccessDays')}
            />
            <NumberInput
              label="Proposed redundancies"
              description="At one establishment, by the incoming employer"
              min={0}
              max={100000}
              allowDecimal={false}
              {...form.getInputProps('proposedRedundancies')}
            />
            <DateField
              label="First dismissal date"
              description="Needed for 20 or more (TULRCA s.188)"
              clearable
              {...form.getInputProps('firstDismissalDate')}
            />
          </SimpleGrid>
          <Checkbox
            label="Apply the standard plan"
            description="Adds the standard transfer tasks, dated back from the transfer date, with their dependencies and statutory deadlines"
            {...form.getInputProps('applyTemplate', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create transfer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
