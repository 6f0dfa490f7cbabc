import {
  Box,
  Fieldset,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  ESCALATION_TIER_LABELS,
  PROXIMITY_LABELS,
  RISK_STATUS_LABELS,
  WORKSTREAM_LABELS,
  ZRiskFields,
} from '@baton/domain';
import { DateField } from '../../components/DateField';
import { errorCode, errorMessage, fieldErrorsOf, formErrorsOf } from '../../lib/errors';
import { optionsOf } from '../../lib/labels';
import { zodValidate } from '../../lib/zodForm';
import { CONSEQUENCE_OPTIONS, LIKELIHOOD_OPTIONS, consequenceLabel, likelihoodLabel } from './riskMatrix';
import { ScoreChip } from './RiskVisuals';
import type { Option } from './useRiskPeople';
import type { Risk, RiskBand, RiskMatrix } from './types';

type Level = 1 | 2 | 3 | 4 | 5;

interface AssessmentValues {
  consequence: string | null;
  likelihood: string | null;
}

/** What the risk form holds: the inputs' own types (selects give strings), converted on submit. */
export interface RiskFormValues {
  title: string;
  cause: string;
  event: string;
  effect: string;
  categoryKey: string | null;
  workstream: string | null;
  lotIds: string[];
  ownerUserId: string | null;
  owningOrganisationId: string | null;
  affectedOrganisationIds: string[];
  controls: string;
  gaps: string;
  status: string;
  initial: AssessmentValues;
  current: AssessmentValues;
  target: AssessmentValues;
  targetDate: string | null;
  proximity: string | null;
  escalationTier: string;
}

const emptyAssessment: AssessmentValues = { consequence: null, likelihood: null };

export function emptyRiskValues(defaults: { owningOrganisationId: string | null }): RiskFormValues {
  return {
    title: '',
    cause: '',
    event: '',
    effect: '',
    categoryKey: null,
    workstream: null,
    lotIds: [],
    ownerUserId: null,
    owningOrganisationId: defaults.owningOrganisationId,
    affectedOrganisationIds: [],
    controls: '',
    gaps: '',
    status: 'open',
    initial: emptyAssessment,
    current: emptyAssessment,
    target: emptyAssessment,
    targetDate: null,
    proximity: null,
    escalationTier: 'programme',
  };
}

const assessmentValues = (a: { consequence: number; likelihood: number }): AssessmentValues => ({
  consequence: String(a.consequence),
  likelihood: String(a.likelihood),
});

export function valuesFromRisk(r: Risk): RiskFormValues {
  return {
    title: r.title,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    categoryKey: r.categoryKey,
    workstream: r.workstream,
    lotIds: r.lotIds,
    ownerUserId: r.owner?.id ?? null,
    owningOrganisationId: r.owningOrganisation.id,
    affectedOrganisationIds: r.affectedOrganisationIds,
    controls: r.controls,
    gaps: r.gaps,
    status: r.status,
    initial: assessmentValues(r.initial),
    current: assessmentValues(r.current),
    target: assessmentValues(r.target),
    targetDate: r.targetDate,
    proximity: r.proximity,
    escalationTier: r.escalationTier,
  };
}

const level = (v: string | null) => (v ? (Number(v) as Level) : (undefined as unknown as Level));
const toAssessment = (a: AssessmentValues) => ({
  consequence: level(a.consequence),
  likelihood: level(a.likelihood),
});

/** The form's values as the API's risk fields (before the domain schema parses them). */
export function toRiskFields(v: RiskFormValues) {
  return {
    title: v.title,
    cause: v.cause,
    event: v.event,
    effect: v.effect,
    categoryKey: v.categoryKey ?? '',
    workstream: (v.workstream || null) as keyof typeof WORKSTREAM_LABELS | null,
    lotIds: v.lotIds,
    ownerUserId: v.ownerUserId || null,
    owningOrganisationId: v.owningOrganisationId ?? '',
    affectedOrganisationIds: v.affectedOrganisationIds,
    controls: v.controls,
    gaps: v.gaps,
    status: v.status as keyof typeof RISK_STATUS_LABELS,
    initial: toAssessment(v.initial),
    current: toAssessment(v.current),
    target: toAssessment(v.target),
    targetDate: v.targetDate || null,
    proximity: (v.proximity || null) as keyof typeof PROXIMITY_LABELS | null,
    escalationTier: v.escalationTier as keyof typeof ESCALATION_TIER_LABELS,
  };
}

