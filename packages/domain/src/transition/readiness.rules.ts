import { z } from 'zod';
import type { TIsoDate } from '../shared/dates';
import { addDays, daysBetween, formatUkDate } from '../shared/dates';
import type { TWorkstream } from '../shared/workstreams';
import { WORKSTREAM_LABELS, WORKSTREAMS } from '../shared/workstreams';
import { zInt } from '../shared/zod';

export type TRag = 'red' | 'amber' | 'green';
export const RAG_LABELS: Record<TRag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/*
 * Go-live readiness: written rules that separate Red (go-live at risk) from Amber (needs attention) from Green,
 * per workstream and for the transfer, every reason naming the item and who owns it. Joint progress, the
 * milestones, the pack and the plan all read the verdict from here, so they cannot disagree.
 */

/** A programme's settings for the rules (programmes.readiness_settings; these defaults when not set). */
export const ZReadinessSettings = z.object({
  /** An open condition precedent or go/no-go gate due within this many days needs attention. */
  warningDays: zInt(1, 90, '1 to 90 days').default(14),
  /** A margin (transfer date minus forecast go-live) below this many days needs attention. */
  marginWarningDays: zInt(0, 90, '0 to 90 days').default(14),
  /** Whether an escalated risk linked to the transfer on its own puts go-live at risk, or needs attention. */
  escalatedRisk: z.enum(['red', 'amber']).default('amber'),
});
export type TReadinessSettings = z.infer<typeof ZReadinessSettings>;
export const DEFAULT_READINESS_SETTINGS: TReadinessSettings = ZReadinessSettings.parse({});

/** The rules, as the screens explain them. */
export function readinessRules(s: TReadinessSettings = DEFAULT_READINESS_SETTINGS) {
  return {
    red: [
      'The forecast go-live is after the transfer date',
      'A condition precedent is not met and its need-by date has passed',
      'A critical-path task is forecast to finish later than the margin allows',
      'A site or IT system blocks go-live (its own readiness is red)',
      ...(s.escalatedRisk === 'red' ? ['An escalated risk linked to the transfer is open'] : []),
    ],
    amber: [
      `The margin before the transfer date is under ${s.marginWarningDays} days`,
      'A critical-path task is late, within the margin',
      'Any other task is overdue, or work that should have started has not',
      `A condition precedent or go/no-go gate is due within ${s.warningDays} days and not yet met`,
      'A site, IT system or TUPE staff group needs attention (ELI late or due soon)',
      ...(s.escalatedRisk === 'amber' ? ['An escalated risk linked to the transfer is open'] : []),
    ],
    green: ['None of the above: nothing overdue, nothing at risk, margin in hand'],
  };
}

export interface TReadinessTask {
  title: string;
  workstream: TWorkstream;
  /** The organisation that owns it, as people know it (short name). */
  owner: string;
  startDate: TIsoDate;
  dueDate: TIsoDate;
  done: boolean;
  started: boolean;
  forecastFinish: TIsoDate;
  /** Days the forecast finish is after the due date (0 when on time). */
  forecastLateDays: number;
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
  owner: string;
}

/** A register row's own verdict (site, system, staff group), with the organisation that must act. */
export interface TReadinessRegisterItem {
  kind: 'site' | 'system' | 'staff_group';
  name: string;
  rag: TRag;
  reason: string;
  owner: string;
}

export interface TReadinessInput {
  today: TIsoDate;
  transferDate: TIsoDate;
  /** Forecast finish of the plan (null when the plan has no tasks). */
  forecastGoLive: TIsoDate | null;
  /** Transfer date minus forecast go-live, in days (negative: late); null without a forecast. */
  marginDays: number | null;
  /** The last task of the driving chain, which sets the forecast. */
  drivingTask?: { title: string; owner: string } | null;
  tasks: readonly TReadinessTask[];
  /** Open risks linked to the transfer with a current score at or above the escalation threshold. */
  escalatedRisks: readonly TReadinessRisk[];
  registers?: readonly TReadinessRegisterItem[];
  /** Due diligence requests for the transfer still awaiting an answer after their due date. */
  overdueRequests?: readonly TReadinessRequest[];
  settings?: TReadinessSettings;
}

