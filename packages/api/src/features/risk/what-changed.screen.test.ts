import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../../testing/fixture';
import { CHANGES_SCREEN_LIST } from './risk.service';

/*
 * "What changed" is sized for the screen: each kind lists at most CHANGES_SCREEN_LIST risks, in reference
 * order, beside the whole count of each kind; asked for in full it lists every one, and the counts agree.
 */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

const a = (consequence: number, likelihood: number) => ({ consequence, likelihood });

describe(`what changed, sized for the screen, on ${testEngine()}`, () => {
  it('lists the first of each kind by reference with whole counts, and every one when asked', async () => {
    const admin = await fx.as('admin');
    const raised = CHANGES_SCREEN_LIST + 3;
    for (let n = 0; n < raised; n++)
      await admin.risk.create({
        programmeId: fx.programme.id,
        title: `Screen-sized change ${n}`,
        cause: 'A cause of the risk',
        event: 'Something that might happen',
        effect: 'What it would do',
        categoryKey: 'estates',
        lotIds: [fx.lot.id],
        ownerUserId: null,
        owningOrganisationId: fx.orgs.icb.id,
        affectedOrganisationIds: [],
        initial: a(2, 2),
        current: a(2, 2),
        target: a(1, 1),
        raisedOn: '2026-11-10',
      } as never);
    const window = { programmeId: fx.programme.id, from: '2026-11-01', to: '2026-11-23' };
    const screen = await admin.risk.whatChanged(window);
    const full = await admin.risk.whatChanged({ ...window, full: true });

    expect(screen.counts.new).toBeGreaterThanOrEqual(raised);
    expect(screen.new).toHaveLength(CHANGES_SCREEN_LIST);
    expect(screen.listLimit).toBe(CHANGES_SCREEN_LIST);
    expect(full.listLimit).toBeNull();
    expect(full.counts).toEqual(screen.counts);
    for (const kind of Object.keys(full.counts) as Array<keyof typeof full.counts>) {
      expect(full[kind], kind).toHaveLength(full.counts[kind]);
      // The screen's list is the start of the full one, in the same order.
      expect(screen[kind].map((r) => r.id)).toEqual(
        full[kind].slice(0, CHANGES_SCREEN_LIST).map((r) => r.id),
      );
    }
    const numbers = full.new.map((r) => r.number);
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
  });
});
