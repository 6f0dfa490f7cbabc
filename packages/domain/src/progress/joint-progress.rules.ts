import type { TPartyRole } from '../programme/programme.schema';
import { riskReference } from '../risk/risk.rules';
import { daysBetween, type TIsoDate } from '../shared/dates';
import type { TWorkstream } from '../shared/workstreams';
import type { TTaskKind, TTaskStatus } from '../transition/plan.schema';
import type { TRag } from '../transition/readiness.rules';
import { transferMilestonesWithState, type TTransferSchedule } from '../transition/schedule.rules';
import { isOpenTask, planMilestoneState, progressMatrix, topRedItems, type TRedItem } from './progress.rules';

/*
 * Joint progress of every organisation towards go-live, as a pure rule over what the caller may see: percent
 * complete by workstream and organisation, milestones, readiness per transfer and the few red items with
 * their owners. The API loads the data (under the caller's visibility); this assembles the view.
 */

/** How a chief executive reads the organisations: who buys, who hands over, who takes over, who helps. */
const ROLE_ORDER: Record<TPartyRole, number> = {
  lead_commissioner: 0,
  co_commissioner: 1,
  outgoing_provider: 2,
  incoming_provider: 3,
  partner: 4,
  bidder: 5,
};

export interface TJointProgressTask {
  id: string;
  title: string;
  workstream: TWorkstream;
  kind: TTaskKind;
  status: TTaskStatus;
  percentComplete: number;
  dueDate: TIsoDate;
  conditionPrecedent: boolean;
  owningOrganisation: { id: string; shortName: string };
  assignee: { id: string; name: string } | null;
  templateKey: string | null;
  completedOn: TIsoDate | null;
}

export interface TJointProgressTransfer {
  id: string;
  name: string;
  lotCode: string;
  plannedTransferDate: TIsoDate;
  proposedRedundancies: number;
  firstDismissalDate: TIsoDate | null;
  legacyAccessDays: number;
  outgoing: { id: string; shortName: string };
  incoming: { id: string; shortName: string };
}

export interface TJointProgressInput {
  today: TIsoDate;
  scope: 'all' | 'own';
  programme: { id: string; name: string; expectedServiceCommencement: TIsoDate };
  /** The programme's parties the caller may see (commissioners, and the caller's own organisation). */
  parties: ReadonlyArray<{
    role: TPartyRole;
    organisation: { id: string; name: string; shortName: string };
  }>;
  plans: ReadonlyArray<{
    transfer: TJointProgressTransfer;
    tasks: readonly TJointProgressTask[];
    schedule: TTransferSchedule;
  }>;
  readiness: ReadonlyArray<{
    transferId: string;
    forecastGoLive: TIsoDate | null;
    countdownDays: number;
    percentComplete: number;
    rag: TRag;
    reasons: string[];
    openConditions: number;
  }>;
  escalatedRisks: ReadonlyArray<{
    id: string;
    number: number;
    title: string;
    score: number;
    owningOrganisation: { shortName: string };
    owner: { name: string } | null;
  }>;
}

