import { NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  isAllowedStageChange,
  PROCUREMENT_ROUTE_LABELS,
  PROGRAMME_STAGE_LABELS,
  PROGRAMME_STAGES,
  ZCreateProgrammeInput,
  type TProgrammeStage,
} from '@baton/domain';
import { DateField } from '../../components/DateField';
import { formatMoneyShort, formatTerm } from '../../lib/format';
import { optionsOf } from '../../lib/labels';
import type { OverviewProgramme } from '../../lib/trpc';
import { zodValidate } from '../../lib/zodForm';

/** What the programme form holds: inputs' own types (empty number inputs are ''), converted on submit. */
export interface ProgrammeFormValues {
  name: string;
  code: string;
  description: string;
  procurementRoute: string | null;
  stage: string | null;
  contractValueGbp: number | string;
  contractTermMonths: number | string;
  expectedServiceCommencement: string | null;
  intentionToAwardDate: string | null;
  contractAwardDate: string | null;
  longstopDate: string | null;
}

export const emptyProgrammeValues: ProgrammeFormValues = {
  name: '',
  code: '',
  description: '',
  procurementRoute: null,
  stage: 'pre_procurement',
  contractValueGbp: '',
  contractTermMonths: '',
  expectedServiceCommencement: null,
  intentionToAwardDate: null,
  contractAwardDate: null,
  longstopDate: null,
};

export function valuesFromProgramme(p: OverviewProgramme): ProgrammeFormValues {
  return {
    name: p.name,
    code: p.code,
    description: p.description ?? '',
    procurementRoute: p.procurementRoute,
    stage: p.stage,
    contractValueGbp: p.contractValueGbp ?? '',
    contractTermMonths: p.contractTermMonths ?? '',
    expectedServiceCommencement: p.expectedServiceCommencement,
    intentionToAwardDate: p.intentionToAwardDate ?? null,
    contractAwardDate: p.contractAwardDate ?? null,
    longstopDate: p.longstopDate ?? null,
  };
}

const numberOrNull = (v: number | string) => (v === '' || v === null ? null : Number(v));

/** The form's values as the API's programme fields (before the zod schema parses them). */
export function toProgrammeFields(v: ProgrammeFormValues) {
  return {
    name: v.name,
    code: v.code.toUpperCase(),
    description: v.description,
    procurementRoute: v.procurementRoute ?? undefined,
    stage: v.stage ?? undefined,
    contractValueGbp: numberOrNull(v.contractValueGbp),
    contractTermMonths: numberOrNull(v.contractTermMonths),
    expectedServiceCommencement: v.expectedServiceCommencement ?? '',
    intentionToAwardDate: v.intentionToAwardDate || null,
    contractAwardDate: v.contractAwardDate || null,
    longstopDate: v.longstopDate || null,
  };
}

const schemaErrors = zodValidate(ZCreateProgrammeInput, toProgrammeFields);

/** The domain schema's messages, with plainer words where a choice or date is simply missing. */
export function validateProgramme(values: ProgrammeFormValues): Record<string, string> {
  const errors = schemaErrors(values);
  if (!values.procurementRoute) errors.procurementRoute = 'Choose the procurement route';
  if (!values.stage) errors.stage = 'Choose the stage';
  if (!values.expectedServiceCommencement)
    errors.expectedServiceCommencement = 'Enter the expected service commencement date';
  return errors;
}

export function ProgrammeFormFields({
  form,
  savedStage,
}: {
  form: UseFormReturnType<ProgrammeFormValues>;
  /** The stage as saved: the domain allows forward moves and one step back, so others are disabled. */
  savedStage?: string;
}) {
  const stageOptions = PROGRAMME_STAGES.map((stage) => ({
    value: stage,
    label: PROGRAMME_STAGE_LABELS[stage],
    disabled: savedStage ? !isAllowedStageChange(savedStage as TProgrammeStage, stage) : false,
  }));
  const value = form.values.contractValueGbp;
  const term = form.values.contractTermMonths;

  return (
    <Stack gap="md">
      <TextInput label="Programme name" required {...form.getInputProps('name')} />
      <TextInput
        label="Code"
        description="2 to 16 capital letters, digits or dashes, e.g. BNSSG-CS"
        required
        autoCapitalize="characters"
        {...form.getInputProps('code')}
      />
      <Textarea label="Description" autosize minRows={3} maxRows={8} {...form.getInputProps('description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Procurement route"
          data={optionsOf(PROCUREMENT_ROUTE_LABELS)}
          required
          allowDeselect={false}
          {...form.getInputProps('procurementRoute')}
        />
        <Select
          label="Stage"
          data={stageOptions}
          required
          allowDeselect={false}
          {...form.getInputProps('stage')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label="Contract value (£)"
          description={
            value === '' ? 'Whole contract, in pounds' : `Whole contract: ${formatMoneyShort(Number(value))}`
          }
          prefix="£"
          thousandSeparator=","
          allowNegative={false}
          decimalScale={0}
          hideControls
          {...form.getInputProps('contractValueGbp')}
        />
        <NumberInput
          label="Contract term (months)"
          description={term === '' ? 'Up to 240 months' : formatTerm(Number(term))}
          allowNegative={false}
          allowDecimal={false}
          min={1}
          max={240}
          {...form.getInputProps('contractTermMonths')}
        />
      </SimpleGrid>
      {savedStage && (
        <Text size="sm" c="dimmed" mt={-8}>
          Stages move forward, or back one step to correct a mistake.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label="Intention to award" clearable {...form.getInputProps('intentionToAwardDate')} />
        <DateField label="Contract award" clearable {...form.getInputProps('contractAwardDate')} />
        <DateField
          label="Expected service commencement"
          required
          {...form.getInputProps('expectedServiceCommencement')}
        />
        <DateField label="Longstop date" clearable {...form.getInputProps('longstopDate')} />
      </SimpleGrid>
    </Stack>
  );
}
