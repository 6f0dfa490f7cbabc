import {
  TASK_STATUS_LABELS,
  transferMilestonesWithState,
  WORKSTREAM_LABELS,
  type TIsoDate,
  type TMilestoneState,
  type TTaskKind,
} from '@baton/domain';
import type { TLoadedPlans, readinessOfPlans } from '../features/transition/plan.service';
import { excelDate, MILESTONE_STATE_LABELS, RAG_STYLE } from './report.format';
import { markEverySheet, newWorkbook, paint, tableSheet, workbookBuffer } from './report.xlsx';

/*
 * The transition plan and readiness as a workbook, built by the same code the screens use: loadPlans and
 * readinessOfPlans (the transfers and readiness screen), the schedule (the plan screen's forecast dates, slack
 * and critical path) and transferMilestonesWithState (the statutory dates). A bidder-isolated member sees only
 * the transfers their organisation is party to, as on the screens.
 */

export const TASK_KIND_LABELS: Record<TTaskKind, string> = {
  task: 'Task',
  milestone: 'Milestone',
  gate: 'Go/no-go gate',
};

const STATE_FILL: Partial<Record<TMilestoneState, (typeof RAG_STYLE)[keyof typeof RAG_STYLE]>> = {
  missed: RAG_STYLE.red,
  due_soon: RAG_STYLE.amber,
  done: RAG_STYLE.green,
};

export interface TTransitionReport {
  loaded: TLoadedPlans;
  readiness: ReturnType<typeof readinessOfPlans>;
  today: TIsoDate;
}

