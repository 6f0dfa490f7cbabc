import { lazy, useState, type ReactNode } from 'react';
import { Text, UnstyledButton } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { DialogSlot } from '../../components/DialogSlot';
import { ScoreChip, statusLabel } from './RiskVisuals';
import type { useQuickRiskUpdate } from './useRiskMutations';
import type { RiskBand, RiskListItem } from './types';

type Save = ReturnType<typeof useQuickRiskUpdate>['save'];

// The editors' code (popover, select, number inputs) comes when one is first wanted: see InlineEditors.tsx.
const loadEditors = () => import('./InlineEditors');
const StatusEditor = lazy(() => loadEditors().then((m) => ({ default: m.StatusEditor })));
const OwnerEditor = lazy(() => loadEditors().then((m) => ({ default: m.OwnerEditor })));
const ScoreEditor = lazy(() => loadEditors().then((m) => ({ default: m.ScoreEditor })));

/**
 * A cell value that opens a small editor: the value is a button; the editor is a dialog that keeps focus,
 * saves on Enter and cancels on Escape, and gives focus back to the value when it closes. The editor is built
 * only while open (its code fetched on the first hover or focus), so a page of rows costs one button each.
 */
function EditTrigger({
  label,
  trigger,
  editor,
}: {
  label: string;
  trigger: ReactNode;
  editor: (close: () => void) => ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  // The slot gives focus back to the value when the editor closes (see DialogSlot).
  const close = () => setOpened(false);
  const warm = () => void loadEditors().catch(() => {});
  return (
    <span className="risk-inline-anchor">
      <UnstyledButton
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={opened}
        onClick={() => (opened ? close() : setOpened(true))}
        // Pressing the value of an open editor closes it (its click), not "a click elsewhere" first.
        onMouseDown={(e) => opened && e.stopPropagation()}
        onTouchStart={(e) => opened && e.stopPropagation()}
        onPointerEnter={warm}
        onFocus={warm}
        className="risk-inline-trigger"
      >
        {trigger}
        <IconPencil size={11} aria-hidden color="var(--mantine-color-gray-7)" style={{ flexShrink: 0 }} />
      </UnstyledButton>
      <DialogSlot open={opened}>{editor(close)}</DialogSlot>
    </span>
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
  if (!editable) return <>{children}</>;
  return (
    <EditTrigger
      label={`Change status of ${risk.reference}, now ${statusLabel(risk.status)}`}
      trigger={children}
      editor={(close) => <StatusEditor risk={risk} save={save} saving={saving} onClose={close} />}
    />
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
  return (
    <EditTrigger
      label={`Change owner of ${risk.reference}, now ${risk.owner?.name ?? 'unassigned'}`}
      trigger={name}
      editor={(close) => (
        <OwnerEditor risk={risk} owners={owners} save={save} saving={saving} onClose={close} />
      )}
    />
  );
}

/** Re-score the current assessment (the editor: consequence and likelihood, with the new score shown live). */
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
  return (
    <EditTrigger
      label={`Re-score ${risk.reference}, current ${risk.current.consequence} × ${risk.current.likelihood} = ${risk.current.score}`}
      trigger={chip}
      editor={(close) => (
        <ScoreEditor risk={risk} bands={bands} save={save} saving={saving} onClose={close} />
      )}
    />
  );
}
