import { useId, useState, type ReactNode } from 'react';
import { Box, Button, Group, NumberInput, Popover, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { RISK_STATUSES, type TRiskStatus } from '@baton/domain';
import { consequenceLabel, likelihoodLabel } from './riskMatrix';
import { ScoreChip, shortStatusLabel, statusLabel } from './RiskVisuals';
import type { useQuickRiskUpdate } from './useRiskMutations';
import type { RiskBand, RiskListItem } from './types';

type Save = ReturnType<typeof useQuickRiskUpdate>['save'];

/**
 * A cell value that opens a small editor: the value is a button; the editor is a dialog that keeps focus,
 * saves on Enter and cancels on Escape, and returns focus to the value when it closes.
 */
function EditPopover({
  label,
  trigger,
  title,
  children,
  opened,
  setOpened,
}: {
  label: string;
  trigger: ReactNode;
  title: string;
  children: ReactNode;
  opened: boolean;
  setOpened: (o: boolean) => void;
}) {
  const titleId = useId();
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      trapFocus
      returnFocus
      closeOnEscape
      position="bottom-start"
      shadow="md"
      withArrow
    >
      <Popover.Target>
        <UnstyledButton
          aria-label={label}
          onClick={() => setOpened(!opened)}
          className="risk-inline-trigger"
          style={{
            display: 'inline-flex',
            alignItems: 'center',
            gap: 3,
            borderRadius: 4,
            padding: '1px 2px',
            maxWidth: '100%',
          }}
        >
          {trigger}
          <IconPencil size={11} aria-hidden color="var(--mantine-color-gray-7)" style={{ flexShrink: 0 }} />
        </UnstyledButton>
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

export function StatusCell({
  risk,
  editable,
  save,
  saving,
  children,
}: {
  risk: RiskListItem;
  editable: boolean;
  save: Save;
  saving: boolean;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  const [value, setValue] = useState<string | null>(risk.status);
  if (!editable) return <>{children}</>;
  const submit = (status: string | null) => {
    if (!status || status === risk.status) return setOpened(false);
    save(risk, { status: status as TRiskStatus }, () => setOpened(false));
  };
  return (
    <EditPopover
      label={`Change status of ${risk.reference}, now ${statusLabel(risk.status)}`}
      title={`Status of ${risk.reference}`}
      trigger={children}
      opened={opened}
      setOpened={(o) => {
        if (o) setValue(risk.status);
        setOpened(o);
      }}
    >
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
          <Actions onCancel={() => setOpened(false)} loading={saving} />
        </Stack>
      </form>
    </EditPopover>
  );
}

export function OwnerCell({
  risk,
  editable,
  owners,
  save,
  saving,
}: {
  risk: RiskListItem;
  editable: boolean;
  owners: Array<{ value: string; label: string }>;
  save: Save;
  saving: boolean;
}) {
  const [opened, setOpened] = useState(false);
  const [value, setValue] = useState<string | null>(risk.owner?.id ?? null);
  const name = risk.owner ? (
    <Text span size="sm" truncate="end">
      {risk.owner.name}
    </Text>
  ) : risk.namedOwner ? (
    <Text span size="sm" truncate="end" title="Named in an imported register; not a Baton user yet">
      {risk.namedOwner}{' '}
      <Text span size="xs" c="dimmed">
        (not a Baton user)
      </Text>
    </Text>
  ) : (
    <Text span size="sm" c="dimmed">
      Unassigned
    </Text>
  );
  if (!editable) return name;
  const submit = (ownerUserId: string | null) => {
    if (ownerUserId === (risk.owner?.id ?? null)) return setOpened(false);
    save(risk, { ownerUserId }, () => setOpened(false));
  };
  return (
    <EditPopover
      label={`Change owner of ${risk.reference}, now ${risk.owner?.name ?? 'unassigned'}`}
      title={`Owner of ${risk.reference}`}
      trigger={name}
      opened={opened}
      setOpened={(o) => {
        if (o) setValue(risk.owner?.id ?? null);
        setOpened(o);
      }}
    >
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
          <Actions onCancel={() => setOpened(false)} loading={saving} />
        </Stack>
      </form>
    </EditPopover>
  );
}

const level = (v: string | number) => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
};

/** Re-score the current assessment: consequence and likelihood, 1 to 5, with the new score shown live. */
export function CurrentScoreCell({
  risk,
  editable,
  bands,
  save,
  saving,
}: {
  risk: RiskListItem;
  editable: boolean;
  bands: readonly RiskBand[];
  save: Save;
  saving: boolean;
}) {
  const [opened, setOpened] = useState(false);
  const [c, setC] = useState<string | number>(risk.current.consequence);
  const [l, setL] = useState<string | number>(risk.current.likelihood);
  const chip = (
    <ScoreChip
      prefix="Current"
      consequence={risk.current.consequence}
      likelihood={risk.current.likelihood}
      score={risk.current.score}
      bands={bands}
      withTooltip={!editable}
    />
  );
  if (!editable) return chip;
  const cv = level(c);
  const lv = level(l);
  return (
    <EditPopover
      label={`Re-score ${risk.reference}, current ${risk.current.consequence} × ${risk.current.likelihood} = ${risk.current.score}`}
      title={`Re-score ${risk.reference} (current)`}
      trigger={chip}
      opened={opened}
      setOpened={(o) => {
        if (o) {
          setC(risk.current.consequence);
          setL(risk.current.likelihood);
        }
        setOpened(o);
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (cv === null || lv === null) return;
          if (cv === risk.current.consequence && lv === risk.current.likelihood) return setOpened(false);
          save(
            risk,
            {
              current: {
                consequence: cv as 1 | 2 | 3 | 4 | 5,
                likelihood: lv as 1 | 2 | 3 | 4 | 5,
              },
            },
            () => setOpened(false),
          );
        }}
      >
        <Stack gap="xs">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <NumberInput
              label="Consequence"
              description={cv ? consequenceLabel(cv) : '1 to 5'}
              size="xs"
              w={110}
              min={1}
              max={5}
              step={1}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              value={c}
              onChange={setC}
              error={cv === null ? 'From 1 to 5' : undefined}
              data-autofocus
            />
            <NumberInput
              label="Likelihood"
              description={lv ? likelihoodLabel(lv) : '1 to 5'}
              size="xs"
              w={110}
              min={1}
              max={5}
              step={1}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              value={l}
              onChange={setL}
              error={lv === null ? 'From 1 to 5' : undefined}
            />
          </Group>
          <Box aria-live="polite">
            {cv !== null && lv !== null && (
              <Group gap={6}>
                <Text size="xs">New score</Text>
                <ScoreChip consequence={cv} likelihood={lv} score={cv * lv} bands={bands} withLabel />
              </Group>
            )}
          </Box>
          <Actions onCancel={() => setOpened(false)} loading={saving} />
        </Stack>
      </form>
    </EditPopover>
  );
}