export async function transitionPlanXlsx(
  data: TTransitionReport,
  meta: { programmeName: string; generatedAt: Date },
): Promise<Buffer> {
  const { loaded, readiness, today } = data;
  const wb = newWorkbook(`${meta.programmeName}: transition plan and readiness, ${today}`, meta.generatedAt);

  const ready = tableSheet(
    wb,
    'Readiness',
    [
      { header: 'Transfer', width: 32, kind: 'longText' },
      { header: 'Lot', width: 10 },
      { header: 'Outgoing → incoming', width: 32, kind: 'longText' },
      { header: 'Planned transfer date', width: 13, kind: 'date' },
      { header: 'Forecast go-live', width: 13, kind: 'date' },
      { header: 'Days to go', width: 9, kind: 'number' },
      { header: 'Readiness', width: 11 },
      { header: '% complete', width: 10, kind: 'percent' },
      { header: 'Open conditions precedent', width: 12, kind: 'number' },
      { header: 'Conditions precedent still open', width: 44, kind: 'longText' },
      { header: 'Reasons', width: 70, kind: 'longText' },
    ],
    readiness.map((r) => [
      r.transfer.name,
      r.transfer.lotCode,
      `${r.transfer.outgoing.shortName} → ${r.transfer.incoming.shortName}`,
      excelDate(r.transfer.plannedTransferDate),
      excelDate(r.forecastGoLive),
      r.countdownDays,
      RAG_STYLE[r.readiness.overall.rag].label,
      r.percentComplete,
      r.openConditions.length,
      r.openConditions.map((c) => c.title).join('\n'),
      r.readiness.overall.reasons.join('\n'),
    ]),
    { xSplit: 1 },
  );
  readiness.forEach((r, i) => {
    const s = RAG_STYLE[r.readiness.overall.rag];
    paint(ready.getRow(i + 2).getCell(7), s.fill, s.text);
  });

  const wsRows = readiness.flatMap((r) =>
    r.readiness.workstreams.map((w) => ({ transfer: r.transfer.name, w })),
  );
  const workstreams = tableSheet(
    wb,
    'Workstreams',
    [
      { header: 'Transfer', width: 32, kind: 'longText' },
      { header: 'Workstream', width: 36 },
      { header: 'Readiness', width: 11 },
      { header: 'Done', width: 8, kind: 'number' },
      { header: 'Total', width: 8, kind: 'number' },
      { header: 'Done of total', width: 10 },
      { header: 'Reasons', width: 70, kind: 'longText' },
    ],
    wsRows.map(({ transfer, w }) => [
      transfer,
      w.label,
      RAG_STYLE[w.rag].label,
      w.done,
      w.total,
      `${w.done}/${w.total}`,
      w.reasons.join('\n'),
    ]),
  );
  wsRows.forEach(({ w }, i) =>
    paint(workstreams.getRow(i + 2).getCell(3), RAG_STYLE[w.rag].fill, RAG_STYLE[w.rag].text),
  );

  const titles = new Map(loaded.plans.flatMap((p) => p.tasks.map((t) => [t.id, t.title] as const)));
  const predecessorsOf = new Map<string, string[]>();
  for (const d of loaded.dependencies) {
    const title = titles.get(d.predecessorId);
    if (!title) continue;
    const lag = d.lagDays ? ` (${d.lagDays > 0 ? '+' : ''}${d.lagDays} days)` : '';
    predecessorsOf.set(d.successorId, [...(predecessorsOf.get(d.successorId) ?? []), `${title}${lag}`]);
  }
  const planRows = loaded.plans.flatMap((p) =>
    p.tasks.map((t) => ({ transfer: p.transfer, task: t, s: p.schedule.tasks.get(t.id) })),
  );
  const plan = tableSheet(
    wb,
    'Plan',
    [
      { header: 'Transfer', width: 28, kind: 'longText' },
      { header: 'Workstream', width: 28 },
      { header: 'Task', width: 44, kind: 'longText' },
      { header: 'Kind', width: 12 },
      { header: 'Owner organisation', width: 18 },
      { header: 'Assignee', width: 20 },
      { header: 'Start', width: 12, kind: 'date' },
      { header: 'Due', width: 12, kind: 'date' },
      { header: 'Forecast finish', width: 12, kind: 'date' },
      { header: 'Float (days)', width: 9, kind: 'number' },
      { header: 'Critical', width: 8 },
      { header: 'Status', width: 12 },
      { header: '% complete', width: 10, kind: 'percent' },
      { header: 'Condition precedent', width: 10 },
      { header: 'Predecessors', width: 44, kind: 'longText' },
    ],
    planRows.map(({ transfer, task: t, s }) => [
      transfer.name,
      WORKSTREAM_LABELS[t.workstream],
      t.title,
      TASK_KIND_LABELS[t.kind],
      t.owningOrganisation.shortName,
      t.assignee?.name ?? null,
      excelDate(t.startDate),
      excelDate(t.dueDate),
      excelDate(s?.forecastFinish ?? null),
      s ? s.slackDays : null,
      s?.critical ? 'Y' : 'N',
      TASK_STATUS_LABELS[t.status],
      t.status === 'done' ? 100 : t.percentComplete,
      t.conditionPrecedent ? 'Y' : 'N',
      (predecessorsOf.get(t.id) ?? []).join('\n'),
    ]),
    { xSplit: 3 },
  );
  planRows.forEach(({ task: t, s }, i) => {
    const row = plan.getRow(i + 2);
    if (s?.critical) row.getCell(11).font = { bold: true, color: { argb: 'FFD5281B' } };
    const open = t.status !== 'done' && t.status !== 'cancelled';
    if (open && t.dueDate < today) row.getCell(8).font = { bold: true, color: { argb: 'FFD5281B' } };
  });

  const dates = loaded.plans.flatMap((p) =>
    transferMilestonesWithState(p.transfer, p.tasks, today).map((m) => ({ transfer: p.transfer, m })),
  );
  const statutory = tableSheet(
    wb,
    'Statutory dates',
    [
      { header: 'Transfer', width: 32, kind: 'longText' },
      { header: 'Milestone', width: 40, kind: 'longText' },
      { header: 'Date', width: 12, kind: 'date' },
      { header: 'Rule', width: 80, kind: 'longText' },
      { header: 'State', width: 11 },
      { header: 'Done on', width: 12, kind: 'date' },
    ],
    dates.map(({ transfer, m }) => [
      transfer.name,
      m.label,
      excelDate(m.date),
      m.rule,
      MILESTONE_STATE_LABELS[m.state],
      excelDate(m.doneOn),
    ]),
  );
  dates.forEach(({ m }, i) => {
    const s = STATE_FILL[m.state];
    if (s) paint(statutory.getRow(i + 2).getCell(5), s.fill, s.text);
  });

  markEverySheet(wb);
  return workbookBuffer(wb);
}
