import { Anchor, Text } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClock,
  IconDiamond,
  IconFlag,
  IconScale,
  IconX,
} from '@tabler/icons-react';
import { daysBetween, PLAN_MILESTONE_STATE_LABELS, type TPlanMilestoneState } from '@baton/domain';
import { Link } from 'react-router';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, formatDateShort } from '../../lib/format';
import classes from './progress.module.css';
import type { MilestoneItem, TransferMilestones } from './types';

const STATE_ICON: Record<TPlanMilestoneState, typeof IconCircleCheck | null> = {
  done: IconCircleCheck,
  missed: IconX,
  at_risk: IconAlertTriangle,
  due_soon: IconClock,
  upcoming: null,
};

/** A milestone's state as a word on its colour, with an icon (never a bare colour). */
export function PlanMilestoneStateBadge({ state }: { state: string }) {
  const s = (state in PLAN_MILESTONE_STATE_LABELS ? state : 'upcoming') as TPlanMilestoneState;
  const Icon = STATE_ICON[s];
  return (
    <span className={classes.state} data-state={s}>
      {Icon && <Icon size={13} stroke={2.25} aria-hidden />}
      {PLAN_MILESTONE_STATE_LABELS[s]}
    </span>
  );
}

const KIND_NAME = {
  milestone: 'Plan milestone',
  gate: 'Go/no-go gate',
  statutory: 'Statutory date',
} as const;

function KindMark({ kind }: { kind: string }) {
  const Icon = kind === 'gate' ? IconFlag : kind === 'statutory' ? IconScale : IconDiamond;
  const name = KIND_NAME[kind as keyof typeof KIND_NAME] ?? 'Milestone';
  return (
    <LazyTooltip label={name}>
      <span style={{ display: 'inline-flex', color: 'var(--mantine-color-gray-8)', flexShrink: 0 }}>
        <Icon size={15} aria-hidden />
        <span className="visually-hidden">{name}: </span>
      </span>
    </LazyTooltip>
  );
}

interface Row {
  key: string;
  label: string;
  kind: string;
  firstDate: string;
  byTransfer: Map<string, MilestoneItem>;
}

/** One row per milestone name (the standard plan gives every transfer the same ones), earliest first. */
function rowsOf(transfers: TransferMilestones[]): Row[] {
  const rows = new Map<string, Row>();
  for (const t of transfers) {
    for (const item of t.items) {
      const key = `${item.source}:${item.label}`;
      const row = rows.get(key) ?? {
        key,
        label: item.label,
        kind: item.kind,
        firstDate: item.date,
        byTransfer: new Map<string, MilestoneItem>(),
      };
      if (!row.byTransfer.has(t.transferId)) row.byTransfer.set(t.transferId, item);
      if (item.date < row.firstDate) row.firstDate = item.date;
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort(
    (a, b) => a.firstDate.localeCompare(b.firstDate) || a.label.localeCompare(b.label),
  );
}

function MilestoneCell({ item }: { item: MilestoneItem | undefined }) {
  if (!item)
    return (
      <td>
        <span aria-hidden>—</span>
        <span className="visually-hidden">Not in this plan</span>
      </td>
    );
  const slip = item.forecast && item.forecast !== item.date ? daysBetween(item.date, item.forecast) : 0;
  return (
    <td>
      <PlanMilestoneStateBadge state={item.state} />
      <span className={classes.milestoneDate}>
        <time dateTime={item.date}>{formatDateShort(item.date)}</time>
      </span>
      {slip > 0 && item.forecast && (
        <span className={classes.slip}>
          forecast <time dateTime={item.forecast}>{formatDateShort(item.forecast)}</time>
          <span className="visually-hidden">, {formatCount(slip, 'day', 'days')} late</span>
        </span>
      )}
      {item.owner && <span className="visually-hidden">. Owner: {item.owner}</span>}
    </td>
  );
}

/**
 * Milestones towards go-live: one row per milestone, one column per transfer, each cell its state in words
 * and its date (with the forecast where the schedule says it will slip).
 */
export function MilestoneGrid({
  programmeId,
  milestones,
}: {
  programmeId: string;
  milestones: TransferMilestones[];
}) {
  if (milestones.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No transfers yet, so no milestones.
      </Text>
    );
  const rows = rowsOf(milestones);
  return (
    <TableScroll label="Milestones towards go-live" minWidth={220 + milestones.length * 140}>
      <table className={classes.milestones} data-testid="milestone-grid">
        <caption className="visually-hidden">
          Milestones towards go-live: one row per milestone, one column per transfer, with each
          milestone&apos;s state and date.
        </caption>
        <colgroup>
          <col style={{ width: 220 }} />
          {milestones.map((t) => (
            <col key={t.transferId} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Milestone</th>
            {milestones.map((t) => (
              <th key={t.transferId} scope="col">
                <Anchor
                  component={Link}
                  to={`/p/${programmeId}/transition/${t.transferId}`}
                  size="xs"
                  fw={700}
                  c="nhsBlue.9"
                >
                  {t.transferName}
                </Anchor>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-golive={/go-live/i.test(row.label) ? 'true' : undefined}>
              <th scope="row">
                <span style={{ display: 'inline-flex', gap: 6, alignItems: 'flex-start' }}>
                  <KindMark kind={row.kind} />
                  <span>{row.label}</span>
                </span>
              </th>
              {milestones.map((t) => (
                <MilestoneCell key={t.transferId} item={row.byTransfer.get(t.transferId)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
