import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../../testing/errors';
import { buildFixture, TODAY, type Fixture } from '../../testing/fixture';

/*
 * The transition lead's workspace and the CEOs' joint progress view, over one transfer planned with the
 * standard template for 1 March 2027 (so by the fixture's today, 23 Nov 2026, its early tasks are overdue).
 */

let h: DbHandle;
let fx: Fixture;
let transferId = '';
type Plan = Awaited<ReturnType<Awaited<ReturnType<Fixture['as']>>['transition']['plan']>>;
let plan: Plan;

beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  const lead = await fx.as('lead');
  const { transfer } = await lead.transition.createTransfer({
    programmeId: fx.programme.id,
    name: 'Lot 1 transfer',
    lotId: fx.lot.id,
    outgoingOrganisationId: fx.orgs.outgoing.id,
    incomingOrganisationId: fx.orgs.incoming.id,
    plannedTransferDate: '2027-03-01',
  } as never);
  transferId = transfer.id;
  plan = await lead.transition.plan({ programmeId: fx.programme.id, transferId });
  const byKey = (k: string) => plan.tasks.find((t) => t.templateKey === k)!;
  const update = (key: string, patch: Record<string, unknown>) =>
    lead.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: byKey(key).id,
      version: byKey(key).version,
      ...patch,
    });
  // The lead takes the mobilisation (ICB-owned) and the go/no-go gate; mobilisation is finished.
  await update('mobilise', { status: 'done', assigneeUserId: fx.users.lead.id });
  await update('go_no_go', { assigneeUserId: fx.users.lead.id });
  await update('baseline', { assigneeUserId: fx.users.lead.id });
  plan = await lead.transition.plan({ programmeId: fx.programme.id, transferId });
});
afterAll(() => h.close());