const schemaErrors = zodValidate(ZRiskFields, toRiskFields);

/** The domain schema's messages, with plainer words where a choice is simply missing. */
export function validateRisk(values: RiskFormValues): Record<string, string> {
  const errors = schemaErrors(values);
  if (!values.categoryKey) errors.categoryKey = 'Choose a category';
  if (!values.owningOrganisationId)
    errors.owningOrganisationId = 'Choose the organisation that owns the risk';
  for (const stage of ['initial', 'current', 'target'] as const) {
    if (!values[stage].consequence) errors[`${stage}.consequence`] = 'Choose a consequence';
    if (!values[stage].likelihood) errors[`${stage}.likelihood`] = 'Choose a likelihood';
  }
  return errors;
}

/**
 * Put the server's field errors beside the fields (including nested ones, "current.likelihood"); the rest
 * come back as messages for the alert above the form, led by the server's own explanation.
 */
export function applyRiskServerErrors(form: UseFormReturnType<RiskFormValues>, error: unknown): string[] {
  const fields = new Set(Object.keys(form.getValues()));
  const onForm: Record<string, string> = {};
  const elsewhere: string[] = [...formErrorsOf(error)];
  for (const [field, message] of Object.entries(fieldErrorsOf(error))) {
    if (fields.has(field.split('.')[0]!)) onForm[field] = message;
    else elsewhere.push(message);
  }
  form.setErrors(onForm);
  const lead = errorCode(error) === 'BAD_REQUEST' ? (error as Error).message : errorMessage(error);
  return [...new Set([lead, ...elsewhere])];
}

function levelOption(
  { option }: { option: { value: string; label: string } },
  descriptors: typeof CONSEQUENCE_OPTIONS,
) {
  const d = descriptors.find((o) => o.value === option.value);
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {option.label}
      </Text>
      <Text size="xs" c="dimmed">
        {d?.description}
      </Text>
    </Stack>
  );
}

