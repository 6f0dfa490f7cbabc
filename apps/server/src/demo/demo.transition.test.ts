import { createCaller, createContextInner } from '@baton/api';
import { createPgliteDb, findUserByEmail, migrateToLatest, type DbHandle } from '@baton/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './demo.seed';

const TODAY = '2026-11-23';
let h: DbHandle;

beforeAll(async () => {
  h = await createPgliteDb();
  await migrateToLatest(h.db);
  await seedDemo(h.db, { today: TODAY });
});
afterAll(() => h.close());

async function asLead() {
  const user = await findUserByEmail(h.db, 'tom.okafor@severnvale-icb.example');
  return createCaller(
    createContextInner({ db: h.db, session: { user: user!, tokenHash: 'test' }, today: () => TODAY }),
  );
}

describe('demo transition plan', () => {
  it('has a transfer per handover pair (a merge on Lot 3, two splits), hundreds of tasks, some slipping', async () => {
    const c = await asLead();
    const [svcmh] = (await c.programme.list()).filter((p) => p.code === 'SVCMH');
    const rows = await c.transition.transfers({ programmeId: svcmh!.id });
    expect(rows.map((r) => r.transfer.name)).toEqual([
      'Lot 1: Wyebridge CHT to Kingsmead H&C',
      'Lot 2: Avonmere MHP to Kingsmead H&C',
      'Lot 3: Avonmere MHP to SV Community Pship',
      'Lot 3: Brightwater CIC to SV Community Pship',
      'Lot 4: Wyebridge CHT to SV Community Pship',
    ]);
    const plans = await Promise.all(
      rows.map((r) => c.transition.plan({ programmeId: svcmh!.id, transferId: r.transfer.id })),
    );
    const tasks = plans.flatMap((p) => p.tasks);
    expect(tasks.length).toBeGreaterThanOrEqual(200);
    expect(tasks.filter((t) => t.overdue).length).toBeGreaterThan(5);
    expect(tasks.filter((t) => t.status === 'done').length).toBeGreaterThan(20);
    // The readiness view tells a story: not everything is green, and every colour has its reasons.
    expect(rows.some((r) => r.readiness.overall.rag !== 'green')).toBe(true);
    for (const r of rows) expect(r.readiness.overall.reasons.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.escalatedRisks.length > 0)).toBe(true);
    // Every plan has a critical path to the work that finishes last, and no task shown as critical has float.
    for (const p of plans) {
      expect(p.criticalPath.length).toBeGreaterThan(0);
      expect(p.tasks.find((t) => t.id === p.criticalPath.at(-1))!.forecastFinish).toBe(p.forecastGoLive);
      for (const t of p.tasks.filter((x) => x.critical)) expect(t.slackDays!).toBeLessThanOrEqual(0);
    }
  });

  it('every transfer has staff groups, sites and systems the registers read back with reasons', async () => {
    const c = await asLead();
    const [svcmh] = (await c.programme.list()).filter((p) => p.code === 'SVCMH');
    const rows = await c.transition.transfers({ programmeId: svcmh!.id });
    let headcount = 0;
    for (const r of rows) {
      const reg = await c.registers.list({ programmeId: svcmh!.id, transferId: r.transfer.id });
      expect(reg.staffGroups.length).toBeGreaterThan(0);
      expect(reg.sites.length).toBeGreaterThan(0);
      expect(reg.systems.length).toBeGreaterThan(0);
      for (const s of reg.sites) expect(s.readiness.reasons.length).toBeGreaterThan(0);
      headcount += reg.totals.headcount;
    }
    expect(headcount).toBeGreaterThan(200);
  });
});
