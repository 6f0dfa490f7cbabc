import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconRefreshAlert } from '@tabler/icons-react';
import {
  ASSURANCE_STATUS_LABELS,
  ASSURANCE_STATUSES,
  CQC_LOCATION_STATUS_LABELS,
  CQC_LOCATION_STATUSES,
  LANDLORD_CONSENT_LABELS,
  LANDLORD_CONSENTS,
  SYSTEM_ASSURANCE_LABELS,
  SYSTEM_ASSURANCES,
  type TAssuranceStatus,
  type TCqcLocationStatus,
  type TLandlordConsent,
} from '@baton/domain';
import { DateField } from '../../components/DateField';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, errorMessage, isConflict } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import { notify } from './notify';
import type { Registers, Site, StaffGroup, System } from './types';

/** Which register row is being edited. */
export type RegisterEditTarget =
  { kind: 'staffGroup'; row: StaffGroup } | { kind: 'site'; row: Site } | { kind: 'system'; row: System };

const CONFLICT_MESSAGE =
  'Someone else changed this row while you were editing; the latest values are now shown. Make your change again if it is still needed.';

const KIND_NAME: Record<RegisterEditTarget['kind'], string> = {
  staffGroup: 'staff group',
  site: 'site',
  system: 'system',
};

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

interface StaffValues {
  eliSentOn: string | null;
  eliCompleteOn: string | null;
  objectors: number | string;
  weeklyPayGbp: number | string;
  percentTimeOnService: number | string;
}
interface SiteValues {
  landlordConsent: string | null;
  cqcLocationStatus: string | null;
}
type SystemValues = Record<(typeof SYSTEM_ASSURANCES)[number], string | null>;
/** Only the edited row's fields are present (so server errors for other fields go in the alert). */
type Values = Partial<StaffValues & SiteValues & SystemValues>;

function valuesOf(target: RegisterEditTarget): Values {
  switch (target.kind) {
    case 'staffGroup':
      return {
        eliSentOn: target.row.eliSentOn,
        eliCompleteOn: target.row.eliCompleteOn,
        objectors: target.row.objectors,
        weeklyPayGbp: target.row.weeklyPayGbp ?? '',
        percentTimeOnService: target.row.percentTimeOnService ?? '',
      };
    case 'site':
      return { landlordConsent: target.row.landlordConsent, cqcLocationStatus: target.row.cqcLocationStatus };
    case 'system':
      return {
        dpiaStatus: target.row.dpiaStatus,
        dsaStatus: target.row.dsaStatus,
        dsptStatus: target.row.dsptStatus,
        safetyCaseStatus: target.row.safetyCaseStatus,
      };
  }
}

/** The same row in a fresh copy of the registers, or null when it has gone. */
function latestOf(target: RegisterEditTarget, data: Registers): RegisterEditTarget | null {
  switch (target.kind) {
    case 'staffGroup': {
      const row = data.staffGroups.find((r) => r.id === target.row.id);
      return row ? { kind: 'staffGroup', row } : null;
    }
    case 'site': {
      const row = data.sites.find((r) => r.id === target.row.id);
      return row ? { kind: 'site', row } : null;
    }
    case 'system': {
      const row = data.systems.find((r) => r.id === target.row.id);
      return row ? { kind: 'system', row } : null;
    }
  }
}

const nameOf = (t: RegisterEditTarget) => (t.kind === 'staffGroup' ? t.row.service : t.row.name);

