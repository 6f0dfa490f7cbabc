import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, shapeOf } from '../../testing/errors';
import { auditCount, buildFixture, TODAY, type Fixture } from '../../testing/fixture';
import { buildSteeringScenario, PREVIOUS_MEETING } from '../../testing/steering-scenario';

/*
 * The steering group pack and the meetings that freeze it. The fixture's today is 2026-11-23; the register is
 * built through the API (risk.create with a raised date, risk.review with a review date), so its history is
 * the one a real programme would have.
 */

let h: DbHandle;
let fx: Fixture;
let ids: Awaited<ReturnType<typeof buildSteeringScenario>>['ids'];

const a = (consequence: number, likelihood: number) => ({ consequence, likelihood });

beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  ({ ids } = await buildSteeringScenario(fx));
});
afterAll(() => h.close());

describe(`steering group pack on ${testEngine()}`, () => {
  it('compares with the last meeting and agrees with the register screens for today', async () => {
    const steering = await fx.as('steering');
    const pack = await steering.steering.pack({ programmeId: fx.programme.id });
    expect(pack.asAt).toBe(TODAY);
    expect(pack.since).toBe(PREVIOUS_MEETING);
    expect(pack.sinceLabel).toBe('the meeting on 26 Oct 2026');
    expect(pack.changes.rescoredUp.map((c) => [c.id, c.from?.score, c.to.score])).toEqual([[ids.up, 12, 16]]);
    expect(pack.changes.escalated.map((c) => c.id)).toEqual([ids.up]);
    expect(pack.changes.rescoredDown.map((c) => c.id)).toEqual([ids.down]);
    expect(pack.changes.deescalated.map((c) => c.id)).toEqual([ids.down]);
    expect(pack.changes.new.map((c) => c.id)).toEqual([ids.new]);
    expect(pack.topRisks.map((r) => [r.id, r.trend])).toEqual([
      [ids.up, 'up'],
      [ids.steady, 'steady'],
      [ids.down, 'down'],
      [ids.new, 'new'],
    ]);

    // The same figures the register's own procedures give for today.
    const heat = await steering.risk.heatMap({ programmeId: fx.programme.id });
    const sortCells = (c: Array<{ consequence: number; likelihood: number; count: number }>) =>
      [...c].sort((x, y) => x.consequence - y.consequence || x.likelihood - y.likelihood);
    expect(sortCells(pack.heatMap)).toEqual(sortCells(heat.current));
    const lateReviews = await steering.risk.list({
      programmeId: fx.programme.id,
      filter: { overdueReview: true },
    } as never);
    expect(pack.summary.overdueReviews).toBe(lateReviews.total);
    expect(pack.overdueReviews.items.map((r) => r.id)).toEqual([ids.steady]);
    const changed = await steering.risk.whatChanged({
      programmeId: fx.programme.id,
      from: PREVIOUS_MEETING,
      to: TODAY,
    });
    expect(pack.summary.changes.new).toBe(changed.new.length);
    expect(pack.summary.changes.rescoredUp).toBe(changed.rescoredUp.length);
    expect(pack.summary.overdueActions).toBe(changed.overdueActionsTotal);
    expect(pack.summary.liveRisks).toBe(4);
    expect(pack.summary.escalated).toBe(1);
  });

  it('reads any past date from the history: the register as it stood then', async () => {
    const steering = await fx.as('steering');
    const pack = await steering.steering.pack({ programmeId: fx.programme.id, asAt: '2026-10-01' });
    expect(pack.summary.liveRisks).toBe(3);
    expect(pack.topRisks.find((r) => r.id === ids.up)?.state.score).toBe(12);
    expect(pack.topRisks.find((r) => r.id === ids.down)?.state.score).toBe(15);
    expect(pack.escalated.map((r) => r.id)).toEqual([ids.down]);
    expect(pack.topRisks.find((r) => r.id === ids.new)).toBeUndefined();
    expect(pack.readinessAsOf).toBe(TODAY);
  });

  it('charts live risks per band per month, ending with today’s counts', async () => {
    const pack = await (await fx.as('viewer')).steering.pack({ programmeId: fx.programme.id });
    expect(pack.profile.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    const last = pack.profile.at(-1)!;
    expect(last.asAt).toBe(TODAY);
    expect(last.counts).toEqual(Object.fromEntries(Object.entries(pack.summary.byBand).filter(([, n]) => n)));
    expect(pack.profile[0]!.counts).toEqual({ high: 2, extreme: 1 });
  });

  it('shows readiness per transfer as the plan screen does, and the go/no-go decision coming up', async () => {
    const lead = await fx.as('lead');
    const [pack, transfers] = await Promise.all([
      lead.steering.pack({ programmeId: fx.programme.id }),
      lead.transition.transfers({ programmeId: fx.programme.id }),
    ]);
    expect(pack.readiness.map((r) => [r.transferId, r.rag, r.reasons])).toEqual(
      transfers.map((t) => [t.transfer.id, t.readiness.overall.rag, t.readiness.overall.reasons]),
    );
    expect(pack.decisions).toEqual([
      expect.objectContaining({
        title: 'Go/no-go decision',
        dueDate: '2027-01-08',
        transferId: ids.transfer,
      }),
    ]);
    // Decisions needed counts every recommendation: the gate, and whatever else the data asks for.
    expect(pack.recommendations?.filter((r) => r.kind === 'goNoGo').map((r) => r.subject.id)).toEqual(
      pack.decisions.map((d) => d.taskId),
    );
    expect(pack.summary.decisionsNeeded).toBe(pack.recommendations?.length);
  });

  it('validates its input and keeps outsiders out', async () => {
    const steering = await fx.as('steering');
    const bad = await caught(
      steering.steering.pack({ programmeId: fx.programme.id, asAt: '2026-11-31' } as never),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    const backwards = await caught(
      steering.steering.pack({ programmeId: fx.programme.id, asAt: '2026-11-01', since: '2026-11-20' }),
    );
    expect(backwards.code).toBe('BAD_REQUEST');
    // The comparison date must come before the default "as at" (today) too.
    const notBefore = await caught(steering.steering.pack({ programmeId: fx.programme.id, since: TODAY }));
    expect(shapeOf(notBefore).data.fieldErrors).toEqual({
      since: ['The comparison date must be before the "as at" date'],
    });
    const outsider = await caught((await fx.as('outsider')).steering.pack({ programmeId: fx.programme.id }));
    expect(outsider.code).toBe('NOT_FOUND');
  });

  it('shows a bidder only its own organisation’s risks', async () => {
    const admin = await fx.as('admin');
    const mk = (title: string, org: string) =>
      admin.risk.create({
        programmeId: fx.tender.id,
        title,
        event: `${title} happens`,
        categoryKey: 'procurement_legal',
        ownerUserId: null,
        owningOrganisationId: org,
        initial: a(3, 3),
        current: a(3, 3),
        target: a(2, 2),
        raisedOn: '2026-11-01',
      } as never);
    await mk('Alpha pricing', fx.orgs.bidderA.id);
    await mk('Beta pricing', fx.orgs.bidderB.id);
    const pack = await (await fx.as('bidderA')).steering.pack({ programmeId: fx.tender.id });
    expect(pack.scope).toBe('own');
    expect(pack.topRisks.map((r) => r.title)).toEqual(['Alpha pricing']);
    expect(pack.heatMap.reduce((s, c) => s + c.count, 0)).toBe(1);
  });
});

describe(`meetings and frozen packs on ${testEngine()}`, () => {
  let meetingId = '';

  it('records a meeting: steering group and admins may, contributors may not, outsiders cannot tell', async () => {
    const steering = await fx.as('steering');
    const m = await steering.meeting.create({
      programmeId: fx.programme.id,
      title: 'Steering group 5',
      heldOn: TODAY,
      location: 'Severn House',
      attendees: ['Sam Steering (TV ICB)', 'Ada Admin (TV ICB)'],
      apologies: ['Val Viewer'],
      decisions: [],
      notes: '',
    });
    meetingId = m.id;
    expect(m).toMatchObject({ heldOn: TODAY, attendees: ['Sam Steering (TV ICB)', 'Ada Admin (TV ICB)'] });
    expect(m.snapshot).toBeNull();
    const list = await (await fx.as('viewer')).meeting.list({ programmeId: fx.programme.id });
    expect(list.map((x) => x.title)).toEqual(['Steering group 5', 'Steering group 4']);

    const before = await auditCount(h.db);
    const denied = await caught(
      (await fx.as('contributor')).meeting.create({
        programmeId: fx.programme.id,
        title: 'Rogue meeting',
        heldOn: TODAY,
      } as never),
    );
    expect(denied.code).toBe('FORBIDDEN');
    const hidden = await caught((await fx.as('outsider')).meeting.list({ programmeId: fx.programme.id }));
    expect(hidden.code).toBe('NOT_FOUND');
    const invalid = await caught(
      steering.meeting.create({ programmeId: fx.programme.id, title: 'x', heldOn: 'soon' } as never),
    );
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(shapeOf(invalid).data.fieldErrors).toMatchObject({
      title: expect.any(Array),
      heldOn: expect.any(Array),
    });
    expect(await auditCount(h.db)).toBe(before);
  });

  it('edits need the version read: a stale edit is a conflict carrying the current meeting', async () => {
    const admin = await fx.as('admin');
    const m = (await admin.meeting.get({ programmeId: fx.programme.id, meetingId })).meeting;
    await admin.meeting.update({
      programmeId: fx.programme.id,
      meetingId,
      version: m.version,
      notes: 'Agenda circulated',
    });
    const stale = await caught(
      admin.meeting.update({
        programmeId: fx.programme.id,
        meetingId,
        version: m.version,
        notes: 'Overwrite?',
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect((shapeOf(stale).data.current as { notes: string }).notes).toBe('Agenda circulated');
  });

  let frozen: Awaited<ReturnType<Awaited<ReturnType<Fixture['as']>>['meeting']['snapshot']>>;

  it('freezes the pack once, hashed and attributable', async () => {
    const steering = await fx.as('steering');
    const before = await auditCount(h.db);
    const r = await steering.meeting.freeze({ programmeId: fx.programme.id, meetingId });
    expect(r.meeting.snapshot).toMatchObject({ asAt: TODAY, since: PREVIOUS_MEETING });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await auditCount(h.db)).toBe(before + 1);
    const again = await caught(steering.meeting.freeze({ programmeId: fx.programme.id, meetingId }));
    expect(again.code).toBe('CONFLICT');

    frozen = await steering.meeting.snapshot({ programmeId: fx.programme.id, meetingId });
    expect(frozen.snapshot.intact).toBe(true);
    expect(frozen.pack.asAt).toBe(TODAY);
    expect(frozen.pack.summary.liveRisks).toBe(4);
    expect(frozen.pack).not.toHaveProperty('register');
    const live = await steering.steering.pack({ programmeId: fx.programme.id });
    expect(frozen.pack.summary).toEqual(live.summary);
    expect(frozen.pack.topRisks).toEqual(live.topRisks);
  });

  it('stays exactly as frozen after later edits, and the comparison with today shows the edits', async () => {
    const admin = await fx.as('admin');
    const later = { today: () => '2026-12-07' };
    const adminLater = await fx.as('admin', later);
    const steady = await admin.risk.get({ programmeId: fx.programme.id, riskId: ids.steady });
    await adminLater.risk.review({
      programmeId: fx.programme.id,
      riskId: ids.steady,
      version: steady.risk.version,
      current: a(4, 4),
      reviewedOn: '2026-12-01',
      note: 'Payroll supplier has given notice',
    });
    const newer = await admin.risk.get({ programmeId: fx.programme.id, riskId: ids.new });
    await adminLater.risk.update({
      programmeId: fx.programme.id,
      riskId: ids.new,
      version: newer.risk.version,
      status: 'closed',
    });

    const steering = await fx.as('steering', later);
    const again = await steering.meeting.snapshot({ programmeId: fx.programme.id, meetingId });
    expect(again).toEqual(frozen);

    const cmp = await steering.meeting.compare({ programmeId: fx.programme.id, meetingId });
    expect(cmp.comparison.then.asAt).toBe(TODAY);
    expect(cmp.comparison.now.asAt).toBe('2026-12-07');
    expect(cmp.comparison.changes.rescoredUp.map((c) => [c.id, c.from?.score, c.to.score])).toEqual([
      [ids.steady, 12, 16],
    ]);
    expect(cmp.comparison.changes.escalated.map((c) => c.id)).toEqual([ids.steady]);
    expect(cmp.comparison.changes.closed.map((c) => c.id)).toEqual([ids.new]);
    expect(cmp.comparison.changes.new).toEqual([]);
    expect(cmp.comparison.figures.find((f) => f.key === 'liveRisks')).toMatchObject({ then: 4, now: 3 });
    expect(cmp.comparison.figures.find((f) => f.key === 'escalated')).toMatchObject({ then: 1, now: 2 });
    expect(cmp.comparison.readiness.map((t) => t.transferId)).toEqual([ids.transfer]);
  });

  it('cannot be changed even by SQL, cannot lose its meeting, and keeps its date', async () => {
    await expect(
      sql`update pack_snapshots set as_at = '2020-01-01' where meeting_id = ${meetingId}`.execute(h.db),
    ).rejects.toThrow(/frozen steering group pack cannot be changed/);
    const admin = await fx.as('admin');
    const m = (await admin.meeting.get({ programmeId: fx.programme.id, meetingId })).meeting;
    const del = await caught(
      admin.meeting.remove({ programmeId: fx.programme.id, meetingId, version: m.version }),
    );
    expect(del.code).toBe('CONFLICT');
    const move = await caught(
      admin.meeting.update({
        programmeId: fx.programme.id,
        meetingId,
        version: m.version,
        heldOn: '2026-11-30',
      }),
    );
    expect(move.code).toBe('BAD_REQUEST');
    // The minutes stay editable after the meeting.
    const minuted = await admin.meeting.update({
      programmeId: fx.programme.id,
      meetingId,
      version: m.version,
      decisions: ['Approved the transition budget', 'Asked Old Mill for an ELI recovery plan'],
    });
    expect(minuted.decisions).toHaveLength(2);
  });

  it('a meeting without a frozen pack can be deleted; reading its pack says it is not frozen', async () => {
    const admin = await fx.as('admin');
    const m = await admin.meeting.create({
      programmeId: fx.programme.id,
      title: 'Extraordinary meeting',
      heldOn: '2026-12-14',
    } as never);
    const none = await caught(admin.meeting.snapshot({ programmeId: fx.programme.id, meetingId: m.id }));
    expect(none.code).toBe('NOT_FOUND');
    await admin.meeting.remove({ programmeId: fx.programme.id, meetingId: m.id, version: m.version });
    const list = await admin.meeting.list({ programmeId: fx.programme.id });
    expect(list.map((x) => x.id)).not.toContain(m.id);
  });

  it('meetings (minutes, decisions, attendees) are not shown to bidders either', async () => {
    const admin = await fx.as('admin');
    const m = await admin.meeting.create({
      programmeId: fx.tender.id,
      title: 'Procurement board',
      heldOn: '2026-11-18',
      decisions: ['Moderation of Alpha and Beta scores agreed'],
    } as never);
    const bidder = await fx.as('bidderA');
    expect(await bidder.meeting.list({ programmeId: fx.tender.id })).toEqual([]);
    expect((await caught(bidder.meeting.get({ programmeId: fx.tender.id, meetingId: m.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await admin.meeting.list({ programmeId: fx.tender.id })).map((x) => x.id)).toContain(m.id);
  });

  it('frozen packs are not shown to bidders, who see only their own organisation', async () => {
    const admin = await fx.as('admin');
    const m = await admin.meeting.create({
      programmeId: fx.tender.id,
      title: 'Evaluation panel',
      heldOn: '2026-11-20',
    } as never);
    await admin.meeting.freeze({ programmeId: fx.tender.id, meetingId: m.id });
    const bidder = await fx.as('bidderA');
    // A meeting does not exist for a bidder: the same answer as an id that was never used.
    expect((await caught(bidder.meeting.snapshot({ programmeId: fx.tender.id, meetingId: m.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await caught(bidder.meeting.compare({ programmeId: fx.tender.id, meetingId: m.id }))).code).toBe(
      'NOT_FOUND',
    );
    // And a meeting of one programme is not reachable through another.
    expect(
      (await caught(admin.meeting.snapshot({ programmeId: fx.programme.id, meetingId: m.id }))).code,
    ).toBe('NOT_FOUND');
  });
});
