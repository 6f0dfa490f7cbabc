/**
 * Issue #3's figure: a programme with 5,000 risks (4 reviews each) and 20,000 actions; median server time
 * and SQL query count of the register's first page (filtered), the heat map and what-changed.
 */
import {
  insertMembership,
  insertOrganisation,
  insertParty,
  insertProgramme,
  insertUser,
  sql,
} from './db-exports';
import { benchDb, callerFor, engines, measure, report } from './lib';
import { insertBenchRisks } from './seed-risks';

const RISKS = Number(process.env.BENCH_RISKS ?? 5000);
const ACTIONS = RISKS * 4;
const TODAY = '2026-11-23';

async function seed(h: Awaited<ReturnType<typeof benchDb>>) {
  const db = h.db;
  const icb = await insertOrganisation(db, { name: 'Bench ICB', shortName: 'ICB', kind: 'commissioner' });
  const orgs = [icb];
  for (let i = 0; i < 5; i++) {
    orgs.push(
      await insertOrganisation(db, { name: `Bench Provider ${i}`, shortName: `P${i}`, kind: 'nhs_trust' }),
    );
  }
  const programme = await insertProgramme(db, {
    name: 'Bench programme',
    code: 'BENCH',
    description: '',
    procurementRoute: 'competitive_dialogue',
    stage: 'transition',
    contractValueGbp: 1,
    contractTermMonths: 120,
    expectedServiceCommencement: '2027-04-01',
    intentionToAwardDate: null,
    contractAwardDate: null,
    longstopDate: null,
  });
  for (const o of orgs) {
    await insertParty(db, {
      programmeId: programme.id,
      organisationId: o.id,
      role: o === icb ? 'lead_commissioner' : 'outgoing_provider',
      lotId: null,
    });
  }
  const userId = await insertUser(db, {
    email: 'bench@bench.example',
    name: 'Bench Admin',
    organisationId: icb.id,
    passwordHash: null,
  });
  await insertMembership(db, { programmeId: programme.id, userId, role: 'programme_admin' });
  await insertBenchRisks(db, {
    programmeId: programme.id,
    organisationIds: orgs.map((o) => o.id),
    risks: RISKS,
  });
  await sql`analyze`.execute(db);
  return { programmeId: programme.id, userId, providerId: orgs[1]!.id };
}

export async function benchRiskRegister(): Promise<void> {
  for (const engine of engines()) {
    const h = await benchDb(engine);
    try {
      const t0 = performance.now();
      const { programmeId, userId, providerId } = await seed(h);
      console.log(
        `\nRisk register, ${engine}: ${RISKS} risks, ${ACTIONS} actions, ${RISKS * 4} history rows (seeded in ${Math.round(performance.now() - t0)} ms)`,
      );
      const c = await callerFor(h.db, userId, TODAY);
      report(
        'register, first page of 50 (unfiltered)',
        await measure(h, () => c.risk.list({ programmeId, limit: 50 })),
      );
      report(
        'register, first page (high+extreme, open, one org)',
        await measure(h, () =>
          c.risk.list({
            programmeId,
            limit: 50,
            filter: { bandKeys: ['high', 'extreme'], statuses: ['open'], organisationIds: [providerId] },
          }),
        ),
      );
      report(
        'register, first page (overdue review, by review date)',
        await measure(h, () =>
          c.risk.list({
            programmeId,
            limit: 50,
            sort: 'nextReview',
            direction: 'asc',
            filter: { overdueReview: true },
          }),
        ),
      );
      report('heat map (current, initial, target)', await measure(h, () => c.risk.heatMap({ programmeId })));
      report(
        'what changed since last meeting (4 weeks)',
        await measure(h, () => c.risk.whatChanged({ programmeId, from: '2026-10-26', to: TODAY })),
      );
    } finally {
      await h.close();
    }
  }
}
