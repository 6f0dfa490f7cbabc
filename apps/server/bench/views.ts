/**
 * Issue #5's figures: the steering group pack and the provider CEO's joint progress view over one large
 * programme (5,000 risks with 20,000 history rows and 20,000 actions; 10 transfers x 500 tasks with 9,800
 * dependencies): median server time and SQL query count, plus freezing a pack and comparing it with today.
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
import { bareViews, type TBareArgs, type TBareView } from './bare-views';
import { benchDb, callerFor, engines, measure, measurePair, report } from './lib';
import { insertBenchPlans } from './seed-plans';
import { insertBenchRisks } from './seed-risks';
import { seedDemo } from '../src/demo/demo.seed';

/** Register sizes: PostgreSQL runs each; PGlite (in memory) the first only. */
const RISK_SIZES = (process.env.BENCH_VIEW_RISKS ?? '5000,20000').split(',').map(Number);
const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 10);
const TASKS = Number(process.env.BENCH_TASKS_PER_TRANSFER ?? 500);
const TODAY = '2026-11-23';

export async function seedViews(h: Awaited<ReturnType<typeof benchDb>>, risks = RISK_SIZES[0]!) {
  const db = h.db;
  const icb = await insertOrganisation(db, { name: 'Bench ICB', shortName: 'ICB', kind: 'commissioner' });
  const providers = [];
  for (let i = 0; i < 5; i++)
    providers.push(
      await insertOrganisation(db, { name: `Bench Provider ${i}`, shortName: `P${i}`, kind: 'nhs_trust' }),
    );
  const programme = await insertProgramme(db, {
    name: 'Bench programme',
    code: 'BENCHV',
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
  await insertParty(db, {
    programmeId: programme.id,
    organisationId: icb.id,
    role: 'lead_commissioner',
    lotId: null,
  });
  for (const [i, p] of providers.entries())
    await insertParty(db, {
      programmeId: programme.id,
      organisationId: p.id,
      role: i === 1 ? 'incoming_provider' : 'outgoing_provider',
      lotId: lot.id,
    });
  const user = async (
    email: string,
    organisationId: string,
    role: 'programme_admin' | 'transition_lead' | 'executive_viewer',
  ) => {
    const id = await insertUser(db, {
      email,
      name: email.split('@')[0]!,
      organisationId,
      passwordHash: null,
    });
    await insertMembership(db, { programmeId: programme.id, userId: id, role });
    return id;
  };
  const adminId = await user('admin@bench.example', icb.id, 'programme_admin');
  const leadId = await user('lead@bench.example', icb.id, 'transition_lead');
  const ceoId = await user('ceo@bench.example', providers[1]!.id, 'executive_viewer');
  await insertBenchRisks(db, {
    programmeId: programme.id,
    organisationIds: [icb.id, ...providers.map((p) => p.id)],
    risks,
  });
  await insertBenchPlans(db, {
    programmeId: programme.id,
    lotId: lot.id,
    outgoingId: providers[0]!.id,
    incomingId: providers[1]!.id,
    transfers: TRANSFERS,
    tasksPerTransfer: TASKS,
  });
  // Monthly meetings; the last one, four weeks ago, is frozen during the run.
  await sql`
    insert into meetings (programme_id, title, held_on, created_by)
    select ${programme.id}, 'Steering group ' || k, date '2026-10-26' - (5 - k) * 28, ${adminId}
    from generate_series(1, 5) k`.execute(db);
  // As autovacuum would leave a live database: statistics, and the visibility map that lets an index-only scan
  // skip the table (a freshly loaded table has none).
  await sql`vacuum analyze`.execute(db);
  const last = await db
    .selectFrom('meetings')
    .select('id')
    .where('programme_id', '=', programme.id)
    .orderBy('held_on', 'desc')
    .executeTakeFirstOrThrow();
  return { programmeId: programme.id, adminId, leadId, ceoId, meetingId: last.id };
}

/** The same views over the demo programme: the size of a real one (46 risks, about 260 tasks). */
async function benchDemoSize(engine: 'pglite' | 'postgres') {
  const h = await benchDb(engine);
  try {
    await seedDemo(h.db, { today: TODAY });
    const programme = await h.db
      .selectFrom('programmes')
      .select('id')
      .where('code', '=', 'SVCMH')
      .executeTakeFirstOrThrow();
    const user = (email: string) =>
      h.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const priya = await callerFor(h.db, (await user('priya.raman@severnvale-council.example')).id, TODAY);
    const angela = await callerFor(h.db, (await user('angela.foster@svcp.example')).id, TODAY);
    const tom = await callerFor(h.db, (await user('tom.okafor@severnvale-icb.example')).id, TODAY);
    const programmeId = programme.id;
    console.log(`\nAudience views, ${engine}: the demo programme`);
    report('steering pack, as at today', await measure(h, () => priya.steering.pack({ programmeId }), 9));
    report('CEO joint progress', await measure(h, () => angela.progress.joint({ programmeId }), 9));
    report(
      'transition lead workspace (mine)',
      await measure(h, () => tom.workspace.lead({ programmeId }), 9),
    );
  } finally {
    await h.close();
  }
}

export async function benchViews(): Promise<void> {
  for (const engine of engines()) await benchDemoSize(engine);
  for (const engine of engines())
    for (const risks of engine === 'postgres' ? RISK_SIZES : RISK_SIZES.slice(0, 1))
      await benchLarge(engine, risks);
}

async function benchLarge(engine: 'pglite' | 'postgres', risks: number) {
  const h = await benchDb(engine);
  try {
    const t0 = performance.now();
    const s = await seedViews(h, risks);
    console.log(
      `\nAudience views, ${engine}: ${risks} risks (${risks * 4} history rows, ${risks * 4} actions), ${TRANSFERS} transfers x ${TASKS} tasks (seeded in ${Math.round(performance.now() - t0)} ms)`,
    );
    const admin = await callerFor(h.db, s.adminId, TODAY);
    const lead = await callerFor(h.db, s.leadId, TODAY);
    const ceo = await callerFor(h.db, s.ceoId, TODAY);
    const { programmeId, meetingId } = s;
    const transfer = await h.db
      .selectFrom('transfers')
      .select('id')
      .where('programme_id', '=', programmeId)
      .orderBy('name')
      .executeTakeFirstOrThrow();
    const args: TBareArgs = { programmeId, asAt: TODAY, since: '2026-10-26', transferId: transfer.id };
    const views: Array<[TBareView, () => Promise<unknown>]> = [
      ['steering pack', () => admin.steering.pack({ programmeId })],
      ['joint progress', () => ceo.progress.joint({ programmeId })],
      ['readiness of all transfers', () => admin.transition.transfers({ programmeId })],
      ['what changed', () => admin.risk.whatChanged({ programmeId, from: args.since, to: TODAY })],
      ['register page', () => admin.risk.list({ programmeId })],
      ['plan', () => lead.transition.plan({ programmeId, transferId: transfer.id })],
      ['heat map', () => admin.risk.heatMap({ programmeId })],
    ];
    console.log(
      `  ${'view (median of 9, interleaved with its bare SQL)'.padEnd(52)} procedure  bare SQL  ratio  queries`,
    );
    for (const [name, fn] of views) {
      const r = await measurePair(h, fn, () => bareViews[name](h.db, args), 9);
      console.log(
        `  ${name.padEnd(52)} ${r.medianMs.toFixed(1).padStart(7)} ms ${r.bareMs.toFixed(1).padStart(6)} ms ${(r.medianMs / r.bareMs).toFixed(2).padStart(5)}x ${String(r.queries).padStart(5)}`,
      );
    }
    report(
      'steering pack, as at three months ago',
      await measure(h, () => admin.steering.pack({ programmeId, asAt: '2026-08-24' }), 9),
    );
    const q0 = h.queries();
    const f0 = performance.now();
    await admin.meeting.freeze({ programmeId, meetingId });
    report('freeze the pack for a meeting (once)', {
      medianMs: performance.now() - f0,
      queries: h.queries() - q0,
    });
    report(
      'frozen pack compared with today',
      await measure(h, () => admin.meeting.compare({ programmeId, meetingId }), 9),
    );
    report(
      'transition lead workspace (organisation)',
      await measure(h, () => lead.workspace.lead({ programmeId, scope: 'organisation' }), 9),
    );
  } finally {
    await h.close();
  }
}
