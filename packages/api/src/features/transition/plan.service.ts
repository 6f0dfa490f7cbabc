import {
  actualCommencement,
  daysBetween,
  isOpenTask,
  percentComplete,
  readinessOf,
  riskReference,
  scheduleTransfer,
  type TIsoDate,
  type TRiskMatrix,
  type TWorkstream,
} from '@baton/domain';
import {
  escalatedRisksForTransfers,
  findProgramme,
  findRiskMatrix,
  listDependencies,
  listTasks,
  listTransfers,
  type Executor,
  type TDependencyRow,
  type TProgrammeRow,
  type TTaskRow,
  type TTransferRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import { riskVisibility } from '../risk/risk.access';
import { transferVisibility } from './transition.access';

export type TScheduledPlan = ReturnType<typeof scheduleTransfer>;

/**
 * Every plan of several transfers, scheduled, in a constant number of queries: tasks, dependencies and
 * escalated linked risks are each read once for all of them, as far as the member may see them. Readiness,
 * the lead's workspace, the joint progress view, the steering pack and the plan download all start here.
 */
export async function loadPlans(
  db: Executor,
  member: TMember,
  transfers: TTransferRow[],
  today: TIsoDate,
  /** What the caller has read already, so it is not read twice. */
  known: { matrix?: TRiskMatrix; programme?: TProgrammeRow | undefined; rewindTo?: TIsoDate } = {},
) {
  const programmeId = member.programmeId;
  const ids = transfers.map((t) => t.id);
  const [stored, deps, matrix, programme] = await Promise.all([
    listTasks(db, { programmeId, transferIds: ids, visibility: transferVisibility(member) }),
    listDependencies(db, programmeId, ids),
    known.matrix ?? findRiskMatrix(db, programmeId).then((m) => m.matrix),
    'programme' in known ? known.programme : findProgramme(db, programmeId),
  ]);
  const tasks = known.rewindTo ? rewindTasks(stored, known.rewindTo) : stored;
  const risks = await escalatedRisksForTransfers(db, ids, matrix.escalationThreshold, riskVisibility(member));
  const plans = transfers.map((transfer) => {
    const mine = tasks.filter((t) => t.transferId === transfer.id);
    return {
      transfer,
      tasks: mine,
      schedule: scheduleTransfer(transfer, mine, deps, today),
      escalatedRisks: risks.filter((r) => r.transfer_id === transfer.id),
    };
  });
  return { plans, dependencies: deps as TDependencyRow[], programme, matrix };
}

/**
 * The plan as it stood on an earlier date, as far as the stored rows tell: a task completed after that date
 * was still open then. (Other edits are not kept by date; this is for papers frozen after the fact.)
 */
export function rewindTasks(tasks: readonly TTaskRow[], to: TIsoDate): TTaskRow[] {
  return tasks.map((t) =>
    t.status === 'done' && t.completedOn !== null && t.completedOn > to
      ? { ...t, status: 'in_progress', completedOn: null, percentComplete: Math.min(t.percentComplete, 90) }
      : t,
  );
}

export type TLoadedPlans = Awaited<ReturnType<typeof loadPlans>>;

/** Readiness (RAG with reasons) and the headline figures of each transfer. */
export function readinessOfPlans(loaded: TLoadedPlans, today: TIsoDate) {
  return loaded.plans.map(({ transfer, tasks: mine, schedule: sched, escalatedRisks }) => {
    const readiness = readinessOf({
      today,
      transferDate: transfer.plannedTransferDate,
      forecastGoLive: sched.forecastGoLive,
      tasks: mine
        .filter((t) => t.status !== 'cancelled')
        .map((t) => ({
          title: t.title,
          workstream: t.workstream,
          dueDate: t.dueDate,
          done: t.status === 'done',
          critical: sched.tasks.get(t.id)?.critical ?? false,
          conditionPrecedent: t.conditionPrecedent,
          isGate: t.kind === 'gate',
          gateCriteriaMet: t.gateCriteriaMet,
        })),
      escalatedRisks: escalatedRisks.map((r) => ({
        reference: riskReference(r.number),
        title: r.title,
        score: r.current_score,
        workstream: r.workstream as TWorkstream | null,
      })),
    });
    const conditions = mine.filter((t) => t.conditionPrecedent && t.status !== 'cancelled');
    return {
      transfer,
      readiness,
      forecastGoLive: sched.forecastGoLive,
      slackDays: sched.slackDays,
      percentComplete: percentComplete(mine),
      openConditions: conditions
        .filter((t) => t.status !== 'done')
        .map((t) => ({ id: t.id, title: t.title, dueDate: t.dueDate })),
      overdueCritical: mine
        .filter((t) => isOpenTask(t) && t.dueDate < today && sched.tasks.get(t.id)?.critical)
        .map((t) => ({
          id: t.id,
          title: t.title,
          dueDate: t.dueDate,
          owner: t.owningOrganisation.shortName,
        })),
      gates: mine
        .filter((t) => t.kind === 'gate')
        .map((t) => ({
          id: t.id,
          title: t.title,
          dueDate: t.dueDate,
          criteria: t.gateCriteria,
          met: t.gateCriteriaMet,
          status: t.status,
          owner: t.owningOrganisation.shortName,
        })),
      escalatedRisks: escalatedRisks.map((r) => ({
        id: r.id,
        reference: riskReference(r.number),
        title: r.title,
        score: r.current_score,
      })),
      commencement: actualCommencement(
        transfer.plannedTransferDate,
        conditions.map((t) => ({
          id: t.id,
          title: t.title,
          metOn: t.status === 'done' ? (t.completedOn ?? t.dueDate) : null,
        })),
        loaded.programme?.longstopDate ?? null,
      ),
      countdownDays: daysBetween(today, transfer.plannedTransferDate),
    };
  });
}

/** Every plan the member may see, scheduled. */
export async function loadVisiblePlans(
  db: Executor,
  member: TMember,
  today: TIsoDate,
  known: Parameters<typeof loadPlans>[4] = {},
) {
  const transfers = await listTransfers(db, member.programmeId, transferVisibility(member));
  return loadPlans(db, member, transfers, today, known);
}
