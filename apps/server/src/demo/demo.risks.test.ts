import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDb, migrateToLatest, riskChangesBetween, type Database, type DbHandle } from '@baton/db';
import {
  DEFAULT_RISK_MATRIX,
  ZRiskFields,
  addDays,
  addMonths,
  daysBetween,
  derivedRiskColumns,
  isActionOverdue,
  isEscalated,
  isReviewOverdue,
  riskReference,
  scoreOf,
  type TAssessment,
  type TLevel,
  type TRiskStatus,
} from '@baton/domain';
import {
  DEMO_RISK_LOTS,
  DEMO_RISK_ORGANISATIONS,
  DEMO_STEERING_GROUP_DAYS_AGO,
  planDemoRisks,
  type DemoRiskMember,
} from './demo.risks';
import { seedDemo } from './demo.seed';

// A Tuesday, as in demo.seed.test.ts: every date below is fixed, whatever day the suite runs.
const TODAY = '2025-11-18';
const STEERING_GROUP = addDays(TODAY, -DEMO_STEERING_GROUP_DAYS_AGO);

const RISK_TABLES = [
  'risks',
  'risk_lots',
  'risk_affected_organisations',
  'risk_history',
  'mitigation_actions',
] as const;

async function countRows(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...RISK_TABLES, 'audit_events'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const assessment = (c: number, l: number): TAssessment => ({
  consequence: c as TLevel,
  likelihood: l as TLevel,
});

describe('seedDemo: the community programme risk register', () => {
  let handle: DbHandle;
  let db: Database;
  let programmeId: string;

  beforeAll(async () => {
    handle = await createPgliteDb();
    db = handle.db;
    await migrateToLatest(db);
    await seedDemo(db, { today: TODAY });
    const p = await db
      .selectFrom('programmes')
      .select('id')
      .where('code', '=', 'SVCMH')
      .executeTakeFirstOrThrow();
    programmeId = p.id;
  });

  afterAll(async () => {
    await handle.close();
  });

  const risksOf = () =>
    db.selectFrom('risks').selectAll().where('programme_id', '=', programmeId).orderBy('number').execute();
  const historyOf = () =>
    db
      .selectFrom('risk_history')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('effective_on')
      .orderBy('id')
      .execute();

  it('loads once: a second run adds no risks, history, actions or audit events', async () => {
    const before = await countRows(db);
    expect(before.risks).toBeGreaterThan(0);
    expect(await seedDemo(db, { today: TODAY })).toEqual({ loaded: false });
    expect(await countRows(db)).toEqual(before);
  });

  it('gives only the community programme a register of 30 to 60 risks, numbered 1..N', async () => {
    const risks = await risksOf();
    expect(risks.length).toBeGreaterThanOrEqual(30);
    expect(risks.length).toBeLessThanOrEqual(60);
    expect(risks.map((r) => r.number)).toEqual(risks.map((_, i) => i + 1));
    const p = await db
      .selectFrom('programmes')
      .select('next_risk_number')
      .where('id', '=', programmeId)
      .executeTakeFirstOrThrow();
    expect(p.next_risk_number).toBe(risks.length + 1);

    const elsewhere = await db
      .selectFrom('risks')
      .select('id')
      .where('programme_id', '!=', programmeId)
      .execute();
    expect(elsewhere).toHaveLength(0);
  });

  it('covers every category, status and workstream-linked lot, owned across the organisations', async () => {
    const risks = await risksOf();
    expect(new Set(risks.map((r) => r.category_key))).toEqual(
      new Set(DEFAULT_RISK_MATRIX.categories.map((c) => c.key)),
    );

    const statuses = (s: TRiskStatus) => risks.filter((r) => r.status === s).length;
    expect(statuses('open')).toBeGreaterThan(risks.length / 2);
    expect(statuses('draft')).toBeGreaterThanOrEqual(2);
    expect(statuses('closed')).toBeGreaterThanOrEqual(4);
    expect(statuses('materialised')).toBe(2);

    // The commissioner and every outgoing and incoming provider own risks.
    const parties = await db
      .selectFrom('programme_parties')
      .select(['organisation_id', 'role'])
      .where('programme_id', '=', programmeId)
      .where('role', 'in', ['lead_commissioner', 'outgoing_provider', 'incoming_provider'])
      .execute();
    const owners = new Set(risks.map((r) => r.owning_organisation_id));
    expect(owners.size).toBeGreaterThanOrEqual(4);
    for (const p of parties) expect(owners.has(p.organisation_id), p.role).toBe(true);

    expect(risks.every((r) => r.workstream !== null)).toBe(true);
    expect(risks.filter((r) => r.escalation_tier === 'board_assurance')).toHaveLength(2);
    expect(risks.some((r) => r.current_score > r.initial_score)).toBe(true);

    const lots = await db.selectFrom('risk_lots').select(['risk_id', 'lot_id']).execute();
    const programmeLots = await db
      .selectFrom('lots')
      .select('id')
      .where('programme_id', '=', programmeId)
      .execute();
    expect(new Set(lots.map((l) => l.lot_id))).toEqual(new Set(programmeLots.map((l) => l.id)));
    expect(new Set(lots.map((l) => l.risk_id)).size).toBe(risks.length);

    const affected = await db
      .selectFrom('risk_affected_organisations')
      .select(['risk_id', 'organisation_id'])
      .execute();
    const perRisk = new Map<string, number>();
    for (const a of affected) perRisk.set(a.risk_id, (perRisk.get(a.risk_id) ?? 0) + 1);
    expect([...perRisk.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(5);
    for (const r of risks) {
      expect(affected.some((a) => a.risk_id === r.id && a.organisation_id === r.owning_organisation_id)).toBe(
        false,
      );
    }
  });

  it('passes the validation the app applies, with owners who are members able to edit the risk', async () => {
    const risks = await risksOf();
    const lots = await db.selectFrom('risk_lots').selectAll().execute();
    const affected = await db.selectFrom('risk_affected_organisations').selectAll().execute();
    const members = await db
      .selectFrom('programme_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.organisation_id', 'm.role'])
      .where('m.programme_id', '=', programmeId)
      .execute();
    const lead = members.find((m) => m.role === 'programme_admin');
    for (const r of risks) {
      const parsed = ZRiskFields.safeParse({
        title: r.title,
        cause: r.cause,
        event: r.event,
        effect: r.effect,
        categoryKey: r.category_key,
        workstream: r.workstream,
        lotIds: lots.filter((l) => l.risk_id === r.id).map((l) => l.lot_id),
        ownerUserId: r.owner_user_id,
        owningOrganisationId: r.owning_organisation_id,
        affectedOrganisationIds: affected.filter((a) => a.risk_id === r.id).map((a) => a.organisation_id),
        controls: r.controls,
        gaps: r.gaps,
        status: r.status,
        initial: assessment(r.initial_consequence, r.initial_likelihood),
        current: assessment(r.current_consequence, r.current_likelihood),
        target: assessment(r.target_consequence, r.target_likelihood),
        targetDate: r.target_date,
        proximity: r.proximity,
        escalationTier: r.escalation_tier,
        raisedOn: r.raised_on,
      });
      expect(parsed.error, riskReference(r.number)).toBeUndefined();
      expect(r.cause.startsWith('Because'), r.title).toBe(true);
      expect(r.target_date !== null && r.target_date >= r.raised_on).toBe(true);

      const owner = members.find((m) => m.id === r.owner_user_id);
      expect(owner, r.title).toBeDefined();
      expect(owner?.role).not.toBe('executive_viewer');
      expect(owner?.organisation_id === r.owning_organisation_id || owner?.id === lead?.id, r.title).toBe(
        true,
      );
      expect(r.created_by).toBe(r.owner_user_id);
    }
  });

  it('stores derived columns exactly as the domain computes them', async () => {
    for (const r of await risksOf()) {
      const derived = derivedRiskColumns(
        {
          initial: assessment(r.initial_consequence, r.initial_likelihood),
          current: assessment(r.current_consequence, r.current_likelihood),
          target: assessment(r.target_consequence, r.target_likelihood),
          lastReviewedOn: r.last_reviewed_on,
        },
        DEFAULT_RISK_MATRIX,
      );
      expect(
        {
          initialScore: r.initial_score,
          currentScore: r.current_score,
          targetScore: r.target_score,
          escalated: r.escalated,
          nextReviewOn: r.next_review_on,
        },
        riskReference(r.number),
      ).toEqual(derived);
    }
  });

  it('keeps a history for every risk that starts when raised and ends at its current state', async () => {
    const risks = await risksOf();
    const history = await historyOf();
    for (const r of risks) {
      const rows = history.filter((h) => h.risk_id === r.id);
      const ref = riskReference(r.number);
      expect(rows.length, ref).toBeGreaterThanOrEqual(2);
      expect(rows[0]).toMatchObject({ kind: 'raised', effective_on: r.raised_on });
      expect(
        rows.slice(1).every((h) => h.kind === 'review' || h.kind === 'edit'),
        ref,
      ).toBe(true);
      for (const h of rows) {
        expect(h.score).toBe(scoreOf(assessment(h.consequence, h.likelihood)));
        expect(h.escalated).toBe(isEscalated(h.score, DEFAULT_RISK_MATRIX));
        expect(h.recorded_by).toBe(r.owner_user_id);
        expect(h.effective_on < TODAY).toBe(true);
        if (h.kind === 'review') expect(h.note.length, ref).toBeGreaterThan(3);
      }
      const dates = rows.map((h) => h.effective_on);
      expect(new Set(dates).size, ref).toBe(dates.length);

      const last = rows[rows.length - 1]!;
      expect(last, ref).toMatchObject({
        consequence: r.current_consequence,
        likelihood: r.current_likelihood,
        score: r.current_score,
        status: r.status,
        escalated: r.escalated,
      });
      const lastReview = rows.filter((h) => h.kind !== 'edit').at(-1)!;
      expect(lastReview.effective_on, ref).toBe(r.last_reviewed_on);
      if (r.status === 'open' || r.status === 'draft') {
        expect(last.effective_on).toBe(r.last_reviewed_on);
      } else {
        expect(last).toMatchObject({ kind: 'edit', status: r.status });
        expect(last.effective_on > r.last_reviewed_on).toBe(true);
      }
      expect(r.version).toBe(rows.length);
    }

    const dates = history.map((h) => h.effective_on).sort();
    expect(daysBetween(dates[0]!, dates.at(-1)!)).toBeGreaterThanOrEqual(120);
    expect(dates[0]! >= addMonths(TODAY, -7)).toBe(true);
    // Ids rise with time, as they would had the reviews been entered one by one.
    const byId = [...history].sort((a, b) => a.id - b.id).map((h) => h.recorded_at.getTime());
    expect(byId).toEqual([...byId].sort((a, b) => a - b));
  });

  it('has a live register: overdue reviews, escalations, and scores moving both ways over time', async () => {
    const risks = await risksOf();
    const overdue = risks.filter((r) =>
      isReviewOverdue({ status: r.status as TRiskStatus, nextReviewOn: r.next_review_on }, TODAY),
    );
    expect(overdue.length).toBeGreaterThanOrEqual(4);
    expect(overdue.length).toBeLessThanOrEqual(8);
    const live = risks.filter((r) => r.status === 'open' || r.status === 'draft');
    expect(live.filter((r) => r.escalated).length).toBeGreaterThanOrEqual(5);

    const history = await historyOf();
    const trend = (r: (typeof risks)[number]) => {
      const scores = history.filter((h) => h.risk_id === r.id).map((h) => h.score);
      return Math.sign(scores.at(-1)! - scores[0]!);
    };
    expect(risks.filter((r) => trend(r) > 0).length).toBeGreaterThanOrEqual(5);
    expect(risks.filter((r) => trend(r) < 0).length).toBeGreaterThanOrEqual(5);
    expect(risks.filter((r) => trend(r) === 0).length).toBeGreaterThanOrEqual(5);
  });

  it('gives the steering group something to discuss since it last met', async () => {
    const changes = await riskChangesBetween(db, {
      programmeId,
      from: STEERING_GROUP,
      to: TODAY,
      visibility: { kind: 'all' },
    });
    const raised = changes.filter((c) => c.from === null);
    const moved = changes.filter((c) => c.from !== null && c.from.status === c.to.status);
    expect(raised.length).toBeGreaterThanOrEqual(3);
    expect(moved.filter((c) => c.to.score > c.from!.score).length).toBeGreaterThanOrEqual(3);
    expect(moved.filter((c) => c.to.score < c.from!.score).length).toBeGreaterThanOrEqual(3);
    expect(moved.filter((c) => c.to.escalated && !c.from!.escalated).length).toBeGreaterThanOrEqual(2);
    expect(
      changes.filter((c) => c.from?.status === 'open' && c.to.status === 'closed').length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('has 2 to 5 mitigation actions per open risk, some done, some overdue', async () => {
    const risks = await risksOf();
    const actions = await db
      .selectFrom('mitigation_actions')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .execute();
    expect(actions.length).toBeGreaterThanOrEqual(120);
    for (const r of risks.filter((x) => x.status === 'open')) {
      const n = actions.filter((a) => a.risk_id === r.id).length;
      expect(n, riskReference(r.number)).toBeGreaterThanOrEqual(2);
      expect(n, riskReference(r.number)).toBeLessThanOrEqual(5);
    }
    // Often done by another organisation than the one owning the risk.
    const orgOf = new Map(risks.map((r) => [r.id, r.owning_organisation_id]));
    expect(actions.filter((a) => a.organisation_id !== orgOf.get(a.risk_id)).length).toBeGreaterThan(
      actions.length / 3,
    );

    const overdue = actions.filter((a) =>
      isActionOverdue({ status: a.status as 'not_started', dueDate: a.due_date }, TODAY),
    );
    expect(overdue.length).toBeGreaterThanOrEqual(10);
    expect(overdue.length).toBeLessThanOrEqual(25);
    const closed = new Set(
      risks.filter((r) => r.status === 'closed' || r.status === 'materialised').map((r) => r.id),
    );
    expect(overdue.some((a) => closed.has(a.risk_id))).toBe(false);

    const raisedOn = new Map(risks.map((r) => [r.id, r.raised_on]));
    for (const a of actions) {
      expect(a.due_date > raisedOn.get(a.risk_id)!).toBe(true);
      if (a.status === 'done') {
        expect(a.completed_on).not.toBeNull();
        expect(a.completed_on! < TODAY && a.completed_on! > raisedOn.get(a.risk_id)!).toBe(true);
      } else {
        expect(a.completed_on).toBeNull();
      }
    }
    const dues = actions.map((a) => a.due_date).sort();
    expect(dues.at(-1)! > addMonths(TODAY, 3)).toBe(true);
    expect(dues.filter((d) => d < addMonths(TODAY, -2)).length).toBeGreaterThan(0);
    expect(new Set(actions.map((a) => a.status))).toEqual(
      new Set(['not_started', 'in_progress', 'done', 'cancelled']),
    );
  });

  it('records a create event per risk and an update per later change, by the owner, in time order', async () => {
    const risks = await risksOf();
    const history = await historyOf();
    const events = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'risk')
      .orderBy('id')
      .execute();
    expect(events).toHaveLength(history.length);
    for (const r of risks) {
      const own = events.filter((e) => e.entity_id === r.id);
      const ref = riskReference(r.number);
      expect(own[0]).toMatchObject({
        action: 'create',
        summary: `${ref} raised: ${r.title}`,
        actor_user_id: r.owner_user_id,
        organisation_id: r.owning_organisation_id,
        programme_id: programmeId,
        before: null,
      });
      expect(own[0]!.occurred_at.toISOString().slice(0, 10)).toBe(r.raised_on);
      expect(own.slice(1).every((e) => e.action === 'update' && e.before !== null)).toBe(true);
      const reviews = own.filter((e) => e.summary.startsWith(`${ref} reviewed: current score `));
      expect(reviews.length).toBe(history.filter((h) => h.risk_id === r.id && h.kind === 'review').length);
      expect(own.at(-1)!.after).toMatchObject({ id: r.id, current_score: r.current_score, status: r.status });
    }
    expect(events.some((e) => /reviewed: current score 12 → 16$/.test(e.summary))).toBe(true);
  });
});

describe('planDemoRisks, for any day the demo is loaded', () => {
  /** The cast of demo.seed.ts, with the dates it gives them relative to `today`. */
  function contextFor(today: string) {
    const start = addMonths(today, -6);
    const award = addDays(addMonths(today, -3), -2);
    const id = (s: string) => `00000000-0000-4000-8000-${s.padStart(12, '0')}`;
    const organisations = Object.fromEntries(
      DEMO_RISK_ORGANISATIONS.map((key, i) => [
        key,
        { id: id(`${i + 1}`), joinedOn: key === 'kingsmead' || key === 'svcp' ? addDays(award, 1) : start },
      ]),
    ) as Parameters<typeof planDemoRisks>[0]['organisations'];
    const lotIds = Object.fromEntries(DEMO_RISK_LOTS.map((l, i) => [l, id(`10${i}`)])) as Parameters<
      typeof planDemoRisks
    >[0]['lotIds'];
    const member = (
      n: number,
      org: keyof typeof organisations,
      role: DemoRiskMember['role'],
      joinedOn: string,
    ) => ({
      userId: id(`20${n}`),
      organisationId: organisations[org].id,
      role,
      joinedOn,
    });
    const members: DemoRiskMember[] = [
      member(1, 'icb', 'programme_admin', start),
      member(2, 'council', 'steering_group_member', addDays(start, 14)),
      member(3, 'icb', 'transition_lead', addDays(award, 3)),
      member(4, 'wyebridge', 'provider_contributor', addDays(award, 7)),
      member(5, 'kingsmead', 'provider_contributor', addDays(award, 7)),
      member(6, 'svcp', 'executive_viewer', addDays(award, 10)),
    ];
    return { programmeId: id('999'), today, organisations, lotIds, members };
  }

  it('keeps its promises on each of 400 consecutive days', () => {
    let day = '2025-01-01';
    for (let i = 0; i < 400; i++, day = addDays(day, 1)) {
      const ctx = contextFor(day);
      const risks = planDemoRisks(ctx);
      const steeringGroup = addDays(day, -DEMO_STEERING_GROUP_DAYS_AGO);
      let overdue = 0;
      let newSinceSteeringGroup = 0;
      for (const r of risks) {
        const where = `${day} ${riskReference(r.number)}`;
        const owner = ctx.members.find((m) => m.userId === r.ownerUserId)!;
        expect(r.raisedOn > owner.joinedOn, where).toBe(true);
        expect(r.history.length, where).toBeGreaterThanOrEqual(2);
        const dates = r.history.map((h) => h.effectiveOn);
        expect(dates, where).toEqual([...new Set(dates)].sort());
        expect(dates.at(-1)! < day, where).toBe(true);
        const last = r.history.at(-1)!;
        expect(last.score, where).toBe(scoreOf(r.current));
        expect(last.status, where).toBe(r.status);
        const derived = derivedRiskColumns(r, DEFAULT_RISK_MATRIX);
        if (isReviewOverdue({ status: r.status, nextReviewOn: derived.nextReviewOn }, day)) overdue++;
        if (r.raisedOn > steeringGroup) newSinceSteeringGroup++;
        for (const a of r.actions) {
          expect(a.dueDate > r.raisedOn, where).toBe(true);
          if (a.completedOn) expect(a.completedOn < day && a.completedOn > r.raisedOn, where).toBe(true);
        }
      }
      expect(overdue, day).toBeGreaterThanOrEqual(4);
      expect(overdue, day).toBeLessThanOrEqual(8);
      expect(newSinceSteeringGroup, day).toBeGreaterThanOrEqual(3);
    }
  });

  it('is deterministic for a given day', () => {
    expect(planDemoRisks(contextFor(TODAY))).toEqual(planDemoRisks(contextFor(TODAY)));
  });
});