export function jointProgress(i: TJointProgressInput) {
  const { today } = i;
  // Organisations: the visible parties in role order, then any other task owner.
  const names = new Map<string, { id: string; name: string; shortName: string; roles: TPartyRole[] }>();
  for (const p of [...i.parties].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])) {
    const o = names.get(p.organisation.id) ?? { ...p.organisation, roles: [] };
    if (!o.roles.includes(p.role)) o.roles.push(p.role);
    names.set(p.organisation.id, o);
  }
  const tasks = i.plans.flatMap((p) => p.tasks);
  for (const t of tasks) {
    if (!names.has(t.owningOrganisation.id))
      names.set(t.owningOrganisation.id, {
        id: t.owningOrganisation.id,
        name: t.owningOrganisation.shortName,
        shortName: t.owningOrganisation.shortName,
        roles: [],
      });
  }
  const matrix = progressMatrix(
    tasks.map((t) => ({
      workstream: t.workstream,
      owningOrganisationId: t.owningOrganisation.id,
      status: t.status,
      percentComplete: t.percentComplete,
    })),
    [...names.keys()],
  );

  const statutory = new Map(
    i.plans.map((p) => [p.transfer.id, transferMilestonesWithState(p.transfer, p.tasks, today)]),
  );
  const statutoryOf = (transferId: string) => statutory.get(transferId)!;

  const milestones = i.plans.map((plan) => ({
    transferId: plan.transfer.id,
    transferName: plan.transfer.name,
    plannedTransferDate: plan.transfer.plannedTransferDate,
    forecastGoLive: plan.schedule.forecastGoLive,
    items: [
      ...plan.tasks
        .filter((t) => (t.kind === 'milestone' || t.kind === 'gate') && t.status !== 'cancelled')
        .map((t) => {
          const forecastFinish = plan.schedule.tasks.get(t.id)?.forecastFinish ?? t.dueDate;
          return {
            source: 'plan' as const,
            key: t.id,
            label: t.title,
            kind: t.kind,
            date: t.dueDate,
            forecast: forecastFinish,
            state: planMilestoneState({ status: t.status, dueDate: t.dueDate, forecastFinish }, today),
            owner: t.owningOrganisation.shortName,
          };
        }),
      ...statutoryOf(plan.transfer.id)
        .filter((s) => s.key !== 'transfer')
        .map((s) => ({
          source: 'statutory' as const,
          key: s.key,
          label: s.label,
          kind: 'statutory' as const,
          date: s.date,
          forecast: null as TIsoDate | null,
          state: s.state,
          owner: null as string | null,
        })),
    ].sort((a, b) => a.date.localeCompare(b.date)),
  }));

  const red: TRedItem[] = [];
  for (const plan of i.plans) {
    for (const t of plan.tasks) {
      if (!isOpenTask(t) || t.dueDate >= today) continue;
      const critical = plan.schedule.tasks.get(t.id)?.critical ?? false;
      const kind = t.conditionPrecedent
        ? 'condition'
        : t.kind === 'gate'
          ? 'gate'
          : critical
            ? 'critical_task'
            : null;
      if (!kind) continue;
      red.push({
        kind,
        title: t.title,
        organisation: t.owningOrganisation.shortName,
        person: t.assignee?.name ?? null,
        transferName: plan.transfer.name,
        dueDate: t.dueDate,
        score: daysBetween(t.dueDate, today),
        link: { taskId: t.id, transferId: plan.transfer.id },
      });
    }
    for (const s of statutoryOf(plan.transfer.id)) {
      if (s.state !== 'missed') continue;
      red.push({
        kind: 'statutory',
        title: s.label,
        organisation: plan.transfer.outgoing.shortName,
        person: null,
        transferName: plan.transfer.name,
        dueDate: s.date,
        score: daysBetween(s.date, today),
        link: { transferId: plan.transfer.id },
      });
    }
  }
  for (const r of i.escalatedRisks) {
    red.push({
      kind: 'risk',
      title: `${riskReference(r.number)} ${r.title}`,
      organisation: r.owningOrganisation.shortName,
      person: r.owner?.name ?? null,
      transferName: null,
      dueDate: null,
      score: r.score,
      link: { riskId: r.id },
    });
  }

  const rag = { red: 0, amber: 0, green: 0 };
  for (const r of i.readiness) rag[r.rag]++;
  const forecasts = i.readiness.map((r) => r.forecastGoLive).filter((d): d is string => d !== null);
  const transferOf = new Map(i.plans.map((p) => [p.transfer.id, p.transfer]));
  return {
    today,
    programme: {
      id: i.programme.id,
      name: i.programme.name,
      expectedServiceCommencement: i.programme.expectedServiceCommencement,
      daysToGoLive: daysBetween(today, i.programme.expectedServiceCommencement),
      latestForecastGoLive: forecasts.length ? forecasts.reduce((a, b) => (a > b ? a : b)) : null,
    },
    scope: i.scope,
    transfersByRag: rag,
    organisations: matrix.organisationIds.map((id) => names.get(id)!),
    matrix,
    readiness: i.readiness.map((r) => {
      const t = transferOf.get(r.transferId)!;
      return {
        transferId: t.id,
        name: t.name,
        lotCode: t.lotCode,
        outgoing: t.outgoing.shortName,
        incoming: t.incoming.shortName,
        plannedTransferDate: t.plannedTransferDate,
        forecastGoLive: r.forecastGoLive,
        daysToTransfer: r.countdownDays,
        percentComplete: r.percentComplete,
        rag: r.rag,
        reasons: r.reasons,
        openConditions: r.openConditions,
      };
    }),
    milestones,
    redItems: topRedItems(red, today),
  };
}
