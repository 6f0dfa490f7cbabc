import { useId, useState, type ReactNode } from 'react';
import { Box, Button, Group, NumberInput, Popover, Select, Stack, Text } from '@mantine/core';
import { RISK_STATUSES, type TRiskStatus } from '@baton/domain';
import { consequenceLabel, likelihoodLabel } from './riskMatrix';
import { ScoreChip, shortStatusLabel } from './RiskVisuals';
import type { useQuickRiskUpdate } from './useRiskMutations';
import type { RiskBand, RiskListItem } from './types';

/*
 * The register's quick editors, loaded the first time someone opens one (see InlineEdit.tsx): a register page
 * shows three editable values on every row, and building a popover, a select and two number inputs for each,
 * up front, cost the first view of the table more than anything else on a row.
 */

type Save = ReturnType<typeof useQuickRiskUpdate>['save'];

/**
 * The editor's dialog, opened on mount beside its cell's value (the anchor fills the value's box): keeps focus
 * while open, closes on Escape or a click elsewhere.
 */
function EditPopover({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Popover
      opened
      onChange={(o) => !o && onClose()}
      trapFocus
      returnFocus={false}
      closeOnEscape
      position="bottom-start"
      shadow="md"
      withArrow
    >
      <Popover.Target>
        <span className="risk-inline-anchor-box" aria-hidden />
      </Popover.Target>
      <Popover.Dropdown aria-labelledby={titleId} p="sm">
        <Stack gap="xs" miw={220}>
          <Text size="sm" fw={700} id={titleId}>
            {title}
          </Text>
          {children}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function Actions({ onCancel, loading }: { onCancel: () => void; loading: boolean }) {
  return (
    <Group gap="xs" justify="flex-end">
      <Button size="compact-sm" variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button size="compact-sm" type="submit" loading={loading}>
        Save
      </Button>
    </Group>
  );
}

export function StatusEditor({
  risk,
  save,
  saving,
  onClose,
}: {
  risk: RiskListItem;
  save: Save;
  saving: boolean;
  onClose: () => void;
}) {
  const [value, setValue] = useState<string | null>(risk.status);
  const submit = (status: string | null) => {
    if (!status || status === risk.status) return onClose();
    save(risk, { status: status as TRiskStatus }, onClose);
  };
  return (
    <EditPopover title={`Status of ${risk.reference}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(value);
        }}
      >
        <Stack gap="xs">
          <Select
            label="Status"
            size="xs"
            data-autofocus
            data={RISK_STATUSES.map((s) => ({ value: s, label: shortStatusLabel(s) }))}
            value={value}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            onChange={(v) => {
              setValue(v);
              submit(v);
            }}
          />
          <Actions onCancel={onClose} loading={saving} />
        </Stack>
      </form>
    </EditPopover>
  );
}

export function OwnerEditor({
  risk,
  owners,
  save,
  saving,
  onClose,
}: {
  risk: RiskListItem;
  owners: Array<{ value: string; label: string }>;
  save: Save;
  saving: boolean;
  onClose: () => void;
}) {
  const [value, setValue] = useState<string | null>(risk.owner?.id ?? null);
  const submit = (ownerUserId: string | null) => {
    if (ownerUserId === (risk.owner?.id ?? null)) return onClose();
    save(risk, { ownerUserId }, onClose);
  };
  return (
    <EditPopover title={`Owner of ${risk.reference}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(value);
        }}
      >
        <Stack gap="xs">
          <Select
            label="Owner"
            size="xs"
            data-autofocus
            data={owners}
            value={value}
            searchable
            clearable
            placeholder="Unassigned"
            nothingFoundMessage="No member matches"
            comboboxProps={{ withinPortal: false }}
            onChange={(v) => {
              setValue(v);
              if (v) submit(v);
            }}
          />
          <Actions onCancel={onClose} loading={saving} />
        </Stack>
      </form>
    </EditPopover>
  );
}

const level = (v: string | number) => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
};

/** One level of an assessment, 1 to 5, named as the matrix names it once valid. */
function LevelInput({
  label,
  describe,
  value,
  onChange,
  ...rest
}: {
  label: string;
  describe: (level: number) => string;
  value: string | number;
  onChange: (v: string | number) => void;
  'data-autofocus'?: boolean;
}) {
  const v = level(value);
  return (
    <NumberInput
      label={label}
      description={v ? describe(v) : '1 to 5'}
      size="xs"
      w={110}
      min={1}
      max={5}
      step={1}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="strict"
      value={value}
      onChange={onChange}
      error={v === null ? 'From 1 to 5' : undefined}
      {...rest}
    />
  );
}

/** Re-score the current assessment: consequence and likelihood, 1 to 5, with the new score shown live. */
export function ScoreEditor({
  risk,
  bands,
  save,
  saving,
  onClose,
}: {
  risk: RiskListItem;
  bands: readonly RiskBand[];
  save: Save;
  saving: boolean;
  onClose: () => void;
}) {
  const [c, setC] = useState<string | number>(risk.current.consequence);
  const [l, setL] = useState<string | number>(risk.current.likelihood);
  const cv = level(c);
  const lv = level(l);
  return (
    <EditPopover title={`Re-score ${risk.reference} (current)`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (cv === null || lv === null) return;
          if (cv === risk.current.consequence && lv === risk.current.likelihood) return onClose();
          save(
            risk,
            {
              current: {
                consequence: cv as 1 | 2 | 3 | 4 | 5,
                likelihood: lv as 1 | 2 | 3 | 4 | 5,
              },
            },
            onClose,
          );
        }}
      >
        <Stack gap="xs">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <LevelInput
              label="Consequence"
              describe={consequenceLabel}
              value={c}
              onChange={setC}
              data-autofocus
            />
            <LevelInput label="Likelihood" describe={likelihoodLabel} value={l} onChange={setL} />
          </Group>
          <Box aria-live="polite">
            {cv !== null && lv !== null && (
              <Group gap={6}>
                <Text size="xs">New score</Text>
                <ScoreChip consequence={cv} likelihood={lv} score={cv * lv} bands={bands} withLabel />
              </Group>
            )}
          </Box>
          <Actions onCancel={onClose} loading={saving} />
        </Stack>
      </form>
    </EditPopover>
  );
}
