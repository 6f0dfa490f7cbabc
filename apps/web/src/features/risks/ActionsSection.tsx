import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconRefreshAlert } from '@tabler/icons-react';
import { ACTION_STATUS_LABELS, ZActionFields, type TActionStatus, type TExpectedEffect } from '@baton/domain';
import { DateField } from '../../components/DateField';
import { FormErrors } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { applyServerErrors, isConflict } from '../../lib/errors';
import { formatDateShort } from '../../lib/format';
import { optionsOf } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { focusFirstInvalid, zodValidate } from '../../lib/zodForm';
import { OverdueBadge } from './RiskVisuals';
import { notify } from './notify';
import { useRefreshRisks } from './useRiskMutations';
import type { Option } from './useRiskPeople';
import type { MitigationAction, Risk } from './types';

export const EXPECTED_EFFECT_LABELS: Record<TExpectedEffect, string> = {
  likelihood: 'Reduces likelihood',
  consequence: 'Reduces consequence',
  both: 'Reduces likelihood and consequence',
};

const STATUS_COLOURS: Record<TActionStatus, string> = {
  not_started: '#425563',
  in_progress: '#005EB8',
  done: '#006747',
  cancelled: '#4c6272',
};

interface ActionValues {
  description: string;
  ownerUserId: string | null;
  organisationId: string | null;
  dueDate: string | null;
  status: string;
  expectedEffect: string;
  evidence: string;
  completedOn: string | null;
  taskId: string | null;
}

const toFields = (v: ActionValues) => ({
  description: v.description,
  ownerUserId: v.ownerUserId || null,
  organisationId: v.organisationId ?? '',
  dueDate: v.dueDate ?? '',
  status: v.status as TActionStatus,
  expectedEffect: v.expectedEffect as TExpectedEffect,
  evidence: v.evidence,
  completedOn: v.status === 'done' ? v.completedOn || null : null,
  taskId: v.taskId || null,
});
const schemaErrors = zodValidate(ZActionFields, toFields);

function valuesOf(a: MitigationAction | null, defaultOrganisation: string | null): ActionValues {
  return a
    ? {
        description: a.description,
        ownerUserId: a.owner?.id ?? null,
        organisationId: a.organisation.id,
        dueDate: a.dueDate,
        status: a.status,
        expectedEffect: a.expectedEffect,
        evidence: a.evidence,
        completedOn: a.completedOn,
        taskId: a.task?.id ?? null,
      }
    : {
        description: '',
        ownerUserId: null,
        organisationId: defaultOrganisation,
        dueDate: null,
        status: 'not_started',
        expectedEffect: 'likelihood',
        evidence: '',
        completedOn: null,
        taskId: null,
      };
}

