import { isOpenTask, blockedTasks } from '../progress/progress.rules';
import { riskReference } from '../risk/risk.rules';
import { RAID_KIND_LABELS, raidReference, type TRaidKind } from '../raid/raid.schema';
import { ddReference } from '../due-diligence/due-diligence.schema';
import { addDays, daysBetween, todayInUk, type TIsoDate } from '../shared/dates';
import type { TWorkstream } from '../shared/workstreams';
import type { TTaskKind, TTaskStatus } from '../transition/plan.schema';
import {
  transferMilestonesWithState,
  type TScheduleDependency,
  type TTransferSchedule,
} from '../transition/schedule.rules';

/*
 * The transition lead's day, as a pure rule over the plans the lead may see: my (or my organisation's) tasks
 * due soon, overdue, blocked by unfinished predecessors and on the critical path; upcoming statutory dates;
 * and everything awaiting my update. The API loads the data; this decides what goes where.
 */

/** Statutory dates this far ahead are shown in the workspace. */
export const STATUTORY_HORIZON_DAYS = 90;
/** An in-progress task untouched this long is waiting for its owner's update. */
export const STALE_AFTER_DAYS = 14;
/** Actions and reviews due within this many days are waiting for an update. */
export const AWAITING_DUE_SOON_DAYS = 7;

export interface TWorkspaceTask {
  id: string;
  version: number;
  title: string;
  workstream: TWorkstream;
  kind: TTaskKind;
  owningOrganisation: { id: string; shortName: string };
  assignee: { id: string; name: string } | null;
  startDate: TIsoDate;
  dueDate: TIsoDate;
  status: TTaskStatus;
  percentComplete: number;
  conditionPrecedent: boolean;
  updatedAt: Date;
  templateKey: string | null;
  completedOn: TIsoDate | null;
}

export interface TWorkspacePlan {
  transfer: {
    id: string;
    name: string;
    plannedTransferDate: TIsoDate;
    proposedRedundancies: number;
    firstDismissalDate: TIsoDate | null;
    legacyAccessDays: number;
  };
  tasks: readonly TWorkspaceTask[];
  schedule: TTransferSchedule;
}

export interface TWorkspaceInput {
  today: TIsoDate;
  horizonDays: number;
  /** Mine, my organisation's, or the whole programme's (every organisation's, for those who run the handover). */
  scope: 'mine' | 'organisation' | 'programme';
  userId: string;
  organisationId: string;
  /** May the lead change a task owned by this organisation? */
  canEdit: (owningOrganisationId: string) => boolean;
  plans: readonly TWorkspacePlan[];
  dependencies: readonly TScheduleDependency[];
  actions: ReadonlyArray<{
    id: string;
    description: string;
    dueDate: TIsoDate;
    risk: { id: string; number: number; title: string };
  }>;
  reviews: ReadonlyArray<{
    id: string;
    number: number;
    title: string;
    score: number;
    nextReviewOn: TIsoDate;
  }>;
  /** Open RAID items with a due date (meeting actions, issues, assumptions to validate), in scope and due soon. */
  raid?: ReadonlyArray<{ id: string; kind: TRaidKind; number: number; title: string; dueOn: TIsoDate }>;
  /** Due diligence requests awaiting this scope's answer (asked of the organisation, or of the person). */
  requests?: ReadonlyArray<{ id: string; number: number; title: string; dueOn: TIsoDate; askedBy: string }>;
  /** Assurance gateways in panel scoring where the person still has criteria to rate. */
  ratings?: ReadonlyArray<{
    id: string;
    name: string;
    dueOn: TIsoDate | null;
    criteria: number;
    rated: number;
  }>;
}

const RAID_DUE_WORDS: Record<TRaidKind, string> = {
  action: 'Meeting action',
  issue: 'Issue resolution',
  assumption: 'Assumption to validate',
  decision: 'Decision',
};

