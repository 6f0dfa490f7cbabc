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
});
