import { DEFAULT_RISK_MATRIX, addDays } from '@baton/domain';
import { registerAsAt, riskProfileByMonth, type DbHandle } from '@baton/db';
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

  it('counts the live risks in each band at each month end as the same rule does, for everyone and for one organisation', async () => {
    const history = (
      await sql<THistoryRow>`select * from risk_history where programme_id = ${fx.programme.id}`.execute(h.db)
    ).rows.map((r) => ({ ...r, id: Number(r.id) }));
    const owners = new Map(
      (
        await sql<{
          id: string;
          owning_organisation_id: string;
        }>`select id, owning_organisation_id from risks where programme_id = ${fx.programme.id}`.execute(h.db)
      ).rows.map((r) => [r.id, r.owning_organisation_id]),
    );
    const bands = DEFAULT_RISK_MATRIX.bands;
    const monthEnds = (asAt: string) =>
      Array.from({ length: 12 }, (_, k) => {
        const first = new Date(`${asAt.slice(0, 7)}-01T00:00:00Z`);
        first.setUTCMonth(first.getUTCMonth() - k);
        const next = new Date(first);
        next.setUTCMonth(next.getUTCMonth() + 1);
        const end = addDays(next.toISOString().slice(0, 10), -1);
        return { month: first.toISOString().slice(0, 7), asAt: end < asAt ? end : asAt };
      }).reverse();
    /** The rule in plain code: at each month end, each risk's last row by then; open ones counted by band. */
    const expected = (asAt: string, organisationId?: string) =>
      monthEnds(asAt).map(({ month, asAt: at }) => {
        const counts: Record<string, number> = {};
        for (const riskId of new Set(history.map((r) => r.risk_id))) {
          if (organisationId && owners.get(riskId) !== organisationId) continue;
          const state = lastOnOrBefore(
            history.filter((r) => r.risk_id === riskId),
            at,
          );
          if (state?.status !== 'open') continue;
          const band = bands.find((b) => state.score >= b.min && state.score <= b.max)!.key;
          counts[band] = (counts[band] ?? 0) + 1;
        }
        return { month, asAt: at, counts };
      });
    const actual = async (asAt: string, organisationId?: string) => {
      const rows = await riskProfileByMonth(h.db, {
        programmeId: fx.programme.id,
        asAt,
        months: 12,
        bands,
        visibility: organisationId ? { kind: 'own', organisationId } : { kind: 'all' },
      });
      const months = new Map<string, { month: string; asAt: string; counts: Record<string, number> }>();
      for (const r of rows) {
        const m = months.get(r.month) ?? { month: r.month, asAt: r.asAt, counts: {} };
        if (r.band) m.counts[r.band] = r.count;
        months.set(r.month, m);
      }
      return [...months.values()];
    };
    // Month ends inside the history, the day after a same-day rescoring, a window reaching past all history,
    // and one starting before the register began.
    for (const asAt of ['2026-10-25', '2026-08-15', '2026-11-30', '2027-06-10', '2026-02-01']) {
      expect(await actual(asAt), asAt).toEqual(expected(asAt));
      expect(await actual(asAt, fx.orgs.outgoing.id), `${asAt}, one organisation`).toEqual(
        expected(asAt, fx.orgs.outgoing.id),
      );
    }
    // Not vacuous: the first case sees risks in more than one band in its last month.
    expect(Object.keys((await actual('2026-10-25')).at(-1)!.counts).length).toBeGreaterThan(1);
  });

  it('counts overdue actions for a bidder among their own risks only, and for the commissioner among all', async () => {
    const raise = async (who: 'bidderA' | 'bidderB', overdue: number) => {
      const bidder = await fx.as(who);
      const risk = await bidder.risk.create({
        programmeId: fx.tender.id,
        title: `${who}: mobilisation staffing`,
        cause: 'A cause of the risk',
        event: 'Something that might happen',
        effect: 'What it would do',
        categoryKey: 'workforce_tupe',
        lotIds: [],
        ownerUserId: fx.users[who].id,
        owningOrganisationId: fx.orgs[who].id,
        affectedOrganisationIds: [],
        initial: a(3, 3),
        current: a(3, 3),
        target: a(2, 2),
        raisedOn: '2026-10-01',
      } as never);
      for (let n = 0; n < overdue; n++)
        await bidder.risk.addAction({
          programmeId: fx.tender.id,
          riskId: risk.id,
          description: `${who} action ${n}`,
          ownerUserId: null,
          organisationId: fx.orgs[who].id,
          dueDate: '2026-11-0' + (n + 1),
        } as never);
    };
    await raise('bidderA', 1);
    await raise('bidderB', 2);
    const overdueFor = async (who: 'bidderA' | 'bidderB' | 'admin') => {
      const w = await (
        await fx.as(who)
      ).risk.whatChanged({
        programmeId: fx.tender.id,
        from: '2026-10-15',
        to: '2026-11-23',
      });
      return { total: w.overdueActionsTotal, listed: w.overdueActions.map((x) => x.description).sort() };
    };
    expect(await overdueFor('bidderA')).toEqual({ total: 1, listed: ['bidderA action 0'] });
    expect(await overdueFor('bidderB')).toEqual({
      total: 2,
      listed: ['bidderB action 0', 'bidderB action 1'],
    });
    expect((await overdueFor('admin')).total).toBe(3);
  });
});
