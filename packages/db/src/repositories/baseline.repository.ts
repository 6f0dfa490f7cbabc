import type { Executor } from '../client';

/*
 * Baselines: a copy of every task's planned start and due dates at a moment (a frozen steering pack, or when a
 * lead sets one), so the plan's drift can be measured against what was agreed.
 */

export interface TBaselineRow {
  id: string;
  programmeId: string;
  name: string;
  kind: 'meeting' | 'manual';
  meetingId: string | null;
  createdBy: string | null;
  createdAt: Date;
  tasks: number;
}

/** Copies the planned dates of every task of the programme into a new baseline. */
export async function insertBaseline(
  db: Executor,
  b: {
    programmeId: string;
    name: string;
    kind: 'meeting' | 'manual';
    meetingId: string | null;
    createdBy: string;
  },
): Promise<TBaselineRow> {
  const row = await db
    .insertInto('baselines')
    .values({
      programme_id: b.programmeId,
      name: b.name,
      kind: b.kind,
      meeting_id: b.meetingId,
      created_by: b.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const copied = await db
    .insertInto('baseline_tasks')
    .columns(['baseline_id', 'task_id', 'start_date', 'due_date'])
    .expression((eb) =>
      eb
        .selectFrom('plan_tasks')
        .select((e) => [e.val(row.id).as('baseline_id'), 'id', 'start_date', 'due_date'])
        .where('programme_id', '=', b.programmeId),
    )
    .executeTakeFirst();
  return {
    id: row.id,
    programmeId: row.programme_id,
    name: row.name,
    kind: row.kind as 'meeting' | 'manual',
    meetingId: row.meeting_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    tasks: Number(copied.numInsertedOrUpdatedRows ?? 0),
  };
}

export async function listBaselines(db: Executor, programmeId: string) {
  const rows = await db
    .selectFrom('baselines as b')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .leftJoin('meetings as m', 'm.id', 'b.meeting_id')
    .select((eb) => [
      'b.id',
      'b.name',
      'b.kind',
      'b.meeting_id',
      'b.created_at',
      'u.name as created_by_name',
      'm.held_on as meeting_held_on',
      eb
        .selectFrom('baseline_tasks as t')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('t.baseline_id', '=', 'b.id')
        .as('tasks'),
    ])
    .where('b.programme_id', '=', programmeId)
    .orderBy('b.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as 'meeting' | 'manual',
    meetingId: r.meeting_id,
    meetingHeldOn: r.meeting_held_on,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    tasks: Number(r.tasks ?? 0),
  }));
}

/** The baseline's dates of these tasks (absent: the task did not exist then). */
export async function baselineDates(db: Executor, baselineId: string, taskIds: readonly string[]) {
  if (!taskIds.length) return new Map<string, { startDate: string; dueDate: string }>();
  const rows = await db
    .selectFrom('baseline_tasks')
    .select(['task_id', 'start_date', 'due_date'])
    .where('baseline_id', '=', baselineId)
    .where('task_id', 'in', [...taskIds])
    .execute();
  return new Map(rows.map((r) => [r.task_id, { startDate: r.start_date, dueDate: r.due_date }]));
}
