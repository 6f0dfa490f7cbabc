import { addDays, daysBetween, type TIsoDate } from '../shared/dates';
import { WORKSTREAM_LABELS, WORKSTREAMS, type TWorkstream } from '../shared/workstreams';
import type { TTaskStatus } from '../transition/plan.schema';

/*
 * Rules behind the transition lead's workspace and the provider CEOs' joint progress view: how complete a
 * set of tasks is, where each organisation stands per workstream, which tasks are blocked, how a plan
 * milestone is doing, and which few items are red enough to put in front of a chief executive.
 */

export interface TProgressTask {
  workstream: TWorkstream;
  owningOrganisationId: string;
  status: TTaskStatus;
  percentComplete: number;
}

const isCancelled = (t: { status: TTaskStatus }) => t.status === 'cancelled';
export const isOpenTask = (t: { status: TTaskStatus }) => t.status !== 'done' && t.status !== 'cancelled';

/** Average completion: a done task counts 100% whatever its percentage says; cancelled tasks are left out. */
export function percentComplete(tasks: ReadonlyArray<Pick<TProgressTask, 'status' | 'percentComplete'>>) {
  const live = tasks.filter((t) => !isCancelled(t));
  return live.length
    ? Math.round(live.reduce((s, t) => s + (t.status === 'done' ? 100 : t.percentComplete), 0) / live.length)
    : 0;
}

export interface TProgressCell {
  percent: number;
  done: number;
  total: number;
}

export interface TProgressMatrix {
  workstreams: Array<{ key: TWorkstream; label: string }>;
  organisationIds: string[];
  /** cells[workstream][organisationId]; absent when that organisation owns no task in the workstream. */
  cells: Record<string, Record<string, TProgressCell>>;
  byWorkstream: Record<string, TProgressCell>;
  byOrganisation: Record<string, TProgressCell>;
  overall: TProgressCell;
}

function cellOf(tasks: ReadonlyArray<TProgressTask>): TProgressCell {
  const live = tasks.filter((t) => !isCancelled(t));
  return {
    percent: percentComplete(live),
    done: live.filter((t) => t.status === 'done').length,
    total: live.length,
  };
}

/** Percent complete by workstream (rows) and owning organisation (columns), with row, column and overall totals. */
export function progressMatrix(
  tasks: ReadonlyArray<TProgressTask>,
  organisationIds: readonly string[],
): TProgressMatrix {
  const live = tasks.filter((t) => !isCancelled(t));
  const cells: TProgressMatrix['cells'] = {};
  for (const ws of WORKSTREAMS) {
    cells[ws] = {};
    for (const org of organisationIds) {
      const mine = live.filter((t) => t.workstream === ws && t.owningOrganisationId === org);
      if (mine.length) cells[ws]![org] = cellOf(mine);
    }
  }
  return {
    workstreams: WORKSTREAMS.filter((ws) => live.some((t) => t.workstream === ws)).map((key) => ({
      key,
      label: WORKSTREAM_LABELS[key],
    })),
    organisationIds: organisationIds.filter((o) => live.some((t) => t.owningOrganisationId === o)),
    cells,
    byWorkstream: Object.fromEntries(
      WORKSTREAMS.map((ws) => [ws, cellOf(live.filter((t) => t.workstream === ws))]),
    ),
    byOrganisation: Object.fromEntries(
      organisationIds.map((o) => [o, cellOf(live.filter((t) => t.owningOrganisationId === o))]),
    ),
    overall: cellOf(live),
  };
}

/**
 * Open tasks waiting on predecessors that are not finished: what a lead must chase. Only tasks due to start
 * within the horizon count; a task starting in six months is not "blocked" yet.
 */
