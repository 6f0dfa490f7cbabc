import type { TActionStatus, TExpectedEffect, TVisibility } from '@baton/domain';
import { sql } from 'kysely';
import type { Executor } from '../client';
import { visibleWhere } from '../visibility';
import { bumpVersion, staleOrMissing } from './versioning';

export interface TActionRow {
  id: string;
  programmeId: string;
  riskId: string;
  description: string;
  owner: { id: string; name: string } | null;
  organisation: { id: string; name: string; shortName: string };
  dueDate: string;
  status: TActionStatus;
  expectedEffect: TExpectedEffect;
  evidence: string;
  completedOn: string | null;
  task: { id: string; title: string; transferId: string } | null;
  version: number;
}

export interface TActionWrite {
  description: string;
  ownerUserId: string | null;
  organisationId: string;
  dueDate: string;
  status: TActionStatus;
  expectedEffect: TExpectedEffect;
  evidence: string;
  completedOn: string | null;
  taskId: string | null;
}

function selectActions(db: Executor) {
  return db
    .selectFrom('mitigation_actions as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('users as u', 'u.id', 'a.owner_user_id')
    .leftJoin('plan_tasks as k', 'k.id', 'a.task_id')
    .selectAll('a')
    .select([
      'o.name as org_name',
      'o.short_name as org_short_name',
      'u.name as owner_name',
      'k.title as task_title',
      'k.transfer_id as task_transfer_id',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectActions>['executeTakeFirstOrThrow']>>;

function toAction(r: Row): TActionRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    riskId: r.risk_id,
    description: r.description,
    owner: r.owner_user_id ? { id: r.owner_user_id, name: r.owner_name ?? 'Unknown' } : null,
    organisation: { id: r.organisation_id, name: r.org_name, shortName: r.org_short_name },
    dueDate: r.due_date,
    status: r.status as TActionStatus,
    expectedEffect: r.expected_effect as TExpectedEffect,
    evidence: r.evidence,
    completedOn: r.completed_on,
    task: r.task_id
      ? { id: r.task_id, title: r.task_title ?? '', transferId: r.task_transfer_id ?? '' }
      : null,
    version: r.version,
  };
}

function columns(w: TActionWrite) {
  return {
    description: w.description,
    owner_user_id: w.ownerUserId,
    organisation_id: w.organisationId,
    due_date: w.dueDate,
    status: w.status,
    expected_effect: w.expectedEffect,
    evidence: w.evidence,
    completed_on: w.completedOn,
    task_id: w.taskId,
  };
}

export async function listActionsForRisks(db: Executor, riskIds: string[]): Promise<TActionRow[]> {
  if (!riskIds.length) return [];
  const rows = await selectActions(db)
    .where('a.risk_id', 'in', riskIds)
    .orderBy('a.due_date')
    .orderBy('a.id')
    .execute();
  return rows.map(toAction);
}

export async function findAction(
  db: Executor,
  programmeId: string,
  actionId: string,
): Promise<TActionRow | undefined> {
  const r = await selectActions(db)
    .where('a.programme_id', '=', programmeId)
    .where('a.id', '=', actionId)
    .executeTakeFirst();
  return r && toAction(r);
}

export async function insertAction(
  db: Executor,
  a: TActionWrite & { programmeId: string; riskId: string },
): Promise<TActionRow> {
  const { id } = await db
    .insertInto('mitigation_actions')
    .values({ ...columns(a), programme_id: a.programmeId, risk_id: a.riskId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findAction(db, a.programmeId, id))!;
}

/** Many new actions at once (an import); ids in the order given. */
export async function insertActions(
  db: Executor,
  rows: ReadonlyArray<TActionWrite & { programmeId: string; riskId: string }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let at = 0; at < rows.length; at += 500) {
    const inserted = await db
      .insertInto('mitigation_actions')
      .values(
        rows
          .slice(at, at + 500)
          .map((a) => ({ ...columns(a), programme_id: a.programmeId, risk_id: a.riskId })),
      )
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function updateAction(
  db: Executor,
  before: TActionRow,
  w: TActionWrite,
  version: number,
): Promise<TActionRow> {
  const r = await db
    .updateTable('mitigation_actions')
    .set({ ...columns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('programme_id', '=', before.programmeId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('action', await findAction(db, before.programmeId, before.id));
  return (await findAction(db, before.programmeId, before.id))!;
}

/** Actions overdue on `asOf`: due before it, and neither cancelled nor completed by then. */
export async function listOverdueActions(
  db: Executor,
  p: { programmeId: string; asOf: string; visibility: TVisibility; limit?: number },
) {
  // The count is its own narrow query: counting with a window over the wide, joined rows made PostgreSQL
  // build and sort every overdue action before the page; the page alone walks the due-date index and stops.
  const [rows, counted] = await Promise.all([
    selectActions(db)
      .innerJoin('risks as r', 'r.id', 'a.risk_id')
      .select(['r.number as risk_number', 'r.title as risk_title', 'r.owning_organisation_id as risk_org_id'])
      .where('a.programme_id', '=', p.programmeId)
      .where('a.due_date', '<', p.asOf)
      .where('a.status', '<>', 'cancelled')
      .where((eb) => eb.or([eb('a.completed_on', 'is', null), eb('a.completed_on', '>', p.asOf)]))
      .where((eb) => eb.or([eb('a.status', '<>', 'done'), eb('a.completed_on', 'is not', null)]))
      .where(visibleWhere(p.visibility, 'r.owning_organisation_id'))
      .orderBy('a.due_date')
      .orderBy('a.id')
      .limit(p.limit ?? 200)
      .execute(),
    // Counted from the open-by-due-date index alone (it carries status and completion); the risk is only read
    // when the reader may see some organisations' risks and not others.
    db
      .selectFrom('mitigation_actions as a')
      .select((eb) => eb.fn.countAll<string>().as('total'))
      .where('a.programme_id', '=', p.programmeId)
      .where('a.due_date', '<', p.asOf)
      .where('a.status', '<>', 'cancelled')
      .where((eb) => eb.or([eb('a.completed_on', 'is', null), eb('a.completed_on', '>', p.asOf)]))
      .where((eb) => eb.or([eb('a.status', '<>', 'done'), eb('a.completed_on', 'is not', null)]))
      .$if(p.visibility.kind !== 'all', (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('risks as r')
              .select(sql`1`.as('one'))
              .whereRef('r.id', '=', 'a.risk_id')
              .where(visibleWhere(p.visibility, 'r.owning_organisation_id')),
          ),
        ),
      )
      .executeTakeFirst(),
  ]);
  return {
    total: Number(counted?.total ?? 0),
    items: rows.map((r) => ({
      ...toAction(r),
      risk: { id: r.risk_id, number: r.risk_number, title: r.risk_title },
    })),
  };
}