/** Add a mitigation action to the risk, or change one (naming the version it was read at). */
function ActionFormModal({
  risk,
  action,
  opened,
  onClose,
  owners,
  organisations,
}: {
  risk: Risk;
  action: MitigationAction | null;
  opened: boolean;
  onClose: () => void;
  owners: Option[];
  organisations: Option[];
}) {
  const trpc = useTRPC();
  const refresh = useRefreshRisks();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const defaultOrganisation = organisations.length === 1 ? organisations[0]!.value : null;
  const form = useForm<ActionValues>({
    initialValues: valuesOf(action, defaultOrganisation),
    validate: (v) => ({
      ...schemaErrors(v),
      ...(v.organisationId ? {} : { organisationId: 'Choose the organisation doing this' }),
      ...(v.dueDate ? {} : { dueDate: 'Enter the date it is due' }),
    }),
  });

  useEffect(() => {
    if (!opened) return;
    const v = valuesOf(action, defaultOrganisation);
    form.setValues(v);
    form.resetDirty(v);
    form.clearErrors();
    setProblems([]);
    setConflict(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when opened
  }, [opened]);

  const onError = async (error: unknown) => {
    if (isConflict(error)) {
      await refresh();
      setConflict(true);
      return;
    }
    setProblems(applyServerErrors(form, error));
    focusFirstInvalid(formRef.current);
  };
  const onSaved = async (message: string) => {
    await refresh();
    notify({ color: 'green', title: message, message: risk.reference });
    onClose();
  };
  const add = useMutation(
    trpc.risk.addAction.mutationOptions({ onSuccess: () => onSaved('Action added'), onError }),
  );
  const update = useMutation(
    trpc.risk.updateAction.mutationOptions({ onSuccess: () => onSaved('Action saved'), onError }),
  );

  const tasks = useQuery({
    ...trpc.transition.taskOptions.queryOptions({ programmeId: risk.programmeId }),
    enabled: opened,
  });
  const taskOptions = (tasks.data ?? []).map((t) => ({
    value: t.id,
    label: `${t.title} (${t.transferName})`,
  }));

  const orgOptions =
    action && !organisations.some((o) => o.value === action.organisation.id)
      ? [...organisations, { value: action.organisation.id, label: action.organisation.name }]
      : organisations;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={action ? `Edit action on ${risk.reference}` : `Add an action to ${risk.reference}`}
      size="lg"
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (v) => {
            setProblems([]);
            setConflict(false);
            const fields = toFields(v);
            if (action)
              // Every field, including the linked plan task: the update schema fills omitted ones with defaults.
              update.mutate({
                ...fields,
                programmeId: risk.programmeId,
                actionId: action.id,
                version: action.version,
              });
            else add.mutate({ ...fields, programmeId: risk.programmeId, riskId: risk.id });
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          {conflict && (
            <Alert role="alert" color="orange" variant="light" icon={<IconRefreshAlert aria-hidden />}>
              Someone else changed this action while you were editing; the latest is now shown in the list.
              Close this and edit it again.
            </Alert>
          )}
          <FormErrors messages={problems} />
          <Textarea label="Action" required autosize minRows={2} {...form.getInputProps('description')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Organisation"
              required
              data={orgOptions}
              searchable
              allowDeselect={false}
              {...form.getInputProps('organisationId')}
            />
            <Select
              label="Owner"
              data={owners}
              searchable
              clearable
              placeholder="Unassigned"
              {...form.getInputProps('ownerUserId')}
            />
            <DateField label="Due" required {...form.getInputProps('dueDate')} />
            <Select
              label="Status"
              data={optionsOf(ACTION_STATUS_LABELS)}
              allowDeselect={false}
              {...form.getInputProps('status')}
            />
            <Select
              label="Expected effect"
              data={optionsOf(EXPECTED_EFFECT_LABELS)}
              allowDeselect={false}
              {...form.getInputProps('expectedEffect')}
            />
            {form.getValues().status === 'done' && (
              <DateField
                label="Completed on"
                description="Left empty, today"
                clearable
                {...form.getInputProps('completedOn')}
              />
            )}
          </SimpleGrid>
          <Select
            label="Delivered by plan task"
            description="A mitigation can be a task in a transfer's plan"
            data={taskOptions}
            searchable
            clearable
            limit={50}
            placeholder="Not part of the plan"
            nothingFoundMessage="No task matches"
            {...form.getInputProps('taskId')}
          />
          <Textarea
            label="Evidence"
            description="What shows it is done or progressing (a document, a minute, a date)"
            autosize
            minRows={2}
            {...form.getInputProps('evidence')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending || update.isPending}>
              {action ? 'Save action' : 'Add action'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The risk's mitigation actions. Whoever may change the risk may add and change any of its actions; a
 * member of another organisation may change the actions their own organisation carries.
 */
export function ActionsSection({
  risk,
  actions,
  canEditRisk,
  canEditFor,
  owners,
  organisations,
  ownOrganisations,
}: {
  risk: Risk;
  actions: readonly MitigationAction[];
  canEditRisk: boolean;
  canEditFor: (organisationId: string) => boolean;
  owners: Option[];
  organisations: Option[];
  ownOrganisations: Option[];
}) {
  const [editing, setEditing] = useState<{ action: MitigationAction | null } | null>(null);
  const editable = (a: MitigationAction) => canEditRisk || canEditFor(a.organisation.id);
  const anyEditable = actions.some(editable);
  const open = actions.filter((a) => a.status === 'not_started' || a.status === 'in_progress').length;
  const overdue = actions.filter((a) => a.overdue).length;

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {actions.length === 0
            ? 'No mitigation actions yet.'
            : `${open} open${overdue ? `, ${overdue} overdue` : ''}, ${actions.length} in all.`}
        </Text>
        {canEditRisk && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditing({ action: null })}
          >
            Add action
          </Button>
        )}
      </Group>
      {actions.length > 0 && (
        <TableScroll label="Mitigation actions" minWidth={600}>
          <Table verticalSpacing={6} horizontalSpacing="sm" fz="sm" striped layout="fixed">
            <Table.Caption className="visually-hidden">Mitigation actions for {risk.reference}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Action and evidence</Table.Th>
                <Table.Th scope="col" w={150}>
                  Owner
                </Table.Th>
                <Table.Th scope="col" w={112}>
                  Status
                </Table.Th>
                <Table.Th scope="col" w={112}>
                  Due
                </Table.Th>
                {anyEditable && (
                  <Table.Th scope="col" w={70}>
                    <span className="visually-hidden">Edit</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {actions.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text size="sm">{a.description}</Text>
                    <Text size="xs" c="dimmed">
                      {EXPECTED_EFFECT_LABELS[a.expectedEffect]}
                      {a.task ? ` · Plan task: ${a.task.title}` : ''}
                    </Text>
                    {a.evidence && (
                      <Text size="xs" mt={2} style={{ whiteSpace: 'pre-line' }}>
                        <Text span size="xs" fw={700}>
                          Evidence:
                        </Text>{' '}
                        {a.evidence}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {a.owner?.name ?? (
                      <Text span size="sm" c="dimmed">
                        Unassigned
                      </Text>
                    )}
                    <Text size="xs" c="dimmed" title={a.organisation.name}>
                      {a.organisation.shortName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="outline"
                      color={STATUS_COLOURS[a.status]}
                      radius="sm"
                      size="sm"
                      tt="none"
                      style={{ overflow: 'visible' }}
                    >
                      {ACTION_STATUS_LABELS[a.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        <time dateTime={a.dueDate}>{formatDateShort(a.dueDate)}</time>
                      </Text>
                      {a.overdue && <OverdueBadge />}
                      {a.completedOn && (
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          Done {formatDateShort(a.completedOn)}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  {anyEditable && (
                    <Table.Td>
                      {editable(a) && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          leftSection={<IconPencil size={12} aria-hidden />}
                          onClick={() => setEditing({ action: a })}
                        >
                          Edit<span className="visually-hidden">: {a.description}</span>
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <ActionFormModal
        risk={risk}
        action={editing?.action ?? null}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        owners={owners}
        organisations={canEditRisk ? organisations : ownOrganisations}
      />
    </Stack>
  );
}
