import type { TStageKind } from '@baton/domain';
import { sql } from 'kysely';
import type { Executor } from '../client';
import { bumpVersion, staleOrMissing } from './versioning';

/* The programme timeline's stages (see migration 0017). */

export interface TStageRow {
  id: string;
  programmeId: string;
  key: string | null;
  label: string;
  kind: TStageKind;
  position: number;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  forecastEnd: string | null;
  rule: string;
  notes: string;
  riskId: string | null;
  updatedAt: Date;
  version: number;
}

export interface TStageWrite {
  key: string | null;
  label: string;
  kind: TStageKind;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  forecastEnd: string | null;
  rule: string;
  notes: string;
}

const toStage = (r: {
  id: string;
  programme_id: string;
  key: string | null;
  label: string;
  kind: string;
  position: number;
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
  actual_end: string | null;
  forecast_end: string | null;
  rule: string;
  notes: string;
  risk_id: string | null;
  updated_at: Date;
  version: number;
}): TStageRow => ({
  id: r.id,
  programmeId: r.programme_id,
  key: r.key,
  label: r.label,
  kind: r.kind as TStageKind,
  position: r.position,
  plannedStart: r.planned_start,
  plannedEnd: r.planned_end,
  actualStart: r.actual_start,
  actualEnd: r.actual_end,
  forecastEnd: r.forecast_end,
  rule: r.rule,
  notes: r.notes,
  riskId: r.risk_id,
  updatedAt: r.updated_at,
  version: r.version,
});

const columns = (w: TStageWrite) => ({
  key: w.key,
  label: w.label,
  kind: w.kind,
  planned_start: w.plannedStart,
  planned_end: w.plannedEnd,
  actual_start: w.actualStart,
  actual_end: w.actualEnd,
  forecast_end: w.forecastEnd,
  rule: w.rule,
  notes: w.notes,
});

/** The stages in order: by planned start, then by their place in the template. */
export async function listStages(db: Executor, programmeId: string): Promise<TStageRow[]> {
  const rows = await db
    .selectFrom('programme_stages')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('planned_start')
    .orderBy('position')
    .execute();
  return rows.map(toStage);
}

export async function findStage(
  db: Executor,
  programmeId: string,
  id: string,
): Promise<TStageRow | undefined> {
  const r = await db
    .selectFrom('programme_stages')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toStage(r);
}

/** Replaces every stage of the programme with these (a route's template), in one statement each way. */
export async function replaceStages(db: Executor, programmeId: string, stages: readonly TStageWrite[]) {
  await db.deleteFrom('programme_stages').where('programme_id', '=', programmeId).execute();
  if (stages.length)
    await db
      .insertInto('programme_stages')
      .values(stages.map((w, i) => ({ ...columns(w), programme_id: programmeId, position: (i + 1) * 10 })))
      .execute();
  return listStages(db, programmeId);
}

export async function insertStage(db: Executor, programmeId: string, w: TStageWrite): Promise<TStageRow> {
  const { id } = await db
    .insertInto('programme_stages')
    .values({
      ...columns(w),
      programme_id: programmeId,
      position: sql<number>`coalesce((select max(position) from programme_stages where programme_id = ${programmeId}), 0) + 10`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findStage(db, programmeId, id))!;
}

export async function updateStage(
  db: Executor,
  before: TStageRow,
  w: TStageWrite,
  version: number,
): Promise<TStageRow> {
  const r = await db
    .updateTable('programme_stages')
    .set({ ...columns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  const current = await findStage(db, before.programmeId, before.id);
  if (!r) staleOrMissing('stage', current);
  return current!;
}

export async function deleteStage(db: Executor, before: TStageRow, version: number): Promise<void> {
  const r = await db
    .deleteFrom('programme_stages')
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('stage', await findStage(db, before.programmeId, before.id));
}

/** Links the risk a slipping stage raised (once: only while none is linked). */
export async function linkStageRisk(db: Executor, before: TStageRow, riskId: string, version: number) {
  const r = await db
    .updateTable('programme_stages')
    .set({ risk_id: riskId, ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .where('risk_id', 'is', null)
    .returning('id')
    .executeTakeFirst();
  const current = await findStage(db, before.programmeId, before.id);
  if (!r) staleOrMissing('stage', current);
  return current!;
}
