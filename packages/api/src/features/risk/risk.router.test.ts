import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, buildFixture, type Fixture } from '../../testing/fixture';

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

const a = (consequence: number, likelihood: number) => ({ consequence, likelihood });

function riskInput(over: Record<string, unknown> = {}) {
  return {
    programmeId: fx.programme.id,
    title: 'ELI data incomplete',
    cause: 'Outgoing HR records are held in three systems',
    event: 'Employee liability information is late or incomplete',
    effect: 'TUPE claims and staff anxiety',
    categoryKey: 'workforce_tupe',
    workstream: 'workforce_tupe' as const,
    lotIds: [fx.lot.id],
    ownerUserId: fx.users.contributor.id,
    owningOrganisationId: fx.orgs.outgoing.id,
    affectedOrganisationIds: [fx.orgs.incoming.id],
    controls: 'Weekly HR call',
    gaps: 'No data owner at Old Mill',
    initial: a(4, 4),
    current: a(4, 3),
    target: a(3, 2),
    targetDate: '2027-02-01',
    proximity: 'one_to_3_months' as const,
    raisedOn: '2026-09-01',
    ...over,
  } as Parameters<Awaited<ReturnType<Fixture['as']>>['risk']['create']>[0];
}

describe(`risk register on ${testEngine()}`, () => {
  it('numbers risks per programme and derives score, band, escalation and next review', async () => {
    const admin = await fx.as('admin');
    const r1 = await admin.risk.create(riskInput());
    const r2 = await admin.risk.create(
      riskInput({ title: 'Second', current: a(5, 3), raisedOn: '2026-11-23' }),
    );
    expect([r1.reference, r2.reference]).toEqual(['R-001', 'R-002']);
    expect(r1.current.score).toBe(12);
    expect(r1.band).toEqual({ initial: 'extreme', current: 'high', target: 'moderate' });
    expect(r1.escalated).toBe(false);
    expect(r1.nextReviewOn).toBe('2026-10-01');
    expect(r1.reviewOverdue).toBe(true);
    expect(r2.escalated).toBe(true);
    expect(r2.nextReviewOn).toBe('2026-12-07');
  });

  it('flags a target above the category tolerance', async () => {
    const admin = await fx.as('admin');
    const r = await admin.risk.create(riskInput({ categoryKey: 'clinical_quality', target: a(4, 2) }));
    expect(r.targetAboveTolerance).toBe(true);
    const ok = await admin.risk.create(riskInput({ categoryKey: 'clinical_quality', target: a(3, 2) }));
    expect(ok.targetAboveTolerance).toBe(false);
  });

  it('rejects invalid scores and references with field errors, writing nothing', async () => {
    const admin = await fx.as('admin');
    const before = await auditCount(h.db);
    expect(await codeOf(admin.risk.create(riskInput({ current: a(6, 1) })))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.risk.create(riskInput({ categoryKey: 'made_up' })))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.risk.create(riskInput({ owningOrganisationId: fx.orgs.elsewhere.id })))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf(admin.risk.create(riskInput({ ownerUserId: fx.users.outsider.id })))).toBe(
      'BAD_REQUEST',
    );
    expect(await auditCount(h.db)).toBe(before);
  });

  it('lets a provider contributor edit only their own organisation’s risks', async () => {
    const admin = await fx.as('admin');
    const own = await admin.risk.create(riskInput());
    const theirs = await admin.risk.create(
      riskInput({ owningOrganisationId: fx.orgs.incoming.id, ownerUserId: null }),
    );
    const cat = await fx.as('contributor');
    const edited = await cat.risk.update({
      programmeId: fx.programme.id,
      riskId: own.id,
      version: own.version,
      gaps: 'Closed the gap',
    });
    expect(edited.gaps).toBe('Closed the gap');
    expect(
      await codeOf(
        cat.risk.update({
          programmeId: fx.programme.id,
          riskId: theirs.id,
          version: theirs.version,
          gaps: 'x',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(
        cat.risk.create(riskInput({ owningOrganisationId: fx.orgs.incoming.id, ownerUserId: null })),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(
        cat.risk.update({
          programmeId: fx.programme.id,
          riskId: own.id,
          version: edited.version,
          owningOrganisationId: fx.orgs.incoming.id,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(
        (await fx.as('viewer')).risk.update({
          programmeId: fx.programme.id,
          riskId: own.id,
          version: edited.version,
          gaps: 'y',
        }),
      ),
    ).toBe('FORBIDDEN');
    // The transition lead edits anyone's.
    expect(
      await codeOf(
        (await fx.as('lead')).risk.update({
          programmeId: fx.programme.id,
          riskId: theirs.id,
          version: theirs.version,
          gaps: 'z',
        }),
      ),
    ).toBe('ok');
    expect(
      await codeOf((await fx.as('outsider')).risk.get({ programmeId: fx.programme.id, riskId: own.id })),
    ).toBe('NOT_FOUND');
  });

  it('a partial edit changes only what it sends', async () => {
    const admin = await fx.as('admin');
    const r = await admin.risk.create(riskInput({ status: 'closed' }));
    const after = await admin.risk.update({
      programmeId: fx.programme.id,
      riskId: r.id,
      version: r.version,
      title: 'Only the title',
    });
    expect(after).toMatchObject({
      title: 'Only the title',
      cause: r.cause,
      controls: r.controls,
      status: 'closed',
      proximity: r.proximity,
      targetDate: r.targetDate,
      lotIds: r.lotIds,
    });
  });

  it('a second editor with a stale version gets CONFLICT and the first edit survives', async () => {
    const admin = await fx.as('admin');
    const r = await admin.risk.create(riskInput());
    await admin.risk.update({
      programmeId: fx.programme.id,
      riskId: r.id,
      version: r.version,
      title: 'First editor',
    });
    expect(
      await codeOf(
        admin.risk.update({
          programmeId: fx.programme.id,
          riskId: r.id,
          version: r.version,
          title: 'Second editor',
        }),
      ),
    ).toBe('CONFLICT');
    expect((await admin.risk.get({ programmeId: fx.programme.id, riskId: r.id })).risk.title).toBe(
      'First editor',
    );
  });

  it('keeps every re-score: reviews give history, trend and audit', async () => {
    const admin = await fx.as('admin');
    const r = await admin.risk.create(riskInput({ raisedOn: '2026-08-01', current: a(3, 3) }));
    const v2 = await admin.risk.review({
      programmeId: fx.programme.id,
      riskId: r.id,
      version: r.version,
      current: a(4, 4),
      reviewedOn: '2026-09-01',
      note: 'ELI late',
    });
    expect(v2.escalated).toBe(true);
    const v3 = await admin.risk.review({
      programmeId: fx.programme.id,
      riskId: r.id,
      version: v2.version,
      current: a(4, 3),
      reviewedOn: '2026-10-01',
      note: 'ELI received',
    });
    expect(v3.lastReviewedOn).toBe('2026-10-01');
    const d = await admin.risk.get({ programmeId: fx.programme.id, riskId: r.id });
    expect(d.history.map((x) => [x.kind, x.effectiveOn, x.score])).toEqual([
      ['raised', '2026-08-01', 9],
      ['review', '2026-09-01', 16],
      ['review', '2026-10-01', 12],
    ]);
    expect(d.risk.trend).toBe('down');
    expect(d.audit.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/reviewed: current score 9 → 16/),
        expect.stringMatching(/raised/),
      ]),
    );
    expect(
      await codeOf(
        admin.risk.review({
          programmeId: fx.programme.id,
          riskId: r.id,
          version: v3.version,
          current: a(1, 1),
          reviewedOn: '2026-09-15',
          note: 'backdated',
        }),
      ),
    ).toBe('BAD_REQUEST');
  });
});

describe(`register queries on ${testEngine()}`, () => {
  let db: DbHandle;
  let f: Fixture;
  beforeAll(async () => {
    db = await createTestDb();
    f = await buildFixture(db.db);
    const admin = await f.as('admin');
    const base = {
      programmeId: f.programme.id,
      event: 'Something may happen',
      categoryKey: 'finance',
      lotIds: [],
      ownerUserId: null,
      owningOrganisationId: f.orgs.icb.id,
      affectedOrganisationIds: [],
      initial: a(4, 4),
      target: a(2, 2),
    };
    // 12 risks: scores 1..5 x likelihood spread, raised 2026-09-01.
    for (let i = 0; i < 12; i++) {
      await admin.risk.create({
        ...base,
        title: `Finance risk ${i + 1}`,
        current: a((i % 5) + 1, (i % 3) + 2),
        raisedOn: '2026-09-01',
        owningOrganisationId: i % 2 ? f.orgs.outgoing.id : f.orgs.icb.id,
      } as never);
    }
  });
  afterAll(() => db.close());

  it('pages through the register by score with a keyset cursor, no gaps or repeats', async () => {
    const admin = await f.as('admin');
    const seen: string[] = [];
    let cursor: { v: string | number; n: number } | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof admin.risk.list>> = await admin.risk.list({
        programmeId: f.programme.id,
        limit: 5,
        cursor,
      });
      expect(page.total).toBe(12);
      seen.push(...page.items.map((r) => r.reference));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);
    const all = await admin.risk.list({ programmeId: f.programme.id, limit: 50 });
    expect(all.items.map((r) => r.reference)).toEqual(seen);
    const scores = all.items.map((r) => r.current.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('filters by band, organisation and heat-map cell, and the heat map counts agree with the list', async () => {
    const admin = await f.as('admin');
    const heat = await admin.risk.heatMap({ programmeId: f.programme.id });
    expect(heat.current.reduce((s, c) => s + c.count, 0)).toBe(12);
    expect(heat.initial).toEqual([{ consequence: 4, likelihood: 4, count: 12 }]);
    for (const cell of heat.current) {
      const page = await admin.risk.list({
        programmeId: f.programme.id,
        filter: { cell: { kind: 'current', consequence: cell.consequence, likelihood: cell.likelihood } },
      });
      expect(page.total).toBe(cell.count);
    }
    const high = await admin.risk.list({ programmeId: f.programme.id, filter: { bandKeys: ['high'] } });
    expect(high.items.every((r) => r.current.score >= 8 && r.current.score <= 12)).toBe(true);
    const outgoing = await admin.risk.list({
      programmeId: f.programme.id,
      filter: { organisationIds: [f.orgs.outgoing.id] },
    });
    expect(outgoing.total).toBe(6);
    const search = await admin.risk.list({ programmeId: f.programme.id, filter: { search: 'R-003' } });
    expect(search.items.map((r) => r.reference)).toEqual(['R-003']);
  });

  it('bulk changes are all or nothing', async () => {
    const admin = await f.as('admin');
    const { items } = await admin.risk.list({
      programmeId: f.programme.id,
      sort: 'reference',
      direction: 'asc',
      limit: 3,
    });
    const stale = items.map((r, i) => ({ riskId: r.id, version: i === 2 ? r.version + 7 : r.version }));
    expect(
      await codeOf(
        admin.risk.bulkUpdate({ programmeId: f.programme.id, risks: stale, patch: { status: 'closed' } }),
      ),
    ).toBe('CONFLICT');
    const after = await admin.risk.list({
      programmeId: f.programme.id,
      sort: 'reference',
      direction: 'asc',
      limit: 3,
    });
    expect(after.items.map((r) => r.status)).toEqual(['open', 'open', 'open']);
    const ok = await admin.risk.bulkUpdate({
      programmeId: f.programme.id,
      risks: items.map((r) => ({ riskId: r.id, version: r.version })),
      patch: { status: 'closed' },
    });
    expect(ok.updated).toBe(3);
  });

  it('what changed between two meetings: new, re-scored, escalated, closed, overdue actions', async () => {
    const admin = await f.as('admin', { today: () => '2026-11-23' });
    const { items } = await admin.risk.list({
      programmeId: f.programme.id,
      sort: 'reference',
      direction: 'asc',
      limit: 12,
      filter: { statuses: ['open'] },
    });
    const [up, down] = items;
    await admin.risk.review({
      programmeId: f.programme.id,
      riskId: up!.id,
      version: up!.version,
      current: a(5, 4),
      reviewedOn: '2026-11-10',
      note: 'worse',
    });
    await admin.risk.review({
      programmeId: f.programme.id,
      riskId: down!.id,
      version: down!.version,
      current: a(1, 1),
      reviewedOn: '2026-11-10',
      note: 'better',
    });
    const fresh = await admin.risk.create({
      programmeId: f.programme.id,
      title: 'Brand new',
      event: 'New thing',
      categoryKey: 'estates',
      ownerUserId: null,
      owningOrganisationId: f.orgs.icb.id,
      initial: a(2, 2),
      current: a(2, 2),
      target: a(1, 1),
      raisedOn: '2026-11-15',
    } as never);
    await admin.risk.addAction({
      programmeId: f.programme.id,
      riskId: fresh.id,
      description: 'Survey the site',
      ownerUserId: null,
      organisationId: f.orgs.icb.id,
      dueDate: '2026-11-20',
    } as never);
    const w = await admin.risk.whatChanged({
      programmeId: f.programme.id,
      from: '2026-10-27',
      to: '2026-11-23',
    });
    expect(w.new.map((r) => r.title)).toEqual(['Brand new']);
    expect(w.rescoredUp.map((r) => r.id)).toEqual([up!.id]);
    expect(w.rescoredDown.map((r) => r.id)).toEqual([down!.id]);
    expect(w.escalated.map((r) => r.id)).toEqual([up!.id]);
    expect(w.closed.map((r) => r.number).sort()).toEqual([1, 2, 3]);
    expect(w.overdueActions.map((x) => x.description)).toEqual(['Survey the site']);
    // As at an earlier pair of dates nothing had changed yet: history answers for the past too.
    const before = await admin.risk.whatChanged({
      programmeId: f.programme.id,
      from: '2026-09-15',
      to: '2026-10-15',
    });
    expect([before.new, before.rescoredUp, before.rescoredDown, before.closed].map((x) => x.length)).toEqual([
      0, 0, 0, 0,
    ]);
  });
});

describe(`bidder isolation in the register on ${testEngine()}`, () => {
  it('a bidder sees only its own risks, in the list, the heat map, what-changed and by id', async () => {
    const admin = await fx.as('admin');
    const base = {
      programmeId: fx.tender.id,
      event: 'Bid risk',
      categoryKey: 'procurement_legal',
      ownerUserId: null,
      initial: a(3, 3),
      current: a(3, 3),
      target: a(2, 2),
    };
    await admin.risk.create({
      ...base,
      title: 'Alpha pricing risk',
      owningOrganisationId: fx.orgs.bidderA.id,
    } as never);
    const beta = await admin.risk.create({
      ...base,
      title: 'Beta mobilisation risk',
      owningOrganisationId: fx.orgs.bidderB.id,
    } as never);
    const alpha = await fx.as('bidderA');
    const list = await alpha.risk.list({ programmeId: fx.tender.id });
    expect(list.items.map((r) => r.title)).toEqual(['Alpha pricing risk']);
    const heat = await alpha.risk.heatMap({ programmeId: fx.tender.id });
    expect(heat.current.reduce((s, c) => s + c.count, 0)).toBe(1);
    expect(await codeOf(alpha.risk.get({ programmeId: fx.tender.id, riskId: beta.id }))).toBe('NOT_FOUND');
    const w = await alpha.risk.whatChanged({
      programmeId: fx.tender.id,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(w.new.map((r) => r.title)).toEqual(['Alpha pricing risk']);
    expect(
      await codeOf(
        alpha.risk.create({ ...base, title: 'Sneaky', owningOrganisationId: fx.orgs.bidderB.id } as never),
      ),
    ).toBe('FORBIDDEN');
  });
});
