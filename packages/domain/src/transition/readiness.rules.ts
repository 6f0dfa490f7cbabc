import type { TIsoDate } from '../shared/dates';
import { addDays, daysBetween, formatUkDate } from '../shared/dates';
import type { TWorkstream } from '../shared/workstreams';
import { WORKSTREAM_LABELS, WORKSTREAMS } from '../shared/workstreams';

export type TRag = 'red' | 'amber' | 'green';
export const RAG_LABELS: Record<TRag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export interface TReadinessTask {
  title: string;
  workstream: TWorkstream;
  dueDate: TIsoDate;
  done: boolean;
  critical: boolean;
  conditionPrecedent: boolean;
  isGate: boolean;
  gateCriteriaMet: boolean;
}

export interface TReadinessRisk {
  reference: string;
  title: string;
  score: number;
  workstream: TWorkstream | null;
}

export interface TReadinessInput {
  today: TIsoDate;
  transferDate: TIsoDate;
  /** Forecast finish of the plan's critical path (null when the plan has no tasks). */
  forecastGoLive: TIsoDate | null;
  tasks: readonly TReadinessTask[];
  /** Open risks linked to the transfer with a current score at or above the escalation threshold. */
  escalatedRisks: readonly TReadinessRisk[];
  /** Days before a deadline when an open item turns amber. */
  warningDays?: number;
}

export interface TRagVerdict {
  rag: TRag;
  reasons: string[];
}

export interface TReadiness {
  overall: TRagVerdict;
  workstreams: Array<
    { workstream: TWorkstream; label: string } & TRagVerdict & { done: number; total: number }
  >;
  daysToTransfer: number;
  openConditions: number;
  gatesNotMet: number;
  overdueCriticalTasks: number;
}

const worst = (a: TRag, b: TRag): TRag =>
  a === 'red' || b === 'red' ? 'red' : a === 'amber' || b === 'amber' ? 'amber' : 'green';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Go-live readiness: a RAG per workstream and overall, each with the reasons that set it, never a bare
 * colour. Red: a critical task or condition precedent overdue, an escalated risk open, or the forecast
 * missing the transfer date. Amber: anything else overdue, or a condition, gate or deadline close and open.
 */
export function readinessOf(i: TReadinessInput): TReadiness {
  const warn = addDays(i.today, i.warningDays ?? 14);
  const open = i.tasks.filter((t) => !t.done);
  const overdue = (t: TReadinessTask) => t.dueDate < i.today;
  const soon = (t: TReadinessTask) => t.dueDate >= i.today && t.dueDate <= warn;

  const workstreams = WORKSTREAMS.map((ws) => {
    const all = i.tasks.filter((t) => t.workstream === ws);
    const mine = open.filter((t) => t.workstream === ws);
    const reasons: Array<[TRag, string]> = [];
    const critOverdue = mine.filter((t) => overdue(t) && t.critical);
    const cpOverdue = mine.filter((t) => overdue(t) && t.conditionPrecedent && !t.critical);
    const otherOverdue = mine.filter((t) => overdue(t) && !t.critical && !t.conditionPrecedent);
    const cpSoon = mine.filter((t) => soon(t) && t.conditionPrecedent);
    const gatesSoon = i.tasks.filter(
      (t) => t.workstream === ws && t.isGate && !t.gateCriteriaMet && t.dueDate <= warn,
    );
    const risks = i.escalatedRisks.filter((r) => r.workstream === ws);
    if (critOverdue.length)
      reasons.push([
        'red',
        `${plural(critOverdue.length, 'critical-path task')} overdue (${critOverdue[0]!.title})`,
      ]);
    if (cpOverdue.length)
      reasons.push([
        'red',
        `${plural(cpOverdue.length, 'condition precedent')} overdue (${cpOverdue[0]!.title})`,
      ]);
    if (risks.length)
      reasons.push([
        'red',
        `${plural(risks.length, 'escalated risk')} open (${risks[0]!.reference} ${risks[0]!.title})`,
      ]);
    if (otherOverdue.length) reasons.push(['amber', `${plural(otherOverdue.length, 'task')} overdue`]);
    if (cpSoon.length)
      reasons.push([
        'amber',
        `${plural(cpSoon.length, 'condition precedent')} due within ${i.warningDays ?? 14} days`,
      ]);
    if (gatesSoon.length)
      reasons.push(['amber', `${plural(gatesSoon.length, 'go/no-go gate')} with criteria not yet met`]);
    const rag = reasons.reduce<TRag>((r, [c]) => worst(r, c), 'green');
    return {
      workstream: ws,
      label: WORKSTREAM_LABELS[ws],
      rag,
      reasons: reasons.length
        ? reasons.map(([, text]) => text)
        : [all.length ? 'On track: nothing overdue or at risk' : 'No tasks in this workstream'],
      done: all.length - mine.length,
      total: all.length,
    };
  });

  const overallReasons: Array<[TRag, string]> = [];
  if (i.forecastGoLive && i.forecastGoLive > i.transferDate) {
    overallReasons.push([
      'red',
      `Forecast go-live ${formatUkDate(i.forecastGoLive)} is ${plural(daysBetween(i.transferDate, i.forecastGoLive), 'day')} after the transfer date`,
    ]);
  }
  const untracked = i.escalatedRisks.filter((r) => r.workstream === null);
  if (untracked.length)
    overallReasons.push([
      'red',
      `${plural(untracked.length, 'escalated risk')} open across the transfer (${untracked[0]!.reference})`,
    ]);
  for (const w of workstreams)
    if (w.rag !== 'green') overallReasons.push([w.rag, `${w.label}: ${w.reasons[0]}`]);
  const rag = overallReasons.reduce<TRag>((r, [c]) => worst(r, c), 'green');
  const order = { red: 0, amber: 1, green: 2 };
  overallReasons.sort((a, b) => order[a[0]] - order[b[0]]);
  return {
    overall: {
      rag,
      reasons: overallReasons.length
        ? overallReasons.map(([, t]) => t)
        : ['On track: every workstream is green'],
    },
    workstreams,
    daysToTransfer: daysBetween(i.today, i.transferDate),
    openConditions: open.filter((t) => t.conditionPrecedent).length,
    gatesNotMet: i.tasks.filter((t) => t.isGate && !t.gateCriteriaMet).length,
    overdueCriticalTasks: open.filter((t) => t.critical && overdue(t)).length,
  };
}
