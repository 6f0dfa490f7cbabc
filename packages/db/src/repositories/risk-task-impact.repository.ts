import type { TVisibility } from '@baton/domain';
import type { Executor } from '../client';
import { visibleWhere } from '../visibility';

/* Risks linked to the plan tasks they would delay, by how many days: the schedule risk analysis's delay events. */

export async function setRiskTaskImpact(
  db: Executor,
  i: { programmeId: string; riskId: string; taskId: string; impactDays: number | null },
): Promise<void> {
  if (i.impactDays === null) {
    await db
      .deleteFrom('risk_task_impacts')
      .where('risk_id', '=', i.riskId)
      .where('task_id', '=', i.taskId)
      .execute();
    return;
  }
  await db
    .insertInto('risk_task_impacts')
    .values({ risk_id: i.riskId, task_id: i.taskId, programme_id: i.programmeId, impact_days: i.impactDays })
    .onConflict((oc) => oc.columns(['risk_id', 'task_id']).doUpdateSet({ impact_days: i.impactDays! }))
    .execute();
}

/** The live risks (open or draft) the reader may see that would delay tasks of these transfers. */
export async function riskImpactsForTransfers(
  db: Executor,
  transferIds: readonly string[],
  visibility: TVisibility,
) {
  if (!transferIds.length) return [];
  const rows = await db
    .selectFrom('risk_task_impacts as i')
    .innerJoin('risks as r', 'r.id', 'i.risk_id')
    .innerJoin('plan_tasks as k', 'k.id', 'i.task_id')
    .select([
      'i.risk_id',
      'i.task_id',
      'i.impact_days',
      'k.transfer_id',
      'r.number',
      'r.title',
      'r.current_likelihood',
    ])
    .where('k.transfer_id', 'in', [...transferIds])
    .where('r.status', 'in', ['open', 'draft'])
    .where(visibleWhere(visibility, 'r.owning_organisation_id'))
    .execute();
  return rows.map((r) => ({
    riskId: r.risk_id,
    taskId: r.task_id,
    transferId: r.transfer_id,
    impactDays: r.impact_days,
    riskNumber: r.number,
    riskTitle: r.title,
    likelihood: r.current_likelihood,
  }));
}

/** The tasks a risk would delay, as far as the reader may see them (with their transfer). */
export async function taskImpactsOfRisk(db: Executor, riskId: string, visibility: TVisibility) {
  return db
    .selectFrom('risk_task_impacts as i')
    .innerJoin('plan_tasks as k', 'k.id', 'i.task_id')
    .innerJoin('transfers as t', 't.id', 'k.transfer_id')
    .select(['i.task_id as taskId', 'k.title', 't.name as transferName', 'i.impact_days as impactDays'])
    .where('i.risk_id', '=', riskId)
    .where(visibleWhere(visibility, 't.outgoing_organisation_id', 't.incoming_organisation_id'))
    .orderBy('t.name')
    .orderBy('k.title')
    .execute();
}