/** Edits the few status fields of one register row, at the version it was read; a CONFLICT reloads the row. */
export function RegisterEditModal({
  programmeId,
  transferId,
  target,
  onClose,
}: {
  programmeId: string;
  transferId: string;
  target: RegisterEditTarget | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? `Edit ${KIND_NAME[target.kind]}: ${nameOf(target)}` : 'Edit'}
      size="md"
    >
      {target && (
        <EditForm
          key={`${target.kind}-${target.row.id}`}
          programmeId={programmeId}
          transferId={transferId}
          target={target}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function EditForm({
  programmeId,
  transferId,
  target,
  onClose,
}: {
  programmeId: string;
  transferId: string;
  target: RegisterEditTarget;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [base, setBase] = useState(target);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values>({ initialValues: valuesOf(target) });
  const listKey = trpc.registers.list.queryOptions({ programmeId, transferId });

  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey.queryKey });
  const onSuccess = async () => {
    await refresh();
    notify({ color: 'green', title: 'Saved', message: nameOf(base) });
    onClose();
  };
  const onError = async (error: unknown) => {
    if (isConflict(error)) {
      const fresh = await queryClient.fetchQuery({ ...listKey, staleTime: 0 });
      const latest = latestOf(base, fresh);
      if (!latest) {
        notify({ color: 'red', title: 'This row has gone', message: 'Someone else removed it.' });
        onClose();
        return;
      }
      form.setValues(valuesOf(latest));
      form.clearErrors();
      setBase(latest);
      setConflict(true);
      return;
    }
    const messages = applyServerErrors(form, error);
    setProblems(messages.length ? messages : [errorMessage(error)]);
    focusFirstInvalid(formRef.current);
  };

  const staff = useMutation(trpc.registers.updateStaffGroup.mutationOptions({ onSuccess, onError }));
  const site = useMutation(trpc.registers.updateSite.mutationOptions({ onSuccess, onError }));
  const system = useMutation(trpc.registers.updateSystem.mutationOptions({ onSuccess, onError }));
  const pending = staff.isPending || site.isPending || system.isPending;

  const submit = (values: Values) => {
    setProblems([]);
    setConflict(false);
    const { version, id } = base.row;
    if (base.kind === 'staffGroup') {
      const v = values;
      if (v.objectors === undefined || v.objectors === '' || Number.isNaN(Number(v.objectors))) {
        form.setFieldError('objectors', 'Enter the number of objectors (0 if none)');
        focusFirstInvalid(formRef.current);
        return;
      }
      staff.mutate({
        programmeId,
        staffGroupId: id,
        version,
        eliSentOn: v.eliSentOn || null,
        eliCompleteOn: v.eliCompleteOn || null,
        objectors: Number(v.objectors),
        weeklyPayGbp: v.weeklyPayGbp === '' || v.weeklyPayGbp === undefined ? null : Number(v.weeklyPayGbp),
        percentTimeOnService:
          v.percentTimeOnService === '' || v.percentTimeOnService === undefined
            ? null
            : Number(v.percentTimeOnService),
      });
    } else if (base.kind === 'site') {
      const v = values;
      site.mutate({
        programmeId,
        siteId: id,
        version,
        landlordConsent: (v.landlordConsent ?? base.row.landlordConsent) as TLandlordConsent,
        cqcLocationStatus: (v.cqcLocationStatus ?? base.row.cqcLocationStatus) as TCqcLocationStatus,
      });
    } else {
      const v = values;
      const row = base.row;
      const pick = (k: (typeof SYSTEM_ASSURANCES)[number]) => (v[k] ?? row[k]) as TAssuranceStatus;
      system.mutate({
        programmeId,
        systemId: id,
        version,
        dpiaStatus: pick('dpiaStatus'),
        dsaStatus: pick('dsaStatus'),
        dsptStatus: pick('dsptStatus'),
        safetyCaseStatus: pick('safetyCaseStatus'),
      });
    }
  };

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit(submit)}>
      <Stack>
        {conflict && (
          <Alert
            role="alert"
            color="orange"
            variant="light"
            icon={<IconRefreshAlert aria-hidden />}
            title="This row changed"
          >
            {CONFLICT_MESSAGE}
          </Alert>
        )}
        <FormErrors messages={problems} />
        {base.kind === 'staffGroup' && <StaffFields form={form} headcount={base.row.headcount} />}
        {base.kind === 'site' && <SiteFields form={form} />}
        {base.kind === 'system' && <SystemFields form={form} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function StaffFields({ form, headcount }: { form: UseFormReturnType<Values>; headcount: number }) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label="ELI sent on" clearable {...form.getInputProps('eliSentOn')} />
        <DateField label="ELI complete on" clearable {...form.getInputProps('eliCompleteOn')} />
      </SimpleGrid>
      <NumberInput
        label="Objectors"
        data-autofocus
        description={`Staff who object to transferring (of ${headcount})`}
        min={0}
        max={headcount}
        allowDecimal={false}
        allowNegative={false}
        {...form.getInputProps('objectors')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label="Average weekly pay (£)"
          description="Gross, per person; blank: the Agenda for Change midpoints of the bands"
          min={0}
          max={100000}
          decimalScale={2}
          prefix="£"
          {...form.getInputProps('weeklyPayGbp')}
        />
        <NumberInput
          label="Time on the service (%)"
          description="New Fair Deal needs more than 50%"
          min={0}
          max={100}
          allowDecimal={false}
          suffix="%"
          {...form.getInputProps('percentTimeOnService')}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        TUPE reg. 11: ELI is due at least 28 days before the transfer.
      </Text>
    </Stack>
  );
}

function SiteFields({ form }: { form: UseFormReturnType<Values> }) {
  return (
    <Stack gap="md">
      <Select
        label="Landlord consent"
        data={options(LANDLORD_CONSENTS, LANDLORD_CONSENT_LABELS)}
        allowDeselect={false}
        data-autofocus
        {...form.getInputProps('landlordConsent')}
      />
      <Select
        label="CQC location status"
        data={options(CQC_LOCATION_STATUSES, CQC_LOCATION_STATUS_LABELS)}
        allowDeselect={false}
        {...form.getInputProps('cqcLocationStatus')}
      />
    </Stack>
  );
}

const ASSURANCE_OPTIONS = options(ASSURANCE_STATUSES, ASSURANCE_STATUS_LABELS);

function SystemFields({ form }: { form: UseFormReturnType<Values> }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {SYSTEM_ASSURANCES.map((k, i) => (
        <Select
          key={k}
          label={SYSTEM_ASSURANCE_LABELS[k]}
          data={ASSURANCE_OPTIONS}
          allowDeselect={false}
          data-autofocus={i === 0 || undefined}
          {...form.getInputProps(k)}
        />
      ))}
    </SimpleGrid>
  );
}
