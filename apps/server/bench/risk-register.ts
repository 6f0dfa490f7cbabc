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
  const orgIds = sql.raw(`array[${orgs.map((o) => `'${o.id}'::uuid`).join(',')}]`);
  const categories = sql.raw(
    `array['workforce_tupe','estates','it_data','clinical_quality','finance','procurement_legal','engagement_reputation','service_continuity','information_governance']`,
  );
  // Set-based generation: one statement per table, scores spread over the matrix, dates over six months.
  await sql`
    insert into risks (programme_id, number, title, event, category_key, owning_organisation_id, status,
      initial_consequence, initial_likelihood, initial_score, current_consequence, current_likelihood, current_score,
      target_consequence, target_likelihood, target_score, escalated, raised_on, last_reviewed_on, next_review_on)
    select ${programme.id}, g, 'Bench risk ' || g, 'Something may happen ' || g, (${categories})[1 + g % 9],
      (${orgIds})[1 + g % ${orgs.length}], case when g % 10 = 0 then 'closed' else 'open' end,
      c, l, c * l, cc, cl, cc * cl, 1, 2, 2, cc * cl >= 15,
      date '2026-05-01' + (g % 150), date '2026-09-01' + (g % 80), date '2026-09-01' + (g % 80) + 30
    from (select g, 1 + g % 5 as c, 1 + (g / 5) % 5 as l, 1 + (g / 7) % 5 as cc, 1 + (g / 3) % 5 as cl
          from generate_series(1, ${RISKS}) g) s`.execute(db);
  await sql`update programmes set next_risk_number = ${RISKS + 1} where id = ${programme.id}`.execute(db);
  await sql`
    insert into risk_history (risk_id, programme_id, effective_on, kind, consequence, likelihood, score, status, escalated)
    select r.id, r.programme_id, r.raised_on + k * 30, case when k = 0 then 'raised' else 'review' end,
      1 + (r.number + k) % 5, r.current_likelihood, (1 + (r.number + k) % 5) * r.current_likelihood, 'open',
      (1 + (r.number + k) % 5) * r.current_likelihood >= 15
    from risks r cross join generate_series(0, 3) k where r.programme_id = ${programme.id}`.execute(db);
  await sql`
    insert into mitigation_actions (programme_id, risk_id, description, organisation_id, due_date, status, expected_effect)
    select r.programme_id, r.id, 'Bench action ' || k, r.owning_organisation_id, date '2026-09-01' + ((r.number * 7 + k * 13) % 150),
      (array['not_started','in_progress','done','cancelled'])[1 + (r.number + k) % 4], 'likelihood'
    from risks r cross join generate_series(1, ${ACTIONS / RISKS}) k where r.programme_id = ${programme.id}`.execute(
    db,
  );
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