export interface TReadinessRequest {
  reference: string;
  title: string;
  /** The organisation asked. */
  owner: string;
  daysOverdue: number;
  workstream: TWorkstream;
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
const named = (t: { title: string; owner: string }) => `“${t.title}” (${t.owner})`;
const more = (n: number) => (n > 1 ? ` and ${n - 1} more` : '');

const REGISTER_WORKSTREAM: Record<TReadinessRegisterItem['kind'], TWorkstream> = {
  site: 'estates_facilities',
  system: 'it_data_records',
  staff_group: 'workforce_tupe',
};

export function readinessOf(i: TReadinessInput): TReadiness {
  const s = i.settings ?? DEFAULT_READINESS_SETTINGS;
  const warn = addDays(i.today, s.warningDays);
  const margin = i.marginDays ?? 0;
  const open = i.tasks.filter((t) => !t.done);
  const overdue = (t: TReadinessTask) => t.dueDate < i.today;

  const workstreams = WORKSTREAMS.map((ws) => {
    const all = i.tasks.filter((t) => t.workstream === ws);
    const mine = open.filter((t) => t.workstream === ws);
    const reasons: Array<[TRag, string]> = [];
    const add = (rag: TRag, items: readonly unknown[], text: string) => {
      if (items.length) reasons.push([rag, text]);
    };

    const cpMissed = mine.filter((t) => t.conditionPrecedent && overdue(t));
    add(
      'red',
      cpMissed,
      cpMissed[0]
        ? `Condition precedent ${named(cpMissed[0])} not met: it was needed by ${formatUkDate(cpMissed[0].dueDate)}${more(cpMissed.length)}`
        : '',
    );
    const critBeyond = mine.filter((t) => t.critical && t.forecastLateDays > Math.max(0, margin));
    add(
      'red',
      critBeyond,
      critBeyond[0]
        ? `Critical-path task ${named(critBeyond[0])} is forecast ${plural(critBeyond[0].forecastLateDays, 'day')} late, more than the margin${more(critBeyond.length)}`
        : '',
    );
    const critWithin = mine.filter(
      (t) => t.critical && t.forecastLateDays > 0 && t.forecastLateDays <= Math.max(0, margin),
    );
    add(
      'amber',
      critWithin,
      critWithin[0]
        ? `Critical-path task ${named(critWithin[0])} is forecast ${plural(critWithin[0].forecastLateDays, 'day')} late, within the margin${more(critWithin.length)}`
        : '',
    );
    const otherOverdue = mine.filter((t) => overdue(t) && !t.conditionPrecedent && !t.critical);
    add(
      'amber',
      otherOverdue,
      otherOverdue[0]
        ? `${plural(otherOverdue.length, 'task')} overdue: ${named(otherOverdue[0])} was due ${formatUkDate(otherOverdue[0].dueDate)}${more(otherOverdue.length)}`
        : '',
    );
    const notStarted = mine.filter((t) => !t.started && t.startDate < i.today && !overdue(t));
    add(
      'amber',
      notStarted,
      notStarted[0]
        ? `${plural(notStarted.length, 'task')} should have started and ${notStarted.length === 1 ? 'has' : 'have'} not: ${named(notStarted[0])} was due to start ${formatUkDate(notStarted[0].startDate)}`
        : '',
    );
    const dueSoon = mine.filter(
      (t) => (t.conditionPrecedent || (t.isGate && !t.gateCriteriaMet)) && !overdue(t) && t.dueDate <= warn,
    );
    add(
      'amber',
      dueSoon,
      dueSoon[0]
        ? `${dueSoon[0].conditionPrecedent ? 'Condition precedent' : 'Go/no-go gate'} ${named(dueSoon[0])} due ${formatUkDate(dueSoon[0].dueDate)}, not yet met${more(dueSoon.length)}`
        : '',
    );
    for (const r of (i.registers ?? []).filter(
      (x) => REGISTER_WORKSTREAM[x.kind] === ws && x.rag !== 'green',
    )) {
      const what = r.kind === 'site' ? 'Site' : r.kind === 'system' ? 'System' : 'Staff group';
      reasons.push([r.rag, `${what} ${named({ title: r.name, owner: r.owner })}: ${r.reason}`]);
    }
    const late = (i.overdueRequests ?? [])
      .filter((r) => r.workstream === ws)
      .sort((a, b) => b.daysOverdue - a.daysOverdue);
    add(
      'amber',
      late,
      late[0]
        ? `Due diligence ${late[0].reference} ${named({ title: late[0].title, owner: late[0].owner })} ${plural(late[0].daysOverdue, 'day')} overdue${more(late.length)}`
        : '',
    );
    const risks = i.escalatedRisks.filter((r) => r.workstream === ws);
    add(
      s.escalatedRisk,
      risks,
      risks[0]
        ? `Escalated risk ${risks[0].reference} ${named({ title: risks[0].title, owner: risks[0].owner })} open (score ${risks[0].score})${more(risks.length)}`
        : '',
    );

    const rag = reasons.reduce<TRag>((r, [c]) => worst(r, c), 'green');
    const doneCount = all.length - mine.length;
    return {
      workstream: ws,
      label: WORKSTREAM_LABELS[ws],
      rag,
      reasons: reasons.length
        ? sortByRag(reasons).map(([, text]) => text)
        : [
            all.length
              ? `On track: ${doneCount} of ${all.length} tasks done, nothing overdue or at risk`
              : 'No tasks in this workstream',
          ],
      done: doneCount,
      total: all.length,
    };
  });

  const overallReasons: Array<[TRag, string]> = [];
  if (i.forecastGoLive && i.marginDays !== null && i.marginDays < 0) {
    overallReasons.push([
      'red',
      `Forecast go-live ${formatUkDate(i.forecastGoLive)} is ${plural(-i.marginDays, 'day')} after the transfer date${i.drivingTask ? `, set by ${named(i.drivingTask)}` : ''}`,
    ]);
  } else if (i.forecastGoLive && i.marginDays !== null && i.marginDays < s.marginWarningDays) {
    overallReasons.push([
      'amber',
      `Only ${plural(i.marginDays, 'day')} of margin before the transfer date${i.drivingTask ? ` (the forecast is set by ${named(i.drivingTask)})` : ''}`,
    ]);
  }
  // Nothing planned is not "on track": there is nothing yet to show the transfer will be ready.
  if (!i.tasks.length)
    overallReasons.push([
      'amber',
      'No plan yet: this transfer has no tasks, so nothing shows it will be ready',
    ]);
  const untracked = i.escalatedRisks.filter((r) => r.workstream === null);
  if (untracked.length)
    overallReasons.push([
      s.escalatedRisk,
      `Escalated risk ${untracked[0]!.reference} ${named({ title: untracked[0]!.title, owner: untracked[0]!.owner })} open across the transfer${more(untracked.length)}`,
    ]);
  for (const w of workstreams)
    if (w.rag !== 'green') overallReasons.push([w.rag, `${w.label}: ${w.reasons[0]}`]);
  const rag = overallReasons.reduce<TRag>((r, [c]) => worst(r, c), 'green');
  return {
    overall: {
      rag,
      reasons: overallReasons.length
        ? sortByRag(overallReasons).map(([, t]) => t)
        : [
            `On track: every workstream is green${i.marginDays !== null ? ` and the forecast leaves ${plural(i.marginDays, 'day')} of margin` : ''}`,
          ],
    },
    workstreams,
    daysToTransfer: daysBetween(i.today, i.transferDate),
    openConditions: open.filter((t) => t.conditionPrecedent).length,
    gatesNotMet: i.tasks.filter((t) => t.isGate && !t.gateCriteriaMet).length,
    overdueCriticalTasks: open.filter((t) => t.critical && overdue(t)).length,
  };
}

function sortByRag(reasons: Array<[TRag, string]>) {
  const order = { red: 0, amber: 1, green: 2 };
  return [...reasons].sort((a, b) => order[a[0]] - order[b[0]]);
}
