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
import { insertBenchPlans } from './seed-plans';

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
  await insertBenchPlans(db, {
    programmeId: programme.id,
    lotId: lot.id,
    outgoingId: out.id,
    incomingId: inc.id,
    transfers: TRANSFERS,
    tasksPerTransfer: TASKS,
  });
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
