import type { Database } from '@baton/db';
import { sql } from './db-exports';

/**
 * Large plans, set-based: `transfers` transfers of `tasksPerTransfer` tasks laid out in waves of ten, each
 * task depending on two tasks of the previous wave; early waves done, some in progress, the rest ahead.
 */
export async function insertBenchPlans(
  db: Database,
  p: {
    programmeId: string;
    lotId: string;
    outgoingId: string;
    incomingId: string;
    transfers: number;
    tasksPerTransfer: number;
  },
): Promise<void> {
  await sql`
    insert into transfers (programme_id, lot_id, name, outgoing_organisation_id, incoming_organisation_id, planned_transfer_date, status)
    select ${p.programmeId}, ${p.lotId}, 'Bench transfer ' || g, ${p.outgoingId}, ${p.incomingId}, date '2027-10-01', 'in_progress'
    from generate_series(1, ${p.transfers}) g`.execute(db);
  const workstreams = sql.raw(
    `array['workforce_tupe','estates_facilities','it_data_records','information_governance','clinical_safety_caseload','cqc_registration','contracts_finance','communications_engagement']`,
  );
  // Tasks laid out in 50 waves of 10; each task depends on two tasks of the previous wave.
  await sql`
    insert into plan_tasks (programme_id, transfer_id, title, workstream, kind, owning_organisation_id, start_date, due_date, status,
      percent_complete, condition_precedent, template_key)
    select t.programme_id, t.id, 'Task ' || g, (${workstreams})[1 + g % 8], case when g % 97 = 0 then 'gate' else 'task' end,
      case when g % 2 = 0 then ${p.outgoingId}::uuid else ${p.incomingId}::uuid end,
      date '2026-06-01' + (g / 10) * 7, date '2026-06-01' + (g / 10) * 7 + 5 + g % 3,
      case when (g / 10) * 7 < 150 then (case when g % 7 = 0 then 'in_progress' else 'done' end) else 'not_started' end,
      case when (g / 10) * 7 < 150 then 100 else 0 end, g % 53 = 0, 'b' || g
    from transfers t cross join generate_series(0, ${p.tasksPerTransfer - 1}) g where t.programme_id = ${p.programmeId}`.execute(
    db,
  );
  await sql`
    insert into task_dependencies (programme_id, predecessor_id, successor_id, lag_days)
    select s.programme_id, p.id, s.id, 0
    from plan_tasks s
    join plan_tasks p on p.transfer_id = s.transfer_id
      and p.template_key in ('b' || (substr(s.template_key, 2)::int - 10), 'b' || (substr(s.template_key, 2)::int - 10 + case when substr(s.template_key, 2)::int % 10 = 9 then -1 else 1 end))
    where s.programme_id = ${p.programmeId} and substr(s.template_key, 2)::int >= 10`.execute(db);
}
