import {
  DEFAULT_ESTIMATE_RULE,
  LIKELIHOOD_PROBABILITY_RULE,
  seedFromText,
  transferMilestonesWithState,
  type TIsoDate,
} from '@baton/domain';
import { riskImpactsForTransfers, type Executor } from '@baton/db';
import type { TMember } from '../../access/membership';
import { simulateTransfers, type TSimulation } from '../../compute/compute';
import type { TMemberContext } from '../../context';
import { riskVisibility } from '../risk/risk.access';
import { loadPlans, type TLoadedPlans } from './plan.service';
import { visibleTransfer } from './transition.access';

/*
 * Go-live confidence: a Monte Carlo of each plan (three-point durations, linked risks as delay events) on the
 * forecasting rules the plan uses, run in a worker thread. Seeded from the transfer and the date, so the same
 * day gives the same figures, and a frozen pack (which stores the seed) reproduces exactly.
 */

/** Statutory dates whose miss the simulation estimates, and the plan task that must finish by each. */
const DEADLINE_TASKS: Record<string, string> = {
  eli_due: 'eli',
  measures_letter: 'measures',
  collective_consultation: 'consultation',
  legacy_access_end: 'go_live',
};

export const GO_LIVE_CONFIDENCE_METHOD = [
  'Each task’s duration is drawn from a triangular distribution between its optimistic, most likely (planned) and pessimistic estimates.',
  DEFAULT_ESTIMATE_RULE,
  `A risk linked to a task may delay it by its impact in days, with a probability from its current likelihood: ${LIKELIHOOD_PROBABILITY_RULE}`,
  'Finished work keeps its actual dates; work under way keeps its start. The plan is simulated thousands of times: P80 is the date by which 80% of the simulated plans had gone live.',
].join(' ');

export async function goLiveConfidence(
  db: Executor,
  member: TMember,
  loaded: TLoadedPlans,
  today: TIsoDate,
  o: { iterations: number },
) {
  const ids = loaded.plans.map((p) => p.transfer.id);
  const risks = await riskImpactsForTransfers(db, ids, riskVisibility(member));
  const simulations: TSimulation[] = loaded.plans.map((p) => {
    const byKey = new Map(p.tasks.filter((t) => t.templateKey).map((t) => [t.templateKey!, t]));
    const deadlines = transferMilestonesWithState(p.transfer, p.tasks, today).flatMap((m) => {
      const task = DEADLINE_TASKS[m.key] ? byKey.get(DEADLINE_TASKS[m.key]!) : undefined;
      if (!task) return [];
      // Legacy access is counted from the transfer date: it is missed when go-live slips past it.
      const date = m.key === 'legacy_access_end' ? p.transfer.plannedTransferDate : m.date;
      return [{ key: m.key, taskId: task.id, date }];
    });
    return {
      planKey: p.planKey,
      head: {
        transfer: { plannedTransferDate: p.transfer.plannedTransferDate },
        today,
        risks: risks
          .filter((r) => r.transferId === p.transfer.id)
          .map((r) => ({ taskId: r.taskId, likelihood: r.likelihood, impactDays: r.impactDays })),
        deadlines,
        iterations: o.iterations,
        seed: seedFromText(`${p.transfer.id}:${today}`),
      },
      // Only what the simulation reads (it is copied to a worker thread), and only built when the plan has not
      // been simulated for this key already.
      plan: () => ({
        tasks: p.tasks.map((t) => ({
          id: t.id,
          kind: t.kind,
          status: t.status,
          startDate: t.startDate,
          dueDate: t.dueDate,
          actualStart: t.actualStart,
          completedOn: t.completedOn,
          percentComplete: t.percentComplete,
          estimate:
            t.optimisticDays !== null && t.pessimisticDays !== null
              ? {
                  optimistic: t.optimisticDays,
                  mostLikely: Math.min(
                    Math.max(t.optimisticDays, dayCount(t.startDate, t.dueDate)),
                    t.pessimisticDays,
                  ),
                  pessimistic: t.pessimisticDays,
                }
              : null,
        })),
        dependencies: loaded.dependencies
          .filter((d) => p.schedule.tasks.has(d.successorId))
          .map((d) => ({ predecessorId: d.predecessorId, successorId: d.successorId, lagDays: d.lagDays })),
      }),
    };
  });
  const results = await simulateTransfers(simulations);
  return new Map(
    loaded.plans.map((p, i) => {
      const r = results[i]!;
      return [
        p.transfer.id,
        {
          ...r,
          risks: risks.filter((x) => x.transferId === p.transfer.id),
          deadlines: transferMilestonesWithState(p.transfer, p.tasks, today)
            .filter((m) => m.key in r.deadlineMissProbability)
            .map((m) => ({
              key: m.key,
              label: m.label,
              date: m.date,
              missProbability: r.deadlineMissProbability[m.key]!,
            })),
        },
      ];
    }),
  );
}

const dayCount = (from: TIsoDate, to: TIsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** One transfer's go-live confidence at full resolution (10,000 iterations), for the plan screen. */
export async function transferGoLiveConfidence(ctx: TMemberContext, transferId: string) {
  const today = ctx.today();
  const transfer = await visibleTransfer(ctx.db, ctx.member, transferId);
  const loaded = await loadPlans(ctx.db, ctx.member, [transfer], today);
  const result = (await goLiveConfidence(ctx.db, ctx.member, loaded, today, { iterations: 10_000 })).get(
    transfer.id,
  )!;
  const tasks = new Map(loaded.plans[0]!.tasks.map((t) => [t.id, t]));
  return {
    ...result,
    transferDate: transfer.plannedTransferDate,
    method: GO_LIVE_CONFIDENCE_METHOD,
    /** The tasks most often on the critical path, with how often. */
    mostCritical: Object.entries(result.criticalityIndex)
      .filter(([id, share]) => share > 0.05 && tasks.get(id)?.status !== 'done')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([id, share]) => ({
        taskId: id,
        title: tasks.get(id)?.title ?? '',
        owner: tasks.get(id)?.owningOrganisation.shortName ?? '',
        share,
      })),
  };
}
