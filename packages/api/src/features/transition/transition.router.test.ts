import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../../testing/fixture';

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

async function newTransfer(name = 'Lot 1: Old Mill to New Bridge') {
  const lead = await fx.as('lead');
  return lead.transition.createTransfer({
    programmeId: fx.programme.id,
    name,
    lotId: fx.lot.id,
    outgoingOrganisationId: fx.orgs.outgoing.id,
    incomingOrganisationId: fx.orgs.incoming.id,
    plannedTransferDate: '2027-10-01',
  } as never);
}

describe(`transition plans on ${testEngine()}`, () => {
  it('a new transfer gets the standard plan, owned by the right organisations, ending at go-live', async () => {
    const { transfer, tasksCreated } = await newTransfer();
    expect(tasksCreated).toBe(26);
    const plan = await (
      await fx.as('viewer')
    ).transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    const eli = plan.tasks.find((t) => t.templateKey === 'eli')!;
    expect(eli.owningOrganisation.id).toBe(fx.orgs.outgoing.id);
    expect(plan.tasks.find((t) => t.templateKey === 'mobilise')!.owningOrganisation.id).toBe(fx.orgs.icb.id);
    // The go-live milestone happens when the work before it is done: the day before the transfer date here,
    // after the final data extract, which is the work that sets it (total float 0, so critical).
    expect(plan.tasks.find((t) => t.id === plan.criticalPath.at(-1))!.templateKey).toBe('go_live');
    expect(plan.criticalPath.map((id) => plan.tasks.find((t) => t.id === id)!.templateKey)).toContain(
      'final_extract',
    );
    expect(plan.forecastGoLive).toBe('2027-09-30');
    expect(plan.marginDays).toBe(1);
    for (const t of plan.tasks.filter((x) => x.critical)) expect(t.slackDays).toBeLessThanOrEqual(0);
    expect(plan.milestones.find((m) => m.key === 'eli_due')).toMatchObject({
      date: '2027-09-03',
      state: 'upcoming',
    });
  });

  it('slipping a critical task moves its successors and the forecast go-live past the transfer date', async () => {
    const { transfer } = await newTransfer('Slipping transfer');
    const lead = await fx.as('lead');
    const plan = await lead.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    const critical = plan.tasks.find((t) => t.critical && t.kind === 'task')!;
    await lead.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: critical.id,
      version: critical.version,
      startDate: critical.startDate,
      dueDate: '2027-10-20',
    });
    const after = await lead.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    expect(after.forecastGoLive! > '2027-10-01').toBe(true);
    expect(after.slackDays!).toBeLessThan(0);
    const [row] = await lead.transition
      .transfers({ programmeId: fx.programme.id })
      .then((r) => r.filter((x) => x.transfer.id === transfer.id));
    expect(row!.readiness.overall.rag).toBe('red');
    expect(row!.readiness.overall.reasons[0]).toMatch(
      /^Forecast go-live \d{1,2} [A-Z][a-z]{2} \d{4} is \d+ days? after the transfer date, set by “.+” \(.+\)$/,
    );
  });

  it('rejects a dependency loop with the tasks named', async () => {
    const { transfer } = await newTransfer('Loop transfer');
    const lead = await fx.as('lead');
    const plan = await lead.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    const first = plan.tasks.find((t) => t.templateKey === 'mobilise')!;
    const last = plan.tasks.find((t) => t.templateKey === 'go_live')!;
    const e = await caught(
      lead.transition.addDependency({
        programmeId: fx.programme.id,
        predecessorId: last.id,
        successorId: first.id,
      } as never),
    );
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.message).toMatch(
      /^That would make a loop: .*Mobilise transition board.*Service transfers \(go-live\)/,
    );
  });

  it('providers edit only their own organisation’s tasks; stale versions conflict', async () => {
    const { transfer } = await newTransfer('Ownership transfer');
    const plan = await (
      await fx.as('lead')
    ).transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    const eli = plan.tasks.find((t) => t.templateKey === 'eli')!; // outgoing provider's
    const payroll = plan.tasks.find((t) => t.templateKey === 'payroll')!; // incoming provider's
    const cat = await fx.as('contributor');
    const done = await cat.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: eli.id,
      version: eli.version,
      status: 'done',
      evidence: 'Sent 1 March',
    });
    expect(done).toMatchObject({ status: 'done', percentComplete: 100, completedOn: '2026-11-23' });
    expect(
      (
        await caught(
          cat.transition.updateTask({
            programmeId: fx.programme.id,
            taskId: payroll.id,
            version: payroll.version,
            percentComplete: 50,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await caught(
          cat.transition.updateTask({
            programmeId: fx.programme.id,
            taskId: eli.id,
            version: eli.version,
            percentComplete: 50,
          }),
        )
      ).code,
    ).toBe('CONFLICT');
    expect(
      (
        await caught(
          (await fx.as('viewer')).transition.updateTask({
            programmeId: fx.programme.id,
            taskId: eli.id,
            version: done.version,
            evidence: 'x',
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await caught(
          (await fx.as('outsider')).transition.plan({
            programmeId: fx.programme.id,
            transferId: transfer.id,
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await caught(
          cat.transition.createTransfer({
            programmeId: fx.programme.id,
            name: 'Nope',
            lotId: fx.lot.id,
            outgoingOrganisationId: fx.orgs.outgoing.id,
            incomingOrganisationId: fx.orgs.incoming.id,
            plannedTransferDate: '2027-04-01',
          } as never),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('validates task input: dates in order, percentages in range', async () => {
    const { transfer } = await newTransfer('Validation transfer');
    const lead = await fx.as('lead');
    const base = {
      programmeId: fx.programme.id,
      transferId: transfer.id,
      title: 'Survey',
      workstream: 'estates_facilities',
      owningOrganisationId: fx.orgs.icb.id,
    };
    expect(
      (
        await caught(
          lead.transition.createTask({ ...base, startDate: '2027-02-01', dueDate: '2027-01-01' } as never),
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await caught(
          lead.transition.createTask({
            ...base,
            startDate: '2027-01-01',
            dueDate: '2027-02-01',
            percentComplete: 150,
          } as never),
        )
      ).code,
    ).toBe('BAD_REQUEST');
    const ok = await lead.transition.createTask({
      ...base,
      startDate: '2027-01-01',
      dueDate: '2027-02-01',
    } as never);
    expect(ok.title).toBe('Survey');
  });

  it('PSR standstill end from the intention-to-award notice', async () => {
    const d = await (await fx.as('steering')).transition.programmeDates({ programmeId: fx.programme.id });
    expect(d.standstillEnd).toBe('2026-08-12'); // notice Sat 1 Aug 2026: begins Sun 2; Mon 3 .. Wed 12 are the 8 working days
  });
});

describe(`risks and plans linked both ways on ${testEngine()}`, () => {
  it('an escalated risk linked to a transfer needs attention in its readiness; a mitigation delivered by a task shows on the plan', async () => {
    const { transfer } = await newTransfer('Linked transfer');
    const admin = await fx.as('admin');
    const risk = await admin.risk.create({
      programmeId: fx.programme.id,
      title: 'EPR cutover overruns',
      event: 'The final extract takes longer than the cutover window',
      categoryKey: 'it_data',
      workstream: 'it_data_records',
      ownerUserId: null,
      owningOrganisationId: fx.orgs.incoming.id,
      initial: { consequence: 4, likelihood: 4 },
      current: { consequence: 4, likelihood: 4 },
      target: { consequence: 3, likelihood: 2 },
    } as never);
    const linked = await admin.risk.setTransferLinks({
      programmeId: fx.programme.id,
      riskId: risk.id,
      transferIds: [transfer.id],
    });
    expect(linked.map((t) => t.name)).toEqual(['Linked transfer']);
    const plan = await admin.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    expect(plan.risks.map((r) => r.reference)).toEqual([risk.reference]);
    const extract = plan.tasks.find((t) => t.templateKey === 'final_extract')!;
    await admin.risk.addAction({
      programmeId: fx.programme.id,
      riskId: risk.id,
      description: 'Rehearse the extract twice',
      ownerUserId: null,
      organisationId: fx.orgs.incoming.id,
      dueDate: '2027-09-01',
      taskId: extract.id,
    } as never);
    const after = await admin.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    expect(after.mitigations).toEqual([
      expect.objectContaining({ taskId: extract.id, riskReference: risk.reference }),
    ]);
    const options = await admin.transition.taskOptions({ programmeId: fx.programme.id });
    expect(options.find((o) => o.id === extract.id)).toMatchObject({ transferName: 'Linked transfer' });
    const detail = await admin.risk.get({ programmeId: fx.programme.id, riskId: risk.id });
    expect(detail.transfers.map((t) => t.id)).toEqual([transfer.id]);
    expect(detail.actions[0]?.task?.id).toBe(extract.id);
    const [row] = (await admin.transition.transfers({ programmeId: fx.programme.id })).filter(
      (r) => r.transfer.id === transfer.id,
    );
    expect(row!.escalatedRisks.map((r) => r.reference)).toEqual([risk.reference]);
    // An escalated risk needs attention (amber by default: the programme's readiness settings can make it red).
    const it = row!.readiness.workstreams.find((w) => w.workstream === 'it_data_records')!;
    expect(it.rag).not.toBe('green');
    expect(it.reasons.join(' ')).toContain(`Escalated risk ${risk.reference}`);
  });
});
