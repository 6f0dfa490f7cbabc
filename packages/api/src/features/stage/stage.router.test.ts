import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, shapeOf } from '../../testing/errors';
import { auditCount, buildFixture, type Fixture } from '../../testing/fixture';

/* The programme timeline: laid out from the route, dated by admins, read by everyone. Fixture today: 2026-11-23. */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

const T = () => ({ programmeId: fx.tender.id });

describe(`the programme timeline on ${testEngine()}`, () => {
  it('is laid out from the route once, back from the expected service commencement', async () => {
    const admin = await fx.as('admin');
    const empty = await admin.stage.timeline(T());
    expect(empty.stages).toEqual([]);
    const t = await admin.stage.applyTemplate({ ...T(), replace: false });
    expect(t.routeLabel).toBe('PSR Competitive process');
    expect(t.stages.find((s) => s.key === 'commencement')!.plannedStart).toBe('2027-10-01');
    expect(t.stages.map((s) => s.key)).toEqual(expect.arrayContaining(['tender', 'standstill', 'isap_1']));
    const again = await caught(admin.stage.applyTemplate({ ...T(), replace: false }));
    expect(shapeOf(again).message).toMatch(/already has a timeline/);
  });

  it('derives the standstill from the intention to award, and refuses dates typed for it', async () => {
    const admin = await fx.as('admin');
    const t = await admin.stage.timeline(T());
    const ita = t.stages.find((s) => s.key === 'intention_to_award')!;
    await admin.stage.update({
      ...T(),
      stageId: ita.id,
      version: ita.version,
      plannedStart: '2026-12-17',
      plannedEnd: '2026-12-17',
    });
    const standstill = (await admin.stage.timeline(T())).stages.find((s) => s.key === 'standstill')!;
    // Eight working days from Friday 18 December, past Christmas, Boxing Day and New Year's Day.
    expect([standstill.plannedStart, standstill.plannedEnd, standstill.derived]).toEqual([
      '2026-12-18',
      '2027-01-04',
      true,
    ]);
    const typed = await caught(
      admin.stage.update({
        ...T(),
        stageId: standstill.id,
        version: standstill.version,
        plannedEnd: '2027-01-10',
      }),
    );
    expect(shapeOf(typed).message).toMatch(/follow the intention to award/);
  });

  it('refuses impossible dates by the field, never overwrites a concurrent edit, and flags the slip', async () => {
    const admin = await fx.as('admin');
    const tender = (await admin.stage.timeline(T())).stages.find((s) => s.key === 'tender')!;
    const before = await auditCount(h.db);
    for (const [patch, field] of [
      [{ plannedEnd: '2020-01-01' }, 'plannedEnd'],
      [{ actualEnd: '2027-01-01' }, 'actualEnd'],
      [{ actualStart: '2026-11-30' }, 'actualStart'],
    ] as const) {
      const e = await caught(
        admin.stage.update({ ...T(), stageId: tender.id, version: tender.version, ...patch }),
      );
      expect(e.code, field).toBe('BAD_REQUEST');
      expect(Object.keys(shapeOf(e).data.fieldErrors ?? {}), field).toContain(field);
    }
    expect(await auditCount(h.db)).toBe(before);
    const late = await admin.stage.update({
      ...T(),
      stageId: tender.id,
      version: tender.version,
      plannedStart: '2026-10-01',
      plannedEnd: '2026-11-13',
      actualStart: '2026-10-01',
      notes: 'Bidders asked for more time',
    });
    const stale = await caught(
      admin.stage.update({ ...T(), stageId: tender.id, version: tender.version, notes: 'Overwrite' }),
    );
    expect(stale.code).toBe('CONFLICT');
    const t = await admin.stage.timeline(T());
    const now = t.stages.find((s) => s.id === late.id)!;
    expect([now.state.status, now.state.slipDays, now.state.rag]).toEqual(['late', 10, 'amber']);
    expect(t.summary.slipping[0]).toMatchObject({ key: 'tender', slipDays: 10 });

    // The slipping stage raises a risk on the register, once.
    const raised = await admin.stage.raiseRisk({ ...T(), stageId: now.id, version: now.version });
    expect(raised.stage.riskId).toBe(raised.risk.id);
    const risk = (await admin.risk.get({ ...T(), riskId: raised.risk.id })).risk;
    expect(risk.title).toBe(`Programme timeline slipping: ${now.label}`);
    expect(
      shapeOf(await caught(admin.stage.raiseRisk({ ...T(), stageId: now.id, version: raised.stage.version })))
        .message,
    ).toMatch(/already raised/);

    // The steering pack records the same timeline, the same slip by the same rule.
    const pack = await admin.steering.pack(T());
    expect(pack.timeline?.slipping[0]).toEqual({ label: now.label, slipDays: 10, rag: 'amber' });
    expect(pack.timeline?.stages.map((x) => x.label)).toEqual(t.stages.map((x) => x.label));
  });

  it('is read by bidders without the team’s notes, and changed only by programme admins', async () => {
    const alpha = await fx.as('bidderA');
    const t = await alpha.stage.timeline(T());
    const tender = t.stages.find((s) => s.key === 'tender')!;
    expect(tender.notes).toBe('');
    expect(t.may.edit).toBe(false);
    const rows = Number(
      (await sql<{ n: string }>`select count(*) as n from programme_stages`.execute(h.db)).rows[0]!.n,
    );
    expect(
      (await caught(alpha.stage.update({ ...T(), stageId: tender.id, version: tender.version, notes: 'x' })))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await caught(
          alpha.stage.add({
            ...T(),
            label: 'Our stage',
            plannedStart: '2026-12-01',
            plannedEnd: '2026-12-02',
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      Number((await sql<{ n: string }>`select count(*) as n from programme_stages`.execute(h.db)).rows[0]!.n),
    ).toBe(rows);
  });

  it('takes stages an admin adds, and removes them', async () => {
    const admin = await fx.as('admin');
    const added = await admin.stage.add({
      ...T(),
      label: 'Bidder open day',
      kind: 'checkpoint',
      plannedStart: '2026-12-03',
      plannedEnd: '2026-12-03',
    });
    expect((await admin.stage.timeline(T())).stages.map((s) => s.label)).toContain('Bidder open day');
    await admin.stage.remove({ ...T(), stageId: added.id, version: added.version });
    expect((await admin.stage.timeline(T())).stages.map((s) => s.label)).not.toContain('Bidder open day');
  });
});
