import { Checkbox, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  TASK_KINDS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  WORKSTREAM_LABELS,
  WORKSTREAMS,
  ZTaskFields,
  type TTaskKind,
  type TTaskStatus,
  type TWorkstream,
} from '@baton/domain';
import { DateField } from '../../components/DateField';
import type { Member } from '../../lib/trpc';
import { zodValidate } from '../../lib/zodForm';
import { TASK_KIND_LABELS } from './format';

// In its own module so a page can list the organisations without loading the form (and its date picker).
export { organisationOptionsOf } from './organisationOptions';

/** What the task form holds: inputs' own types (an empty number input is ''), converted on submit. */
export interface TaskFormValues {
  title: string;
  description: string;
  workstream: string | null;
  kind: string | null;
  owningOrganisationId: string | null;
  assigneeUserId: string | null;
  startDate: string | null;
  dueDate: string | null;
  status: string | null;
  percentComplete: number | string;
  evidence: string;
  conditionPrecedent: boolean;
  gateCriteria: string;
  gateCriteriaMet: boolean;
  actualStart: string | null;
  completedOn: string | null;
  optimisticDays: number | string;
  pessimisticDays: number | string;
}

export interface TaskFields {
  title: string;
  description: string;
  workstream: TWorkstream;
  kind: TTaskKind;
  owningOrganisationId: string;
  assigneeUserId: string | null;
  startDate: string;
  dueDate: string;
  status: TTaskStatus;
  percentComplete: number;
  evidence: string;
  conditionPrecedent: boolean;
  gateCriteria: string;
  gateCriteriaMet: boolean;
  actualStart: string | null;
  completedOn: string | null;
  optimisticDays: number | null;
  pessimisticDays: number | null;
}

/** The form's values as the API's task fields (the zod schema checks them before they are sent). */
export function toTaskFields(v: TaskFormValues): TaskFields {
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    workstream: (v.workstream ?? '') as TWorkstream,
    kind: (v.kind ?? 'task') as TTaskKind,
    owningOrganisationId: v.owningOrganisationId ?? '',
    assigneeUserId: v.assigneeUserId || null,
    startDate: v.startDate ?? '',
    dueDate: v.dueDate ?? '',
    status: (v.status ?? 'not_started') as TTaskStatus,
    percentComplete: v.percentComplete === '' ? 0 : Number(v.percentComplete),
    evidence: v.evidence.trim(),
    conditionPrecedent: v.conditionPrecedent,
    gateCriteria: v.gateCriteria.trim(),
    gateCriteriaMet: v.gateCriteriaMet,
    actualStart: v.actualStart || null,
    completedOn: v.completedOn || null,
    optimisticDays: v.optimisticDays === '' ? null : Number(v.optimisticDays),
    pessimisticDays: v.pessimisticDays === '' ? null : Number(v.pessimisticDays),
  };
}

const schemaErrors = zodValidate(ZTaskFields, toTaskFields);

export function validateTask(values: TaskFormValues): Record<string, string> {
  const errors = schemaErrors(values);
  if (!values.workstream) errors.workstream = 'Choose the workstream';
  if (!values.owningOrganisationId)
    errors.owningOrganisationId = 'Choose the organisation that owns this task';
  if (!values.startDate) errors.startDate = 'Enter the start date';
  if (!values.dueDate) errors.dueDate = 'Enter the due date';
  return errors;
}

export const STATUS_OPTIONS = TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }));
export const WORKSTREAM_OPTIONS = WORKSTREAMS.map((w) => ({ value: w, label: WORKSTREAM_LABELS[w] }));
const KIND_OPTIONS = TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }));

/** Members grouped by organisation, for an assignee picker. */
export function assigneeOptionsOf(members: Member[]) {
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  for (const m of members) {
    const items = groups.get(m.organisation.name) ?? [];
    items.push({ value: m.userId, label: m.status === 'invited' ? `${m.name} (invited)` : m.name });
    groups.set(m.organisation.name, items);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, items]) => ({ group, items }));
}

export function TaskFormFields({
  form,
  organisations,
  members,
  lockOrganisation,
}: {
  form: UseFormReturnType<TaskFormValues>;
  organisations: Array<{ value: string; label: string }>;
  members: Member[];
  /** Contributors own only their organisation's tasks: the owner is fixed. */
  lockOrganisation: boolean;
}) {
  const isGate = form.values.kind === 'gate';
  return (
    <Stack gap="md">
      <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label="Workstream" required data={WORKSTREAM_OPTIONS} {...form.getInputProps('workstream')} />
        <Select
          label="Kind"
          required
          data={KIND_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <Select
          label="Owning organisation"
          required
          data={organisations}
          searchable
          disabled={lockOrganisation}
          description={lockOrganisation ? 'You can only own tasks for your own organisation' : undefined}
          nothingFoundMessage="No organisation matches"
          {...form.getInputProps('owningOrganisationId')}
        />
        <Select
          label="Assignee"
          data={assigneeOptionsOf(members)}
          searchable
          clearable
          placeholder="Nobody yet"
          nothingFoundMessage="No member matches"
          {...form.getInputProps('assigneeUserId')}
        />
        <DateField label="Start date" required {...form.getInputProps('startDate')} />
        <DateField label="Due date" required {...form.getInputProps('dueDate')} />
        <Select
          label="Status"
          required
          data={STATUS_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <NumberInput
          label="Percent complete"
          min={0}
          max={100}
          allowDecimal={false}
          suffix="%"
          {...form.getInputProps('percentComplete')}
        />
        <DateField
          label="Actually started"
          description="Defaults to today when work starts; never in the future"
          clearable
          {...form.getInputProps('actualStart')}
        />
        <DateField
          label="Actually finished"
          description="Defaults to today when marked done: a condition met last Friday is met last Friday"
          clearable
          {...form.getInputProps('completedOn')}
        />
        <NumberInput
          label="Optimistic duration (days)"
          description="For go-live confidence; blank: 80% of the planned duration"
          min={0}
          max={3650}
          allowDecimal={false}
          {...form.getInputProps('optimisticDays')}
        />
        <NumberInput
          label="Pessimistic duration (days)"
          description="Blank: 150% of the planned duration"
          min={0}
          max={3650}
          allowDecimal={false}
          {...form.getInputProps('pessimisticDays')}
        />
      </SimpleGrid>
      <Textarea label="Description" autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
      <Textarea
        label="Evidence"
        description="What shows this is done: a document, a decision, a reference"
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('evidence')}
      />
      <Checkbox
        label="Condition precedent"
        description="Service commencement waits until this is met (NHS Standard Contract)"
        {...form.getInputProps('conditionPrecedent', { type: 'checkbox' })}
      />
      {(isGate || form.values.gateCriteria) && (
        <>
          <Textarea
            label="Gate criteria"
            description="What must be true to pass this go/no-go gate"
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('gateCriteria')}
          />
          <Checkbox
            label="Gate criteria met"
            {...form.getInputProps('gateCriteriaMet', { type: 'checkbox' })}
          />
        </>
      )}
    </Stack>
  );
}
