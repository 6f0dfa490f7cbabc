import { registerAsAt, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../../testing/fixture';

/*
 * The register as at a date is read straight from risk_history (issue 12 moved it from a window over the whole
 * history to one index step per risk and date). This checks the query against the rule written out in plain
 * code over the same rows, on the awkward cases: several rows on one day, rows after the date, a risk raised
 * between the two dates, one raised after both, and reviews recorded later than the date asked about.
 */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

const a = (consequence: number, likelihood: number) => ({ consequence, likelihood });

interface THistoryRow {
  id: number;
  risk_id: string;
  effective_on: string;
  kind: string;
  consequence: number;
  likelihood: number;
  score: number;
  status: string;
  escalated: boolean;
}

/** The rule in plain code: a risk's state on a date is its last row on or before it, by date then by id. */
function lastOnOrBefore(rows: THistoryRow[], date: string) {
  return rows
    .filter((r) => r.effective_on <= date)
    .sort((x, y) =>
      x.effective_on === y.effective_on ? x.id - y.id : x.effective_on < y.effective_on ? -1 : 1,
    )
    .at(-1);
}

describe(`the register as at a date on ${testEngine()}`, () => {
  it('takes each risk’s last history row on or before each date, whatever the order rows were written in', async () => {
    const admin = await fx.as('admin');
    const make = async (title: string, raisedOn: string) =>
      (
        await admin.risk.create({
          programmeId: fx.programme.id,
          title,
          cause: 'A cause of the risk',
          event: 'Something that might happen',
          effect: 'What it would do',
          categoryKey: 'workforce_tupe',
          workstream: 'workforce_tupe',
          lotIds: [fx.lot.id],
          ownerUserId: fx.users.contributor.id,
          owningOrganisationId: fx.orgs.outgoing.id,
          affectedOrganisationIds: [],
          controls: '',
          gaps: '',
          initial: a(4, 4),
          current: a(4, 3),
          target: a(2, 2),
          targetDate: '2027-02-01',
          proximity: 'one_to_3_months',
          raisedOn,
        } as never)
      ).id;
    const early = await make('As-at: raised early', '2026-06-01');
    const between = await make('As-at: raised between the dates', '2026-10-01');
    const late = await make('As-at: raised after both dates', '2026-11-20');

    // Extra history, written out of date order: two rows on one day (the later id wins), a row after "as at".
    const row = (riskId: string, on: string, kind: string, c: number, l: number, status = 'open') =>
      sql`insert into risk_history (risk_id, programme_id, effective_on, kind, consequence, likelihood, score, status, escalated, note)
          values (${riskId}, ${fx.programme.id}, ${on}, ${kind}, ${c}, ${l}, ${c * l}, ${status}, ${c * l >= 15}, '')`.execute(
        h.db,
      );
    await row(early, '2026-08-15', 'review', 5, 4);
    await row(early, '2026-07-01', 'review', 3, 3);
    await row(early, '2026-08-15', 'rescore', 2, 2);
    await row(early, '2026-11-01', 'review', 5, 5);
    await row(between, '2026-10-20', 'status', 4, 3, 'closed');
    await row(between, '2026-10-20', 'status', 4, 3, 'open');
    // The review on 1 November is the stored last review, as the review procedure would leave it.
    await sql`update risks set last_reviewed_on = '2026-11-01' where id = ${early}`.execute(h.db);

    const asAt = '2026-10-25';
    const since = '2026-08-15';
    const got = await registerAsAt(h.db, {
      programmeId: fx.programme.id,
      asAt,
      since,
      visibility: { kind: 'all' },
    });
    const history = (
      await sql<THistoryRow>`select * from risk_history where programme_id = ${fx.programme.id}`.execute(h.db)
    ).rows.map((r) => ({ ...r, id: Number(r.id) }));

    for (const riskId of [early, between, late]) {
      const mine = history.filter((r) => r.risk_id === riskId);
      const now = lastOnOrBefore(mine, asAt);
      const then = lastOnOrBefore(mine, since);
      const answer = got.find((r) => r.id === riskId);
      if (!now) {
        expect(answer).toBeUndefined();
        continue;
      }
      expect(answer!.state).toEqual({
        consequence: now.consequence,
        likelihood: now.likelihood,
        score: now.score,
        status: now.status,
        escalated: now.escalated,
      });
      expect(answer!.previous).toEqual(
        then
          ? {
              consequence: then.consequence,
              likelihood: then.likelihood,
              score: then.score,
              status: then.status,
              escalated: then.escalated,
            }
          : null,
      );
    }
    // Spelled out: the later of the two rows on 15 August, the reopening on 20 October, nothing for the late one.
    expect(got.find((r) => r.id === early)!.previous!.score).toBe(4);
    expect(got.find((r) => r.id === early)!.state.score).toBe(4);
    expect(got.find((r) => r.id === between)!.state.status).toBe('open');
    expect(got.find((r) => r.id === between)!.previous).toBeNull();
    expect(got.find((r) => r.id === late)).toBeUndefined();
    // The last review by "as at" is the history's when the stored one is later (the review on 1 November).
    expect(got.find((r) => r.id === early)!.lastReviewedOn).toBe('2026-08-15');
  });
});
