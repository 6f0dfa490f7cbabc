import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../risk-import/risk-import.testing';
import { buildFixture, TODAY, type Fixture } from '../../testing/fixture';

/* Actual dates, baselines and the margin: the plan tells the truth about when things happened. */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

const P = () => fx.programme.id;

async function transfer(name: string, plannedTransferDate = '2027-10-01') {
  const lead = await fx.as('lead');
  const { transfer: t } = await lead.transition.createTransfer({
    programmeId: P(),
    name,
    lotId: fx.lot.id,
    outgoingOrganisationId: fx.orgs.outgoing.id,
    incomingOrganisationId: fx.orgs.incoming.id,
    plannedTransferDate,
  } as never);
  return { lead, t, plan: () => lead.transition.plan({ programmeId: P(), transferId: t.id }) };
}

describe(`actual dates and baselines on ${testEngine()}`, () => {
  it('records when work started and finished: a condition met last Friday is met last Friday, never in the future', async () => {
    const { lead, plan } = await transfer('Actual dates');
    const cp = (await plan()).tasks.find((x) => x.conditionPrecedent)!;

    const started = await lead.transition.updateTask({
      programmeId: P(),
      taskId: cp.id,
      version: cp.version,
      status: 'in_progress',
    });
    expect(started.actualStart).toBe(TODAY);
    expect(started.completedOn).toBeNull();

    const future = await caught(
      lead.transition.updateTask({
        programmeId: P(),
        taskId: cp.id,
        version: started.version,
        status: 'done',
        completedOn: '2026-12-25',
      }),
    );
    expect(future.code).toBe('BAD_REQUEST');
    expect((future.cause as { fieldErrors: Record<string, string[]> }).fieldErrors.completedOn).toEqual([
      'The actual finish cannot be in the future',
    ]);

    const met = await lead.transition.updateTask({
      programmeId: P(),
      taskId: cp.id,
      version: started.version,
      status: 'done',
      actualStart: '2026-11-02',
      completedOn: '2026-11-20',
    });
    expect(met).toMatchObject({
      status: 'done',
      actualStart: '2026-11-02',
      completedOn: '2026-11-20',
      percentComplete: 100,
    });

    // Reopened work has not finished; work set back to not started has not started.
    const reopened = await lead.transition.updateTask({
      programmeId: P(),
      taskId: cp.id,
      version: met.version,
      status: 'not_started',
    });
    expect(reopened).toMatchObject({ actualStart: null, completedOn: null });
  });

  it('measures slips against a baseline: set by a lead, and kept when a meeting’s pack is frozen', async () => {
    const { lead, t, plan } = await transfer('Baselined transfer');
    const base = await lead.transition.setBaseline({ programmeId: P(), name: 'Agreed at the board' });
    expect(base.tasks).toBeGreaterThanOrEqual(26);
    const before = await plan();
    expect(before.baseline).toMatchObject({ id: base.id, name: 'Agreed at the board' });
    const go = before.tasks.find((x) => x.templateKey === 'go_live')!;
    // Forecast a day before the transfer date (the margin), against a baseline due on it.
    expect(go.baseline).toMatchObject({ baselineDue: '2027-10-01', varianceDays: -1 });
    expect(before.marginDays).toBe(1);

    // A critical task slips by 19 days: the forecast, the go-live variance and the margin move together.
    const critical = before.tasks.find((x) => x.critical && x.kind === 'task')!;
    const dueDate = new Date(Date.parse(`${critical.dueDate}T00:00:00Z`) + 19 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await lead.transition.updateTask({
      programmeId: P(),
      taskId: critical.id,
      version: critical.version,
      dueDate,
    });
    const after = await plan();
    const moved = after.tasks.find((x) => x.id === critical.id)!;
    expect(moved.baseline!.varianceDays).toBe(19);
    // The go-live moves by the 19 days less the day of margin it had; the variance and the margin agree.
    expect(after.goLiveVarianceDays).toBe(18);
    expect(after.marginDays).toBe(-18);
    const [row] = (await lead.transition.transfers({ programmeId: P() })).filter(
      (r) => r.transfer.id === t.id,
    );
    expect(row!.marginDays).toBe(after.marginDays);
    expect(row!.readiness.overall.rag).toBe('red');

    // Freezing a meeting's pack keeps a baseline too; a bidder never sees meeting baselines.
    const admin = await fx.as('admin');
    const m = await admin.meeting.create({
      programmeId: P(),
      title: 'Steering group',
      heldOn: '2026-11-20',
    } as never);
    await admin.meeting.freeze({ programmeId: P(), meetingId: m.id });
    const all = await lead.transition.baselines({ programmeId: P() });
    expect(all[0]).toMatchObject({
      kind: 'meeting',
      name: 'Frozen with the pack for “Steering group” (2026-11-20)',
    });
    expect(all.map((b) => b.id)).toContain(base.id);
  });

  it('refuses a baseline to anyone who may not change the whole plan', async () => {
    const contributor = await fx.as('contributor');
    expect((await caught(contributor.transition.setBaseline({ programmeId: P(), name: 'Mine' }))).code).toBe(
      'FORBIDDEN',
    );
  });
});
