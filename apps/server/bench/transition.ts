/**
 * Issue #4's figure: 10 transfers x 500 tasks with dependencies; median server time and query count of the
 * plan (critical path) of one transfer and of the readiness view across all ten.
 */
import {
  insertLot,
  insertMembership,
  insertOrganisation,
  insertParty,
  insertProgramme,
  insertUser,
  sql,
} from './db-exports';
import { benchDb, callerFor, engines, measure, report } from './lib';

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 10);
const TASKS = Number(process.env.BENCH_TASKS_PER_TRANSFER ?? 500);
const TODAY = '2026-11-23';

async function seed(h: Awaited<ReturnType<typeof benchDb>>) {
  const db = h.db;
  const icb = await insertOrganisation(db, { name: 'Bench ICB', shortName: 'ICB', kind: 'commissioner' });
  const out = await insertOrganisation(db, { name: 'Bench Outgoing', shortName: 'OUT', kind: 'nhs_trust' });
  const inc = await insertOrganisation(db, { name: 'Bench Incoming', shortName: 'IN', kind: 'nhs_trust' });
  const programme = await insertProgramme(db, {
    name: 'Bench programme',
    code: 'BENCHT',
    description: '',
    procurementRoute: 'competitive_dialogue',
    stage: 'transition',
    contractValueGbp: 1,
    contractTermMonths: 120,
    expectedServiceCommencement: '2027-10-01',
    intentionToAwardDate: null,
    contractAwardDate: null,
    longstopDate: null,
  });
  const lot = await insertLot(db, {
    programmeId: programme.id,
    code: 'Lot 1',
    name: 'Bench lot',
    services: '',
    annualValueGbp: null,
  });
  for (const [o, role] of [
    [icb, 'lead_commissioner'],
    [out, 'outgoing_provider'],
    [inc, 'incoming_provider'],
  ] as const) {
    await insertParty(db, { programmeId: programme.id, organisationId: o.id, role, lotId: null });
  }
  const userId = await insertUser(db, {
    email: 'bench@bench.example',
    name: 'Bench Lead',
    organisationId: icb.id,
    passwordHash: null,
  });
  await insertMembership(db, { programmeId: programme.id, userId, role: 'transition_lead' });
  await sql`
    insert into transfers (programme_id, lot_id, name, outgoing_organisation_id, incoming_organisation_id, planned_transfer_date, status)
    select ${programme.id}, ${lot.id}, 'Bench transfer ' || g, ${out.id}, ${inc.id}, date '2027-10-01', 'in_progress'
    from generate_series(1, ${TRANSFERS}) g`.execute(db);
  const workstreams = sql.raw(
    `array['workforce_tupe','estates_facilities','it_data_records','information_governance','clinical_safety_caseload','cqc_registration','contracts_finance','communications_engagement']`,
  );
  // Tasks laid out in 50 waves of 10; each task depends on two tasks of the previous wave.
  await sql`
    insert into plan_tasks (programme_id, transfer_id, title, workstream, kind, owning_organisation_id, start_date, due_date, status,
      percent_complete, condition_precedent, template_key)
    select t.programme_id, t.id, 'Task ' || g, (${workstreams})[1 + g % 8], case when g % 97 = 0 then 'gate' else 'task' end,
      case when g % 2 = 0 then ${out.id}::uuid else ${inc.id}::uuid end,
      date '2026-06-01' + (g / 10) * 7, date '2026-06-01' + (g / 10) * 7 + 5 + g % 3,
      case when (g / 10) * 7 < 150 then (case when g % 7 = 0 then 'in_progress' else 'done' end) else 'not_started' end,
      case when (g / 10) * 7 < 150 then 100 else 0 end, g % 53 = 0, 'b' || g
    from transfers t cross join generate_series(0, ${TASKS - 1}) g where t.programme_id = ${programme.id}`.execute(
    db,
  );
  await sql`
    insert into task_dependencies (programme_id, predecessor_id, successor_id, lag_days)
    select s.programme_id, p.id, s.id, 0
    from plan_tasks s
    join plan_tasks p on p.transfer_id = s.transfer_id
      and p.template_key in ('b' || (substr(s.template_key, 2)::int - 10), 'b' || (substr(s.template_key, 2)::int - 10 + case when substr(s.template_key, 2)::int % 10 = 9 then -1 else 1 end))
    where s.programme_id = ${programme.id} and substr(s.template_key, 2)::int >= 10`.execute(db);
  await sql`analyze`.execute(db);
  const first = await db
    .selectFrom('transfers')
    .select('id')
    .where('programme_id', '=', programme.id)
    .orderBy('name')
    .executeTakeFirstOrThrow();
  const deps = await db
    .selectFrom('task_dependencies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { programmeId: programme.id, userId, transferId: first.id, dependencies: Number(deps.n) };
}

export async function benchTransition(): Promise<void> {
  for (const engine of engines()) {
    const h = await benchDb(engine);
    try {
      const t0 = performance.now();
      const { programmeId, userId, transferId, dependencies } = await seed(h);
      console.log(
        `\nTransition plans, ${engine}: ${TRANSFERS} transfers x ${TASKS} tasks, ${dependencies} dependencies (seeded in ${Math.round(performance.now() - t0)} ms)`,
      );
      const c = await callerFor(h.db, userId, TODAY);
      report(
        'plan of one transfer (critical path, milestones)',
        await measure(h, () => c.transition.plan({ programmeId, transferId }), 9),
      );
      report(
        `readiness of all ${TRANSFERS} transfers`,
        await measure(h, () => c.transition.transfers({ programmeId }), 9),
      );
    } finally {
      await h.close();
    }
  }
}
