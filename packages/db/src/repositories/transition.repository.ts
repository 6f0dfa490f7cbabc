import type { TTaskKind, TTaskStatus, TTransferStatus, TVisibility, TWorkstream } from '@baton/domain';
import type { Executor } from '../client';
import { visibleWhere } from '../visibility';
import { bumpVersion, staleOrMissing } from './versioning';

/* ---------- transfers ---------- */

export interface TTransferRow {
  id: string;
  programmeId: string;
  lotId: string;
  lotCode: string;
  name: string;
  outgoing: { id: string; name: string; shortName: string };
  incoming: { id: string; name: string; shortName: string };
  services: string;
  plannedTransferDate: string;
  status: TTransferStatus;
  proposedRedundancies: number;
  firstDismissalDate: string | null;
  legacyAccessDays: number;
  version: number;
}

export interface TTransferWrite {
  name: string;
  lotId: string;
  outgoingOrganisationId: string;
  incomingOrganisationId: string;
  services: string;
  plannedTransferDate: string;
  status: TTransferStatus;
  proposedRedundancies: number;
  firstDismissalDate: string | null;
  legacyAccessDays: number;
}

function selectTransfers(db: Executor) {
  return db
    .selectFrom('transfers as t')
    .innerJoin('lots as l', 'l.id', 't.lot_id')
    .innerJoin('organisations as o', 'o.id', 't.outgoing_organisation_id')
    .innerJoin('organisations as i', 'i.id', 't.incoming_organisation_id')
    .selectAll('t')
    .select([
      'l.code as lot_code',
      'o.name as out_name',
      'o.short_name as out_short',
      'i.name as in_name',
      'i.short_name as in_short',
    ]);
}
type TransferDbRow = Awaited<ReturnType<ReturnType<typeof selectTransfers>['executeTakeFirstOrThrow']>>;

function toTransfer(r: TransferDbRow): TTransferRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    lotId: r.lot_id,
    lotCode: r.lot_code,
    name: r.name,
    outgoing: { id: r.outgoing_organisation_id, name: r.out_name, shortName: r.out_short },
    incoming: { id: r.incoming_organisation_id, name: r.in_name, shortName: r.in_short },
    services: r.services,
    plannedTransferDate: r.planned_transfer_date,
    status: r.status as TTransferStatus,
    proposedRedundancies: r.proposed_redundancies,
    firstDismissalDate: r.first_dismissal_date,
    legacyAccessDays: r.legacy_access_days,
    version: r.version,
  };
}

const transferColumns = (w: TTransferWrite) => ({
  name: w.name,
  lot_id: w.lotId,
  outgoing_organisation_id: w.outgoingOrganisationId,
  incoming_organisation_id: w.incomingOrganisationId,
  services: w.services,
  planned_transfer_date: w.plannedTransferDate,
  status: w.status,
  proposed_redundancies: w.proposedRedundancies,
  first_dismissal_date: w.firstDismissalDate,
  legacy_access_days: w.legacyAccessDays,
});

/** A transfer is seen by everyone who sees every organisation, and by its outgoing and incoming providers. */
export const visibleTransferWhere = (v: TVisibility, alias = 't') =>
  visibleWhere(v, `${alias}.outgoing_organisation_id`, `${alias}.incoming_organisation_id`);

export async function listTransfers(
  db: Executor,
  programmeId: string,
  visibility: TVisibility,
): Promise<TTransferRow[]> {
  const q = selectTransfers(db)
    .where('t.programme_id', '=', programmeId)
    .where(visibleTransferWhere(visibility));
  return (await q.orderBy('l.code').orderBy('t.name').execute()).map(toTransfer);
}

export async function findTransfer(
  db: Executor,
  programmeId: string,
  transferId: string,
): Promise<TTransferRow | undefined> {
  const r = await selectTransfers(db)
    .where('t.programme_id', '=', programmeId)
    .where('t.id', '=', transferId)
    .executeTakeFirst();
  return r && toTransfer(r);
}

