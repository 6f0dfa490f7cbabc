import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { auditCount, buildFixture, type Fixture } from '../../testing/fixture';

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

async function caught(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** What the client receives: the error formatter's shape. */
function shapeOf(e: TRPCError, path: string) {
  return appRouter._def._config.errorFormatter({
    error: e,
    type: 'mutation',
    path,
    input: undefined,
    ctx: undefined,
    shape: { message: e.message, code: -32600, data: { code: e.code, httpStatus: 400, path } },
  } as never) as { message: string; data: { fieldErrors?: Record<string, string[]>; current?: unknown } };
}

describe(`programme on ${testEngine()}`, () => {
  it('shows the overview with countdown, key dates in order, lots and parties', async () => {
    const o = await (await fx.as('steering')).programme.overview({ programmeId: fx.programme.id });
    expect(o.programme.code).toBe('TVCS');
    expect(o.countdown).toEqual({ kind: 'future', days: 129, weeks: 18, workingDaysApprox: 92 });
    expect(o.keyDates.map((d) => [d.key, d.status])).toEqual([
      ['intentionToAward', 'done'],
      ['standstillEnd', 'done'],
      ['isapCheckpoint2', 'done'],
      ['contractAward', 'done'],
      ['isapCheckpoint3', 'upcoming'],
      ['serviceCommencement', 'upcoming'],
      ['longstop', 'upcoming'],
    ]);
    expect(o.lots.map((l) => l.code)).toEqual(['Lot 1']);
    expect(o.parties.map((p) => p.role).sort()).toEqual([
      'incoming_provider',
      'lead_commissioner',
      'outgoing_provider',
    ]);
    expect(o.me).toMatchObject({ role: 'steering_group_member', visibility: { kind: 'all' } });
  });

  it('rejects invalid input with field errors and changes nothing', async () => {
    const admin = await fx.as('admin');
    const before = await auditCount(h.db);
    const { programme } = await admin.programme.overview({ programmeId: fx.programme.id });
    const e = await caught(
      admin.programme.update({
        ...programme,
        programmeId: programme.id,
        name: 'x',
        expectedServiceCommencement: '2027-02-30',
        contractValueGbp: -5,
      }),
    );
    expect(e.code).toBe('BAD_REQUEST');
    const shape = shapeOf(e, 'programme.update');
    expect(Object.keys(shape.data.fieldErrors ?? {}).sort()).toEqual([
      'contractValueGbp',
      'expectedServiceCommencement',
      'name',
    ]);
    expect(shape.data.fieldErrors?.expectedServiceCommencement).toEqual(['That is not a real calendar date']);
    const after = await admin.programme.overview({ programmeId: fx.programme.id });
    expect(after.programme).toEqual(programme);
    expect(await auditCount(h.db)).toBe(before);
  });

  it('refuses a stale version with CONFLICT and the current state, keeping the first edit', async () => {
    const admin = await fx.as('admin');
    const { programme } = await admin.programme.overview({ programmeId: fx.programme.id });
    const first = await admin.programme.update({
      ...programme,
      programmeId: programme.id,
      description: 'First edit',
    });
    expect(first.version).toBe(programme.version + 1);
    const e = await caught(
      admin.programme.update({ ...programme, programmeId: programme.id, description: 'Second edit' }),
    );
    expect(e.code).toBe('CONFLICT');
    expect(shapeOf(e, 'programme.update').data.current).toMatchObject({
      description: 'First edit',
      version: first.version,
    });
    const now = await admin.programme.overview({ programmeId: fx.programme.id });
    expect(now.programme.description).toBe('First edit');
  });

  it('records who changed what, before and after, in the audit trail', async () => {
    const admin = await fx.as('admin');
    const { programme } = await admin.programme.overview({ programmeId: fx.programme.id });
    await admin.programme.update({ ...programme, programmeId: programme.id, longstopDate: '2027-09-30' });
    const { items } = await admin.audit.list({ programmeId: fx.programme.id, limit: 1 });
    expect(items[0]).toMatchObject({
      actor: { id: fx.users.admin.id, name: 'Ada Admin' },
      entityType: 'programme',
      action: 'update',
      before: { longstopDate: programme.longstopDate },
      after: { longstopDate: '2027-09-30' },
    });
  });

  it('does not let a stage jump backwards', async () => {
    const admin = await fx.as('admin');
    const { programme } = await admin.programme.overview({ programmeId: fx.programme.id });
    const e = await caught(
      admin.programme.update({ ...programme, programmeId: programme.id, stage: 'procurement' }),
    );
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/cannot move back from Transition to Procurement/);
  });

  it('lists only the programmes a user belongs to', async () => {
    expect((await (await fx.as('steering')).programme.list()).map((p) => p.code)).toEqual(['TVCS']);
    expect((await (await fx.as('admin')).programme.list()).map((p) => p.code)).toEqual(['TVCS', 'TVTT']);
    expect(await (await fx.as('outsider')).programme.list()).toEqual([]);
  });
});

describe(`bidder isolation on ${testEngine()}`, () => {
  it("a bidder sees the commissioner and itself, never the rival bidder's party, members or history", async () => {
    const alpha = await fx.as('bidderA');
    const o = await alpha.programme.overview({ programmeId: fx.tender.id });
    expect(o.me.visibility).toEqual({ kind: 'own', organisationId: fx.orgs.bidderA.id });
    expect(o.parties.map((p) => p.organisation.shortName).sort()).toEqual(['Alpha', 'TV ICB']);
    expect(o.memberCount).toBe(1);
    const members = await alpha.member.list({ programmeId: fx.tender.id });
    expect(members.map((m) => m.name)).toEqual(['Abe Alpha']);
    const admin = await fx.as('admin');
    const asCommissioner = await admin.programme.overview({ programmeId: fx.tender.id });
    expect(asCommissioner.me.visibility).toEqual({ kind: 'all' });
    expect(
      asCommissioner.parties
        .filter((p) => p.role === 'bidder')
        .map((p) => p.organisation.shortName)
        .sort(),
    ).toEqual(['Alpha', 'Beta']);
    await admin.party.remove({ programmeId: fx.tender.id, partyId: fx.parties.bidderB.id });
    const history = await alpha.audit.list({ programmeId: fx.tender.id });
    expect(history.items.some((e) => e.summary.includes('Beta'))).toBe(false);
    expect(
      (await admin.audit.list({ programmeId: fx.tender.id })).items.some((e) => e.summary.includes('Beta')),
    ).toBe(true);
  });
});