export function leadWorkspace(i: TWorkspaceInput) {
  const { today } = i;
  const horizon = addDays(today, i.horizonDays);
  const inScope = (t: TWorkspaceTask) =>
    i.scope === 'programme'
      ? true
      : i.scope === 'mine'
        ? t.assignee?.id === i.userId
        : t.owningOrganisation.id === i.organisationId;
  const present = (t: TWorkspaceTask, plan: TWorkspacePlan) => {
    const s = plan.schedule.tasks.get(t.id);
    return {
      id: t.id,
      version: t.version,
      title: t.title,
      transferId: plan.transfer.id,
      transferName: plan.transfer.name,
      workstream: t.workstream,
      kind: t.kind,
      owner: t.owningOrganisation.shortName,
      assignee: t.assignee?.name ?? null,
      startDate: t.startDate,
      dueDate: t.dueDate,
      forecastFinish: s?.forecastFinish ?? t.dueDate,
      slackDays: s?.slackDays ?? null,
      critical: s?.critical ?? false,
      status: t.status,
      percentComplete: t.percentComplete,
      conditionPrecedent: t.conditionPrecedent,
      daysOverdue: Math.max(0, daysBetween(t.dueDate, today)),
      canEdit: i.canEdit(t.owningOrganisation.id),
    };
  };
  type TShown = ReturnType<typeof present>;

  const mine: TShown[] = [];
  const blocked: Array<TShown & { blockedBy: TShown[] }> = [];
  const statutory: Array<{
    transferId: string;
    transferName: string;
    key: string;
    label: string;
    date: TIsoDate;
    rule: string;
    state: string;
    daysAway: number;
  }> = [];
  for (const plan of i.plans) {
    for (const t of plan.tasks) if (isOpenTask(t) && inScope(t)) mine.push(present(t, plan));
    const deps = i.dependencies.filter((d) => plan.schedule.tasks.has(d.successorId));
    for (const b of blockedTasks(plan.tasks, deps, today, i.horizonDays)) {
      if (inScope(b.task))
        blocked.push({ ...present(b.task, plan), blockedBy: b.blockedBy.map((p) => present(p, plan)) });
    }
    for (const s of transferMilestonesWithState(plan.transfer, plan.tasks, today)) {
      if (s.state === 'done') continue;
      if (s.state !== 'missed' && s.date > addDays(today, STATUTORY_HORIZON_DAYS)) continue;
      statutory.push({
        transferId: plan.transfer.id,
        transferName: plan.transfer.name,
        key: s.key,
        label: s.label,
        date: s.date,
        rule: s.rule,
        state: s.state,
        daysAway: daysBetween(today, s.date),
      });
    }
  }
  const byDue = (a: TShown, b: TShown) =>
    a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title);
  const dueSoon = mine.filter((t) => t.dueDate >= today && t.dueDate <= horizon).sort(byDue);
  const overdue = mine.filter((t) => t.dueDate < today).sort(byDue);
  const critical = mine.filter((t) => t.critical).sort(byDue);
  blocked.sort(byDue);
  statutory.sort((a, b) => a.date.localeCompare(b.date));

  const awaiting: Array<{
    kind: 'task' | 'action' | 'review' | 'raid' | 'dd_request' | 'gateway';
    id: string;
    title: string;
    reason: string;
    dueDate: TIsoDate | null;
    riskId: string | null;
    context: string;
  }> = [];
  for (const plan of i.plans) {
    for (const t of plan.tasks) {
      if (!isOpenTask(t) || !inScope(t)) continue;
      const idle = daysBetween(todayInUk(t.updatedAt), today);
      const reason =
        t.status === 'blocked'
          ? 'Marked as blocked: record what would unblock it'
          : t.status === 'not_started' && t.startDate < today
            ? `Was due to start ${daysBetween(t.startDate, today)} days ago and is not started`
            : t.status === 'in_progress' && idle >= STALE_AFTER_DAYS
              ? `In progress with no update for ${idle} days`
              : null;
      if (reason)
        awaiting.push({
          kind: 'task',
          id: t.id,
          title: t.title,
          reason,
          dueDate: t.dueDate,
          riskId: null,
          context: plan.transfer.name,
        });
    }
  }
  for (const a of i.actions) {
    const late = daysBetween(a.dueDate, today);
    awaiting.push({
      kind: 'action',
      id: a.id,
      title: a.description,
      reason: late > 0 ? `Mitigation action ${late} days overdue` : `Mitigation action due in ${-late} days`,
      dueDate: a.dueDate,
      riskId: a.risk.id,
      context: `${riskReference(a.risk.number)} ${a.risk.title}`,
    });
  }
  for (const r of i.reviews) {
    const late = daysBetween(r.nextReviewOn, today);
    awaiting.push({
      kind: 'review',
      id: r.id,
      title: `${riskReference(r.number)} ${r.title}`,
      reason:
        late > 0
          ? `Risk review ${late} days late`
          : late === 0
            ? 'Risk review due today'
            : `Risk review due in ${-late} days`,
      dueDate: r.nextReviewOn,
      riskId: r.id,
      context: `Score ${r.score}`,
    });
  }
  for (const r of i.raid ?? []) {
    const late = daysBetween(r.dueOn, today);
    const what = RAID_DUE_WORDS[r.kind];
    awaiting.push({
      kind: 'raid',
      id: r.id,
      title: `${raidReference(r.kind, r.number)} ${r.title}`,
      reason:
        late > 0
          ? `${what} ${late} days overdue`
          : late === 0
            ? `${what} due today`
            : `${what} due in ${-late} days`,
      dueDate: r.dueOn,
      riskId: null,
      context: RAID_KIND_LABELS[r.kind].one,
    });
  }
  for (const r of i.requests ?? []) {
    const late = daysBetween(r.dueOn, today);
    awaiting.push({
      kind: 'dd_request',
      id: r.id,
      title: `${ddReference(r.number)} ${r.title}`,
      reason:
        late > 0
          ? `Answer ${late} days overdue`
          : late === 0
            ? 'Answer due today'
            : `Answer due in ${-late} days`,
      dueDate: r.dueOn,
      riskId: null,
      context: `Due diligence asked by ${r.askedBy}`,
    });
  }
  for (const g of i.ratings ?? []) {
    const toRate = `${g.criteria - g.rated} of ${g.criteria} criteria to rate`;
    const late = g.dueOn ? daysBetween(g.dueOn, today) : null;
    awaiting.push({
      kind: 'gateway',
      id: g.id,
      title: g.name,
      reason:
        late === null
          ? `Panel rating: ${toRate}`
          : late > 0
            ? `Panel ratings ${late} days overdue: ${toRate}`
            : late === 0
              ? `Panel ratings due today: ${toRate}`
              : `Panel ratings due in ${-late} days: ${toRate}`,
      dueDate: g.dueOn,
      riskId: null,
      context: 'Assurance gateway',
    });
  }
  awaiting.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  // Overdue counts everything the person owes, not only tasks: mitigation actions and risk reviews past due.
  const overdueOther = awaiting.filter((a) => a.kind !== 'task' && a.dueDate !== null && a.dueDate < today);

  return {
    today,
    horizon,
    scope: i.scope,
    counts: {
      dueSoon: dueSoon.length,
      overdue: overdue.length + overdueOther.length,
      blocked: blocked.length,
      critical: critical.length,
      statutory: statutory.length,
      awaiting: awaiting.length,
    },
    dueSoon,
    overdue,
    overdueOther,
    blocked,
    critical,
    statutory,
    awaiting,
  };
}