describe(`transition lead workspace on ${testEngine()}`, () => {
  it('my overdue and due-soon tasks agree with My tasks and the plan', async () => {
    const lead = await fx.as('lead');
    for (const scope of ['mine', 'organisation'] as const) {
      const [ws, my] = await Promise.all([
        lead.workspace.lead({ programmeId: fx.programme.id, scope }),
        lead.transition.myTasks({ programmeId: fx.programme.id, scope }),
      ]);
      expect(ws.overdue.map((t) => t.id).sort(), scope).toEqual(
        my
          .filter((t) => t.overdue)
          .map((t) => t.id)
          .sort(),
      );
      expect(ws.dueSoon.every((t) => t.dueDate >= TODAY && t.dueDate <= ws.horizon)).toBe(true);
      expect(ws.counts.overdue).toBe(ws.overdue.length);
      const critical = new Set(plan.tasks.filter((t) => t.critical).map((t) => t.id));
      expect(ws.critical.every((t) => critical.has(t.id))).toBe(true);
    }
    const mine = await lead.workspace.lead({ programmeId: fx.programme.id, scope: 'mine' });
    // The done mobilisation is not listed anywhere; the two open assignments are mine.
    const all = [...mine.overdue, ...mine.dueSoon, ...mine.critical].map((t) => t.title);
    expect(all).not.toContain(plan.tasks.find((t) => t.templateKey === 'mobilise')!.title);
    const myOpenCritical = plan.tasks
      .filter((t) => t.assignee?.id === fx.users.lead.id && t.status !== 'done' && t.critical)
      .map((t) => t.id);
    expect(mine.critical.map((t) => t.id).sort()).toEqual(myOpenCritical.sort());
    expect(mine.dueSoon.length + mine.overdue.length + mine.critical.length).toBeGreaterThan(0);
  });

  it('shows what blocks my tasks: open predecessors, for tasks starting within the horizon', async () => {
    const contributor = await fx.as('contributor');
    const ws = await contributor.workspace.lead({
      programmeId: fx.programme.id,
      scope: 'organisation',
      horizonDays: 90,
    });
    expect(ws.blocked.length).toBeGreaterThan(0);
    const openIds = new Set(plan.tasks.filter((t) => t.status !== 'done').map((t) => t.id));
    for (const b of ws.blocked) {
      expect(b.blockedBy.length).toBeGreaterThan(0);
      for (const p of b.blockedBy) expect(openIds.has(p.id)).toBe(true);
      const preds = plan.dependencies.filter((d) => d.successorId === b.id).map((d) => d.predecessorId);
      for (const p of b.blockedBy) expect(preds).toContain(p.id);
    }
  });

  it('gives leads the whole programme: late, blocked and critical work across every organisation', async () => {
    const lead = await fx.as('lead');
    const all = await lead.workspace.lead({
      programmeId: fx.programme.id,
      scope: 'programme',
      horizonDays: 90,
    });
    const own = await lead.workspace.lead({
      programmeId: fx.programme.id,
      scope: 'organisation',
      horizonDays: 90,
    });
    const outgoing = await (
      await fx.as('contributor')
    ).workspace.lead({ programmeId: fx.programme.id, scope: 'organisation', horizonDays: 90 });
    // Every organisation's overdue work: the lead's own organisation's and the outgoing provider's, and more.
    const ids = (w: typeof all) => new Set(w.overdue.map((t) => t.id));
    for (const id of ids(own)) expect(ids(all).has(id)).toBe(true);
    for (const id of ids(outgoing)) expect(ids(all).has(id)).toBe(true);
    expect(new Set(all.overdue.map((t) => t.owner)).size).toBeGreaterThan(1);
    // The plan's own count of open tasks past their due date is what the programme view lists.
    const late = plan.tasks.filter(
      (t) => t.status !== 'done' && t.status !== 'cancelled' && t.dueDate < TODAY,
    );
    expect(all.overdue.length).toBe(late.length);
    // Not for providers: they run their own organisation's part.
    const refused = await caught(
      (await fx.as('contributor')).workspace.lead({
        programmeId: fx.programme.id,
        scope: 'programme',
        horizonDays: 14,
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('lists upcoming and missed statutory dates with their rules', async () => {
    const ws = await (await fx.as('lead')).workspace.lead({ programmeId: fx.programme.id });
    // ELI is due 28 days before 1 March 2027: 1 Feb 2027, 70 days away.
    expect(ws.statutory.find((s) => s.key === 'eli_due')).toMatchObject({
      date: '2027-02-01',
      daysAway: 70,
      rule: expect.stringContaining('TUPE reg. 11'),
    });
  });

  it('collects what awaits my update: late tasks, my mitigation actions and my risk reviews', async () => {
    const admin = await fx.as('admin');
    const risk = await admin.risk.create({
      programmeId: fx.programme.id,
      title: 'Commissioner budget gap',
      event: 'Transition budget is not approved in time',
      categoryKey: 'finance',
      ownerUserId: fx.users.lead.id,
      owningOrganisationId: fx.orgs.icb.id,
      initial: { consequence: 4, likelihood: 4 },
      current: { consequence: 4, likelihood: 4 },
      target: { consequence: 2, likelihood: 2 },
      raisedOn: '2026-11-01',
    } as never);
    await admin.risk.addAction({
      programmeId: fx.programme.id,
      riskId: risk.id,
      description: 'Take the budget to the ICB board',
      ownerUserId: fx.users.lead.id,
      organisationId: fx.orgs.icb.id,
      dueDate: '2026-11-20',
    } as never);
    const ws = await (await fx.as('lead')).workspace.lead({ programmeId: fx.programme.id });
    expect(ws.awaiting.find((a) => a.kind === 'action')).toMatchObject({
      title: 'Take the budget to the ICB board',
      reason: 'Mitigation action 3 days overdue',
      riskId: risk.id,
    });
    // Extreme risks are reviewed every 14 days: raised 1 Nov, review due 15 Nov, 8 days late.
    expect(ws.awaiting.find((a) => a.kind === 'review')).toMatchObject({
      id: risk.id,
      reason: 'Risk review 8 days late',
    });
    // The outgoing contributor owes none of these.
    const other = await (await fx.as('contributor')).workspace.lead({ programmeId: fx.programme.id });
    expect(other.awaiting.filter((a) => a.kind !== 'task')).toEqual([]);
  });

  it('brings my meeting actions and issues due soon or late from the RAID log, and counts the late ones', async () => {
    const admin = await fx.as('admin');
    const item = (title: string, dueOn: string | null, extra: Record<string, unknown> = {}) =>
      admin.raid.create({
        programmeId: fx.programme.id,
        kind: 'action',
        title,
        owningOrganisationId: fx.orgs.icb.id,
        ownerUserId: fx.users.lead.id,
        raisedOn: '2026-11-01',
        dueOn,
        ...extra,
      });
    const late = await item('Circulate go/no-go criteria', '2026-11-21');
    await item('Brief the ICB board', '2026-11-26');
    await item('Far-off action', '2027-02-01');
    await item('Done action', '2026-11-10', { status: 'done', closedOn: '2026-11-12' });
    await item('Someone else’s action', '2026-11-20', { ownerUserId: fx.users.steering.id });
    const before = await (await fx.as('lead')).workspace.lead({ programmeId: fx.programme.id });
    const raid = before.awaiting.filter((a) => a.kind === 'raid');
    expect(raid.map((a) => [a.title, a.reason])).toEqual([
      [
        `ACT-${String(late.number).padStart(3, '0')} Circulate go/no-go criteria`,
        'Meeting action 2 days overdue',
      ],
      [expect.stringContaining('Brief the ICB board'), 'Meeting action due in 3 days'],
    ]);
    expect(before.overdueOther.filter((a) => a.kind === 'raid')).toHaveLength(1);
  });

  it('validates input and keeps outsiders out', async () => {
    const lead = await fx.as('lead');
    expect((await caught(lead.workspace.lead({ programmeId: fx.programme.id, horizonDays: 0 }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await caught((await fx.as('outsider')).workspace.lead({ programmeId: fx.programme.id }))).code,
    ).toBe('NOT_FOUND');
  });
});

describe(`provider CEO joint progress on ${testEngine()}`, () => {
  it('percent complete by workstream and organisation, recomputed from the plan itself', async () => {
    const viewer = await fx.as('viewer');
    const p = await viewer.progress.joint({ programmeId: fx.programme.id });
    const live = plan.tasks.filter((t) => t.status !== 'cancelled');
    const pct = (ts: typeof live) =>
      Math.round(ts.reduce((s, t) => s + (t.status === 'done' ? 100 : t.percentComplete), 0) / ts.length);
    for (const ws of p.matrix.workstreams) {
      for (const org of p.organisations) {
        const mine = live.filter((t) => t.workstream === ws.key && t.owningOrganisation.id === org.id);
        const cell = p.matrix.cells[ws.key]?.[org.id];
        if (!mine.length) expect(cell).toBeUndefined();
        else
          expect(cell).toEqual({
            percent: pct(mine),
            done: mine.filter((t) => t.status === 'done').length,
            total: mine.length,
          });
      }
    }
    expect(p.matrix.overall).toMatchObject({ percent: pct(live), total: live.length });
    expect(p.organisations.map((o) => o.shortName)).toEqual(['TV ICB', 'Old Mill', 'New Bridge']);
    expect(p.organisations[1]!.roles).toEqual(['outgoing_provider']);
  });

  it('shows readiness as the transition screen does, milestones towards go-live and the red items with owners', async () => {
    const viewer = await fx.as('viewer');
    const [p, transfers] = await Promise.all([
      viewer.progress.joint({ programmeId: fx.programme.id }),
      viewer.transition.transfers({ programmeId: fx.programme.id }),
    ]);
    expect(p.readiness.map((r) => [r.transferId, r.rag, r.percentComplete])).toEqual(
      transfers.map((t) => [t.transfer.id, t.readiness.overall.rag, t.percentComplete]),
    );
    expect(p.transfersByRag.red + p.transfersByRag.amber + p.transfersByRag.green).toBe(1);
    const ms = p.milestones[0]!;
    expect(ms.items.map((i) => i.label)).toEqual(
      expect.arrayContaining(['Go/no-go decision', 'Employee liability information due']),
    );
    expect(ms.items.find((i) => i.label === 'Go/no-go decision')).toMatchObject({
      kind: 'gate',
      owner: 'TV ICB',
    });
    // Early template tasks are overdue by now; every red item names an owning organisation.
    expect(p.redItems.total).toBeGreaterThan(0);
    expect(p.redItems.items.length).toBeLessThanOrEqual(8);
    for (const i of p.redItems.items) expect(i.organisation).toBeTruthy();
    const escalatedRisk = p.redItems.items.find((i) => i.kind === 'risk');
    if (escalatedRisk) expect(escalatedRisk.person).toBe('Lee Lead');
  });

  it('is scoped to what a bidder may see, and closed to outsiders', async () => {
    const p = await (await fx.as('bidderA')).progress.joint({ programmeId: fx.tender.id });
    expect(p.scope).toBe('own');
    expect(p.readiness).toEqual([]);
    expect(p.organisations).toEqual([]);
    expect(
      (await caught((await fx.as('outsider')).progress.joint({ programmeId: fx.programme.id }))).code,
    ).toBe('NOT_FOUND');
  });
});