export function blockedTasks<T extends { id: string; status: TTaskStatus; startDate: TIsoDate }>(
  tasks: readonly T[],
  dependencies: ReadonlyArray<{ predecessorId: string; successorId: string }>,
  today: TIsoDate,
  horizonDays: number,
): Array<{ task: T; blockedBy: T[] }> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const horizon = addDays(today, horizonDays);
  const out: Array<{ task: T; blockedBy: T[] }> = [];
  for (const t of tasks) {
    if (!isOpenTask(t) || t.startDate > horizon) continue;
    const blockers = dependencies
      .filter((d) => d.successorId === t.id)
      .map((d) => byId.get(d.predecessorId))
      .filter((p): p is T => p !== undefined && isOpenTask(p));
    if (blockers.length) out.push({ task: t, blockedBy: blockers });
  }
  return out;
}

export type TPlanMilestoneState = 'done' | 'missed' | 'at_risk' | 'due_soon' | 'upcoming';

export const PLAN_MILESTONE_STATE_LABELS: Record<TPlanMilestoneState, string> = {
  done: 'Done',
  missed: 'Missed',
  at_risk: 'Forecast to slip',
  due_soon: 'Due soon',
  upcoming: 'Forecast on time',
};

/**
 * A plan milestone or gate: missed once its date has passed unfinished; at risk when the schedule forecasts
 * it later than planned; due soon within 14 days; otherwise on track.
 */
export function planMilestoneState(
  m: { status: TTaskStatus; dueDate: TIsoDate; forecastFinish: TIsoDate },
  today: TIsoDate,
): TPlanMilestoneState {
  if (m.status === 'done') return 'done';
  if (m.dueDate < today) return 'missed';
  if (m.forecastFinish > m.dueDate) return 'at_risk';
  return m.dueDate <= addDays(today, 14) ? 'due_soon' : 'upcoming';
}

export type TRedItemKind = 'critical_task' | 'condition' | 'gate' | 'statutory' | 'risk';

export const RED_ITEM_KIND_LABELS: Record<TRedItemKind, string> = {
  critical_task: 'Critical-path task overdue',
  condition: 'Condition precedent overdue',
  gate: 'Go/no-go gate overdue',
  statutory: 'Statutory deadline missed',
  risk: 'Escalated risk',
};

export interface TRedItem {
  kind: TRedItemKind;
  title: string;
  /** Owning organisation (short name) and the named person, when there is one. */
  organisation: string;
  person: string | null;
  transferName: string | null;
  dueDate: TIsoDate | null;
  /** The risk's score for risks; days overdue for everything else. */
  score: number | null;
  link: { taskId?: string; riskId?: string; transferId?: string };
}

const KIND_ORDER: Record<TRedItemKind, number> = {
  statutory: 0,
  condition: 1,
  critical_task: 2,
  gate: 3,
  risk: 4,
};

/** A red item as shown: the same item red in several transfers (one template task, say) is listed once. */
export type TRedItemShown = Omit<TRedItem, 'transferName'> & { transferNames: string[] };

/**
 * The handful of red items for a chief executive: missed statutory deadlines first, then overdue conditions
 * precedent, critical-path tasks and gates (longest overdue first), then escalated risks (highest score
 * first). The same item red in several transfers (same kind, title, owner and date) counts once, naming the
 * transfers. Returns the first `limit` and the total.
 */
export function topRedItems(items: readonly TRedItem[], today: TIsoDate, limit = 8) {
  const groups = new Map<string, TRedItemShown>();
  for (const { transferName, ...i } of items) {
    const key = [i.kind, i.title, i.organisation, i.person ?? '', i.dueDate ?? ''].join('\u0000');
    const g = groups.get(key) ?? { ...i, transferNames: [] };
    if (transferName && !g.transferNames.includes(transferName)) g.transferNames.push(transferName);
    groups.set(key, g);
  }
  const overdueDays = (i: TRedItemShown) => (i.dueDate ? daysBetween(i.dueDate, today) : 0);
  const sorted = [...groups.values()].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.kind === 'risk' ? (b.score ?? 0) - (a.score ?? 0) : overdueDays(b) - overdueDays(a)) ||
      b.transferNames.length - a.transferNames.length ||
      a.title.localeCompare(b.title),
  );
  return { items: sorted.slice(0, limit), total: sorted.length };
}