export async function insertTransfer(
  db: Executor,
  programmeId: string,
  w: TTransferWrite,
): Promise<TTransferRow> {
  const { id } = await db
    .insertInto('transfers')
    .values({ ...transferColumns(w), programme_id: programmeId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findTransfer(db, programmeId, id))!;
}

export async function updateTransfer(
  db: Executor,
  before: TTransferRow,
  w: TTransferWrite,
  version: number,
): Promise<TTransferRow> {
  const r = await db
    .updateTable('transfers')
    .set({ ...transferColumns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('transfer', await findTransfer(db, before.programmeId, before.id));
  return (await findTransfer(db, before.programmeId, before.id))!;
}

/* ---------- tasks ---------- */

export interface TTaskRow {
  id: string;
  programmeId: string;
  transferId: string;
  templateKey: string | null;
  title: string;
  description: string;
  workstream: TWorkstream;
  kind: TTaskKind;
  owningOrganisation: { id: string; shortName: string };
  assignee: { id: string; name: string } | null;
  startDate: string;
  dueDate: string;
  status: TTaskStatus;
  percentComplete: number;
  evidence: string;
  conditionPrecedent: boolean;
  gateCriteria: string;
  gateCriteriaMet: boolean;
  /** The actual finish. */
  completedOn: string | null;
  actualStart: string | null;
  /** Three-point estimate for the schedule risk analysis (the planned duration is the most likely). */
  optimisticDays: number | null;
  pessimisticDays: number | null;
  updatedAt: Date;
  version: number;
}

export interface TTaskWrite {
  title: string;
  description: string;
  workstream: TWorkstream;
  kind: TTaskKind;
  owningOrganisationId: string;
  assigneeUserId: string | null;
  startDate: string;
  dueDate: string;
  status: TTaskStatus;
  percentComplete: number;
  evidence: string;
  conditionPrecedent: boolean;
  gateCriteria: string;
  gateCriteriaMet: boolean;
  completedOn: string | null;
  actualStart?: string | null;
  optimisticDays?: number | null;
  pessimisticDays?: number | null;
}

function selectTasks(db: Executor) {
  return (
    db
      .selectFrom('plan_tasks as k')
      .innerJoin('organisations as o', 'o.id', 'k.owning_organisation_id')
      .leftJoin('users as u', 'u.id', 'k.assignee_user_id')
      // The columns a task row carries, not `*`: a plan of thousands of tasks is read on every readiness view,
      // and each unused timestamp is a Date parsed per row (issue 12's profile).
      .select([
        'k.id',
        'k.programme_id',
        'k.transfer_id',
        'k.template_key',
        'k.title',
        'k.description',
        'k.workstream',
        'k.kind',
        'k.owning_organisation_id',
        'k.assignee_user_id',
        'k.start_date',
        'k.due_date',
        'k.status',
        'k.percent_complete',
        'k.evidence',
        'k.condition_precedent',
        'k.gate_criteria',
        'k.gate_criteria_met',
        'k.completed_on',
        'k.actual_start',
        'k.optimistic_days',
        'k.pessimistic_days',
        'k.updated_at',
        'k.version',
        'o.short_name as org_short',
        'u.name as assignee_name',
      ])
  );
}
type TaskDbRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

function toTask(r: TaskDbRow): TTaskRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    transferId: r.transfer_id,
    templateKey: r.template_key,
    title: r.title,
    description: r.description,
    workstream: r.workstream as TWorkstream,
    kind: r.kind as TTaskKind,
    owningOrganisation: { id: r.owning_organisation_id, shortName: r.org_short },
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: r.assignee_name ?? 'Unknown' } : null,
    startDate: r.start_date,
    dueDate: r.due_date,
    status: r.status as TTaskStatus,
    percentComplete: r.percent_complete,
    evidence: r.evidence,
    conditionPrecedent: r.condition_precedent,
    gateCriteria: r.gate_criteria,
    gateCriteriaMet: r.gate_criteria_met,
    completedOn: r.completed_on,
    actualStart: r.actual_start,
    optimisticDays: r.optimistic_days,
    pessimisticDays: r.pessimistic_days,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const taskColumns = (w: TTaskWrite) => ({
  title: w.title,
  description: w.description,
  workstream: w.workstream,
  kind: w.kind,
  owning_organisation_id: w.owningOrganisationId,
  assignee_user_id: w.assigneeUserId,
  start_date: w.startDate,
  due_date: w.dueDate,
  status: w.status,
  percent_complete: w.percentComplete,
  evidence: w.evidence,
  condition_precedent: w.conditionPrecedent,
  gate_criteria: w.gateCriteria,
  gate_criteria_met: w.gateCriteriaMet,
  completed_on: w.completedOn,
  actual_start: w.actualStart ?? null,
  optimistic_days: w.optimisticDays ?? null,
  pessimistic_days: w.pessimisticDays ?? null,
});

export interface TTaskFilter {
  programmeId: string;
  /** Tasks are seen with their transfer. */
  visibility: TVisibility;
  transferIds?: string[] | undefined;
  assigneeUserId?: string | undefined;
  owningOrganisationId?: string | undefined;
  /** Bidder-style isolation does not apply to plans, but providers may narrow to transfers they are party to. */
  dueOnOrBefore?: string | undefined;
  openOnly?: boolean | undefined;
}

/**
 * Each transfer's plan fingerprint (changed by the database whenever a task, a dependency or a name a task
 * carries changes; migration 0019), so a process can keep a scheduled plan against it.
 */
export async function planVersions(db: Executor, transferIds: string[]): Promise<Map<string, string>> {
  if (!transferIds.length) return new Map();
  const rows = await db
    .selectFrom('transfers')
    .select(['id', 'plan_version'])
    .where('id', 'in', transferIds)
    .execute();
  return new Map(rows.map((r) => [r.id, String(r.plan_version)]));
}

export async function listTasks(db: Executor, f: TTaskFilter): Promise<TTaskRow[]> {
  let q = selectTasks(db).where('k.programme_id', '=', f.programmeId);
  if (f.visibility.kind === 'own')
    q = q.where('k.transfer_id', 'in', (eb) =>
      eb
        .selectFrom('transfers as vt')
        .select('vt.id')
        .where('vt.programme_id', '=', f.programmeId)
        .where(visibleTransferWhere(f.visibility, 'vt')),
    );
  if (f.transferIds)
    q = f.transferIds.length
      ? q.where('k.transfer_id', 'in', f.transferIds)
      : q.where(({ lit }) => lit(false));
  if (f.assigneeUserId) q = q.where('k.assignee_user_id', '=', f.assigneeUserId);
  if (f.owningOrganisationId) q = q.where('k.owning_organisation_id', '=', f.owningOrganisationId);
  if (f.dueOnOrBefore) q = q.where('k.due_date', '<=', f.dueOnOrBefore);
  if (f.openOnly) q = q.where('k.status', 'not in', ['done', 'cancelled']);
  return (await q.orderBy('k.start_date').orderBy('k.due_date').orderBy('k.title').execute()).map(toTask);
}

export async function findTask(
  db: Executor,
  programmeId: string,
  taskId: string,
): Promise<TTaskRow | undefined> {
  const r = await selectTasks(db)
    .where('k.programme_id', '=', programmeId)
    .where('k.id', '=', taskId)
    .executeTakeFirst();
  return r && toTask(r);
}

export async function insertTasks(
  db: Executor,
  programmeId: string,
  transferId: string,
  tasks: Array<TTaskWrite & { templateKey?: string | null }>,
): Promise<string[]> {
  if (!tasks.length) return [];
  const rows = await db
    .insertInto('plan_tasks')
    .values(
      tasks.map((t) => ({
        ...taskColumns(t),
        programme_id: programmeId,
        transfer_id: transferId,
        template_key: t.templateKey ?? null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function updateTask(
  db: Executor,
  before: TTaskRow,
  w: TTaskWrite,
  version: number,
): Promise<TTaskRow> {
  const r = await db
    .updateTable('plan_tasks')
    .set({ ...taskColumns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('task', await findTask(db, before.programmeId, before.id));
  return (await findTask(db, before.programmeId, before.id))!;
}

/* ---------- dependencies ---------- */

export interface TDependencyRow {
  id: string;
  predecessorId: string;
  successorId: string;
  lagDays: number;
}

export async function listDependencies(
  db: Executor,
  programmeId: string,
  transferIds?: string[],
): Promise<TDependencyRow[]> {
  let q = db
    .selectFrom('task_dependencies as d')
    .innerJoin('plan_tasks as s', 's.id', 'd.successor_id')
    .select(['d.id', 'd.predecessor_id', 'd.successor_id', 'd.lag_days'])
    .where('d.programme_id', '=', programmeId);
  if (transferIds)
    q = transferIds.length ? q.where('s.transfer_id', 'in', transferIds) : q.where(({ lit }) => lit(false));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    predecessorId: r.predecessor_id,
    successorId: r.successor_id,
    lagDays: r.lag_days,
  }));
}

export async function insertDependencies(
  db: Executor,
  programmeId: string,
  deps: Array<{ predecessorId: string; successorId: string; lagDays: number }>,
): Promise<void> {
  if (!deps.length) return;
  await db
    .insertInto('task_dependencies')
    .values(
      deps.map((d) => ({
        programme_id: programmeId,
        predecessor_id: d.predecessorId,
        successor_id: d.successorId,
        lag_days: d.lagDays,
      })),
    )
    .execute();
}

export async function deleteDependency(
  db: Executor,
  programmeId: string,
  id: string,
): Promise<TDependencyRow | undefined> {
  const r = await db
    .deleteFrom('task_dependencies')
    .where('programme_id', '=', programmeId)
    .where('id', '=', id)
    .returning(['id', 'predecessor_id', 'successor_id', 'lag_days'])
    .executeTakeFirst();
  return r && { id: r.id, predecessorId: r.predecessor_id, successorId: r.successor_id, lagDays: r.lag_days };
}

/* ---------- risks linked to transfers ---------- */

export async function linkRiskToTransfer(db: Executor, riskId: string, transferId: string): Promise<void> {
  await db
    .insertInto('risk_transfer_links')
    .values({ risk_id: riskId, transfer_id: transferId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Open risks linked to these transfers at or above a score, with their workstream, for readiness: only those
 * the reader may see (a commissioner's internal risk never reaches a bidder's readiness reasons).
 */
export async function escalatedRisksForTransfers(
  db: Executor,
  transferIds: string[],
  threshold: number,
  visibility: TVisibility,
) {
  if (!transferIds.length) return [];
  return db
    .selectFrom('risk_transfer_links as l')
    .innerJoin('risks as r', 'r.id', 'l.risk_id')
    .innerJoin('organisations as o', 'o.id', 'r.owning_organisation_id')
    .select([
      'l.transfer_id',
      'r.id',
      'r.number',
      'r.title',
      'r.current_score',
      'r.workstream',
      'o.short_name as owner_short_name',
    ])
    .where('l.transfer_id', 'in', transferIds)
    .where('r.status', 'in', ['open', 'draft'])
    .where('r.current_score', '>=', threshold)
    .where(visibleWhere(visibility, 'r.owning_organisation_id'))
    .execute();
}

export async function replaceRiskTransferLinks(
  db: Executor,
  riskId: string,
  transferIds: string[],
): Promise<void> {
  await db.deleteFrom('risk_transfer_links').where('risk_id', '=', riskId).execute();
  if (transferIds.length) {
    await db
      .insertInto('risk_transfer_links')
      .values([...new Set(transferIds)].map((transfer_id) => ({ risk_id: riskId, transfer_id })))
      .execute();
  }
}

/** The transfers a risk threatens, as far as the reader may see them. */
export async function transfersLinkedToRisk(db: Executor, riskId: string, visibility: TVisibility) {
  return db
    .selectFrom('risk_transfer_links as l')
    .innerJoin('transfers as t', 't.id', 'l.transfer_id')
    .select(['t.id', 't.name', 't.planned_transfer_date as plannedTransferDate'])
    .where('l.risk_id', '=', riskId)
    .where(visibleTransferWhere(visibility))
    .orderBy('t.name')
    .execute();
}

/**
 * Risks linked to a transfer, and mitigation actions delivered by its tasks: the plan's side of the link, as
 * far as the reader may see the risks.
 */
export async function riskLinksForTransfer(db: Executor, transferId: string, visibility: TVisibility) {
  const [risks, actions] = await Promise.all([
    db
      .selectFrom('risk_transfer_links as l')
      .innerJoin('risks as r', 'r.id', 'l.risk_id')
      .select(['r.id', 'r.number', 'r.title', 'r.current_score', 'r.status', 'r.owning_organisation_id'])
      .where('l.transfer_id', '=', transferId)
      .where(visibleWhere(visibility, 'r.owning_organisation_id'))
      .orderBy('r.current_score', 'desc')
      .execute(),
    db
      .selectFrom('mitigation_actions as a')
      .innerJoin('plan_tasks as k', 'k.id', 'a.task_id')
      .innerJoin('risks as r', 'r.id', 'a.risk_id')
      .select([
        'a.id',
        'a.task_id',
        'a.description',
        'a.status',
        'r.id as risk_id',
        'r.number as risk_number',
        'r.owning_organisation_id',
      ])
      .where('k.transfer_id', '=', transferId)
      .where(visibleWhere(visibility, 'r.owning_organisation_id'))
      .execute(),
  ]);
  return { risks, actions };
}
