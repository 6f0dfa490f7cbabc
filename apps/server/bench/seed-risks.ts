import type { Database } from '@baton/db';
import { sql } from './db-exports';

const ACTIONS_PER_RISK = 4;

/**
 * A large register, set-based: `risks` risks spread over the matrix and the organisations, four history rows
 * each (a review every 30 days from raising), four mitigation actions each with due dates over five months.
 */
export async function insertBenchRisks(
  db: Database,
  p: { programmeId: string; organisationIds: string[]; risks: number },
): Promise<void> {
  const orgIds = sql.raw(`array[${p.organisationIds.map((id) => `'${id}'::uuid`).join(',')}]`);
  const categories = sql.raw(
    `array['workforce_tupe','estates','it_data','clinical_quality','finance','procurement_legal','engagement_reputation','service_continuity','information_governance']`,
  );
  // Set-based generation: one statement per table, scores spread over the matrix, dates over six months.
  await sql`
    insert into risks (programme_id, number, title, event, category_key, owning_organisation_id, status,
      initial_consequence, initial_likelihood, initial_score, current_consequence, current_likelihood, current_score,
      target_consequence, target_likelihood, target_score, escalated, raised_on, last_reviewed_on, next_review_on)
    select ${p.programmeId}, g, 'Bench risk ' || g, 'Something may happen ' || g, (${categories})[1 + g % 9],
      (${orgIds})[1 + g % ${p.organisationIds.length}], case when g % 10 = 0 then 'closed' else 'open' end,
      c, l, c * l, cc, cl, cc * cl, 1, 2, 2, cc * cl >= 15,
      date '2026-05-01' + (g % 150), date '2026-09-01' + (g % 80), date '2026-09-01' + (g % 80) + 30
    from (select g, 1 + g % 5 as c, 1 + (g / 5) % 5 as l, 1 + (g / 7) % 5 as cc, 1 + (g / 3) % 5 as cl
          from generate_series(1, ${p.risks}) g) s`.execute(db);
  await sql`update programmes set next_risk_number = ${p.risks + 1} where id = ${p.programmeId}`.execute(db);
  await sql`
    insert into risk_history (risk_id, programme_id, effective_on, kind, consequence, likelihood, score, status, escalated)
    select r.id, r.programme_id, r.raised_on + k * 30, case when k = 0 then 'raised' else 'review' end,
      1 + (r.number + k) % 5, r.current_likelihood, (1 + (r.number + k) % 5) * r.current_likelihood, 'open',
      (1 + (r.number + k) % 5) * r.current_likelihood >= 15
    from risks r cross join generate_series(0, 3) k where r.programme_id = ${p.programmeId}`.execute(db);
  await sql`
    insert into mitigation_actions (programme_id, risk_id, description, organisation_id, due_date, status, expected_effect)
    select r.programme_id, r.id, 'Bench action ' || k, r.owning_organisation_id, date '2026-09-01' + ((r.number * 7 + k * 13) % 150),
      (array['not_started','in_progress','done','cancelled'])[1 + (r.number + k) % 4], 'likelihood'
    from risks r cross join generate_series(1, ${ACTIONS_PER_RISK}) k where r.programme_id = ${p.programmeId}`.execute(
    db,
  );
}
