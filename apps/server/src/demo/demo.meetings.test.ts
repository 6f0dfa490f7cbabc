import { createCaller, createContextInner } from '@baton/api';
import { createPgliteDb, findUserByEmail, migrateToLatest, type DbHandle } from '@baton/db';
import { addDays } from '@baton/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STEERING_GROUP_DAYS_AGO } from './demo.risks';
import { seedDemo } from './demo.seed';

const TODAY = '2026-11-23';
let h: DbHandle;
let programmeId = '';

beforeAll(async () => {
  h = await createPgliteDb();
  await migrateToLatest(h.db);
  await seedDemo(h.db, { today: TODAY });
  programmeId = (
    await h.db.selectFrom('programmes').select('id').where('code', '=', 'SVCMH').executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => h.close());

async function as(email: string) {
  const user = await findUserByEmail(h.db, email);
  return createCaller(
    createContextInner({ db: h.db, session: { user: user!, tokenHash: 'test' }, today: () => TODAY }),
  );
}

describe('demo steering group meetings', () => {
  it('has met every four weeks with a frozen pack each time, and meets next week', async () => {
    const c = await as('priya.raman@severnvale-council.example');
    const meetings = await c.meeting.list({ programmeId });
    expect(meetings.map((m) => m.heldOn)).toEqual([
      addDays(TODAY, 7),
      ...[0, 1, 2, 3, 4].map((k) => addDays(TODAY, -DEMO_STEERING_GROUP_DAYS_AGO - 28 * k)),
    ]);
    expect(meetings[0]!.snapshot).toBeNull();
    for (const m of meetings.slice(1)) {
      expect(m.snapshot?.asAt).toBe(m.heldOn);
      const s = await c.meeting.snapshot({ programmeId, meetingId: m.id });
      expect(s.snapshot.intact).toBe(true);
      expect(s.pack.readinessAsOf).toBe(m.heldOn);
      expect(s.pack.summary.liveRisks).toBeGreaterThan(0);
    }
  });

  it('the last paper compared with today agrees with the register history between the two dates', async () => {
    const c = await as('priya.raman@severnvale-council.example');
    const last = (await c.meeting.list({ programmeId }))[1]!;
    const [cmp, changed] = await Promise.all([
      c.meeting.compare({ programmeId, meetingId: last.id }),
      c.risk.whatChanged({ programmeId, from: last.heldOn, to: TODAY }),
    ]);
    const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();
    expect(ids(cmp.comparison.changes.new)).toEqual(ids(changed.new));
    expect(ids(cmp.comparison.changes.rescoredUp)).toEqual(ids(changed.rescoredUp));
    expect(ids(cmp.comparison.changes.rescoredDown)).toEqual(ids(changed.rescoredDown));
    expect(ids(cmp.comparison.changes.closed)).toEqual(ids(changed.closed));
    expect(cmp.comparison.changes.new.length + cmp.comparison.changes.rescoredUp.length).toBeGreaterThan(0);
    // The live pack compares with the same meeting by default.
    const pack = await c.steering.pack({ programmeId });
    expect(pack.since).toBe(last.heldOn);
    expect(pack.summary.changes.new).toBe(changed.new.length);
  });

  it('has a decision log across meetings: each paper reports what the meeting before it decided', async () => {
    const c = await as('priya.raman@severnvale-council.example');
    const past = (await c.meeting.list({ programmeId })).slice(1).reverse();
    const decisions = await c.raid.list({ programmeId, kind: 'decision' });
    for (const [i, m] of past.entries()) {
      const { pack } = await c.meeting.snapshot({ programmeId, meetingId: m.id });
      // The group's outcomes on the paper's recommendations (a gateway's decision taken at the same meeting,
      // demo.gateways.ts, answers none of them).
      const recorded = decisions.filter((d) => d.meeting?.id === m.id && d.recommendationKey !== null);
      // Up to six outcomes a meeting, one for each recommendation the paper made.
      expect(recorded.length, m.title).toBe(Math.min(6, pack.recommendations?.length ?? 0));
      // Every outcome answers one of that paper's recommendations.
      for (const d of recorded)
        expect(pack.recommendations?.map((r) => r.key)).toContain(d.recommendationKey);
      if (i > 0) {
        const before = decisions.filter((d) => d.meeting?.id === past[i - 1]!.id);
        expect(pack.lastDecisions?.map((d) => d.title).sort()).toEqual(before.map((d) => d.title).sort());
      }
    }
    expect(new Set(decisions.map((d) => d.meeting?.id)).size).toBeGreaterThanOrEqual(3);
    // Today's pack reports the last meeting's decisions.
    const pack = await c.steering.pack({ programmeId });
    expect(pack.lastDecisions?.length).toBe(
      decisions.filter((d) => d.meeting?.id === past.at(-1)!.id).length,
    );
  });

  it('keeps issues (one from a materialised risk), assumptions and meeting actions', async () => {
    const c = await as('priya.raman@severnvale-council.example');
    const log = await c.raid.list({ programmeId });
    const kinds = new Map<string, number>();
    for (const i of log) kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
    expect(kinds.get('issue')).toBeGreaterThanOrEqual(5);
    expect(kinds.get('assumption')).toBeGreaterThanOrEqual(4);
    expect(kinds.get('action')).toBeGreaterThanOrEqual(5);
    expect(log.some((i) => i.kind === 'issue' && i.risk !== null)).toBe(true);
    expect(log.some((i) => i.kind === 'action' && i.meeting !== null)).toBe(true);
    for (const i of log) expect(i.raisedOn <= TODAY, i.title).toBe(true);
  });
});