/** One assessment: consequence and likelihood, each with its label and descriptor, and the score they make. */
export function AssessmentFields({
  form,
  stage,
  legend,
  bands,
}: {
  form: UseFormReturnType<RiskFormValues>;
  stage: 'initial' | 'current' | 'target';
  legend: string;
  bands: readonly RiskBand[];
}) {
  const { consequence, likelihood } = form.getValues()[stage];
  const c = consequence ? Number(consequence) : null;
  const l = likelihood ? Number(likelihood) : null;
  return (
    <Fieldset legend={legend} variant="filled" p="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Select
          label="Consequence"
          data={CONSEQUENCE_OPTIONS}
          description={c ? CONSEQUENCE_OPTIONS[c - 1]!.description : 'How bad it would be'}
          renderOption={(o) => levelOption(o, CONSEQUENCE_OPTIONS)}
          allowDeselect={false}
          required
          {...form.getInputProps(`${stage}.consequence`)}
        />
        <Select
          label="Likelihood"
          data={LIKELIHOOD_OPTIONS}
          description={l ? LIKELIHOOD_OPTIONS[l - 1]!.description : 'How likely it is to happen'}
          renderOption={(o) => levelOption(o, LIKELIHOOD_OPTIONS)}
          allowDeselect={false}
          required
          {...form.getInputProps(`${stage}.likelihood`)}
        />
      </SimpleGrid>
      <Group gap="xs" mt="xs" aria-live="polite">
        <Text size="sm">Score</Text>
        {c && l ? (
          <>
            <ScoreChip consequence={c} likelihood={l} score={c * l} bands={bands} withLabel />
            <Text size="xs" c="dimmed">
              {consequenceLabel(c)} × {likelihoodLabel(l)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Choose both to see the score
          </Text>
        )}
      </Group>
    </Fieldset>
  );
}

/** Every field of a risk (ZRiskFields), grouped as a register reads: the risk, who owns it, its scores, controls. */
export function RiskFormFields({
  form,
  matrix,
  owners,
  organisations,
  ownableOrganisations,
  lots,
  limitedToOwnOrganisation,
}: {
  form: UseFormReturnType<RiskFormValues>;
  matrix: RiskMatrix;
  owners: Option[];
  organisations: Option[];
  ownableOrganisations: Option[];
  lots: Option[];
  limitedToOwnOrganisation: boolean;
}) {
  const categoryKey = form.getValues().categoryKey;
  const category = matrix.categories.find((c) => c.key === categoryKey);
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Text fw={700} size="sm" tt="uppercase" c="dimmed" component="h3" m={0}>
          The risk
        </Text>
        <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
        <Textarea
          label="Cause"
          description="Because of… (the situation that gives rise to the risk)"
          autosize
          minRows={2}
          {...form.getInputProps('cause')}
        />
        <Textarea
          label="Event"
          description="…this may happen (the risk itself)"
          autosize
          minRows={2}
          required
          {...form.getInputProps('event')}
        />
        <Textarea
          label="Effect"
          description="…leading to (the impact if it does)"
          autosize
          minRows={2}
          {...form.getInputProps('effect')}
        />
      </Stack>

      <Stack gap="sm">
        <Text fw={700} size="sm" tt="uppercase" c="dimmed" component="h3" m={0}>
          Classification and ownership
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Category"
            required
            data={matrix.categories.map((c) => ({ value: c.key, label: c.label }))}
            description={category ? `Tolerance: target score up to ${category.tolerance}` : undefined}
            searchable
            {...form.getInputProps('categoryKey')}
          />
          <Select
            label="Workstream"
            data={optionsOf(WORKSTREAM_LABELS)}
            clearable
            placeholder="None"
            {...form.getInputProps('workstream')}
          />
          <Select
            label="Status"
            data={optionsOf(RISK_STATUS_LABELS)}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
          <Select
            label="Proximity"
            description="How soon it could happen"
            data={optionsOf(PROXIMITY_LABELS)}
            clearable
            placeholder="Not set"
            {...form.getInputProps('proximity')}
          />
          <Select
            label="Owner"
            data={owners}
            searchable
            clearable
            placeholder="Unassigned"
            nothingFoundMessage="No member matches"
            {...form.getInputProps('ownerUserId')}
          />
          <Select
            label="Owning organisation"
            required
            data={ownableOrganisations}
            description={
              limitedToOwnOrganisation
                ? 'You can only raise and change risks for your own organisation.'
                : undefined
            }
            searchable
            allowDeselect={false}
            {...form.getInputProps('owningOrganisationId')}
          />
          <MultiSelect
            label="Affected organisations"
            data={organisations}
            searchable
            placeholder={form.getValues().affectedOrganisationIds.length ? undefined : 'None'}
            {...form.getInputProps('affectedOrganisationIds')}
          />
          <MultiSelect
            label="Lots"
            data={lots}
            placeholder={form.getValues().lotIds.length ? undefined : 'None'}
            {...form.getInputProps('lotIds')}
          />
          <Select
            label="Escalation tier"
            description="Which register it is reported to when escalated"
            data={optionsOf(ESCALATION_TIER_LABELS)}
            allowDeselect={false}
            {...form.getInputProps('escalationTier')}
          />
        </SimpleGrid>
      </Stack>

      <Stack gap="sm">
        <Text fw={700} size="sm" tt="uppercase" c="dimmed" component="h3" m={0}>
          Assessment
        </Text>
        <AssessmentFields
          form={form}
          stage="initial"
          legend="Initial (before controls)"
          bands={matrix.bands}
        />
        <AssessmentFields form={form} stage="current" legend="Current (with controls)" bands={matrix.bands} />
        <AssessmentFields
          form={form}
          stage="target"
          legend="Target (after mitigation)"
          bands={matrix.bands}
        />
        <Box maw={280}>
          <DateField label="Target date" clearable {...form.getInputProps('targetDate')} />
        </Box>
      </Stack>

      <Stack gap="sm">
        <Text fw={700} size="sm" tt="uppercase" c="dimmed" component="h3" m={0}>
          Controls
        </Text>
        <Textarea
          label="Controls"
          description="What is already in place"
          autosize
          minRows={2}
          {...form.getInputProps('controls')}
        />
        <Textarea
          label="Gaps in control"
          description="What is missing or not working"
          autosize
          minRows={2}
          {...form.getInputProps('gaps')}
        />
      </Stack>
    </Stack>
  );
}
