import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, shapeOf } from '../../testing/errors';
import { auditCount, buildFixture, TODAY, type Fixture } from '../../testing/fixture';

/* The RAID log and the group's decisions on its pack's recommendations. The fixture's today is 2026-11-23. */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

const P = () => ({ programmeId: fx.programme.id });
const a = (consequence: number, likelihood: number) => ({ consequence, likelihood });
const count = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from raid_items`.execute(h.db)).rows[0]!.n);

describe(`the RAID log on ${testEngine()}`, () => {
  it('numbers each log on its own, in the order items are raised, even when raised at once', async () => {
    const lead = await fx.as('lead');
    const issue = (title: string) =>
      lead.raid.create({
        ...P(),
        kind: 'issue',
        title,
        owningOrganisationId: fx.orgs.icb.id,
        priority: 'high',
      });
    const made = await Promise.all([
      issue('Payroll file late'),
      issue('Estates survey missed'),
      issue('EPR slot'),
    ]);
    expect(made.map((i) => i.number).sort()).toEqual([1, 2, 3]);
    const assumption = await lead.raid.create({
      ...P(),
      kind: 'assumption',
      title: 'Staff side agrees the consultation timetable',
      owningOrganisationId: fx.orgs.icb.id,
      dueOn: '2026-12-15',
    });
    expect([assumption.number, assumption.status, assumption.closedOn]).toEqual([1, 'open', null]);
    const list = await lead.raid.list({ ...P(), kind: 'issue' });
    expect(list.map((i) => i.number)).toEqual([3, 2, 1]);
  });

  it('refuses what breaks a rule with a message by the field, and writes nothing', async () => {
    const lead = await fx.as('lead');
    const [before, audits] = [await count(), await auditCount(h.db)];
    const bad = [
      { kind: 'decision', status: 'open', field: 'status' },
      { kind: 'issue', raisedOn: '2026-11-20', dueOn: '2026-11-01', field: 'dueOn' },
      { kind: 'issue', raisedOn: '2026-12-01', field: 'raisedOn' },
      { kind: 'assumption', priority: 'high', field: 'priority' },
      { kind: 'action', status: 'open', closedOn: '2026-11-20', field: 'closedOn' },
    ] as const;
    for (const { field, ...b } of bad) {
      const e = await caught(
        lead.raid.create({ ...P(), title: 'Bad item', owningOrganisationId: fx.orgs.icb.id, ...b } as never),
      );
      expect(e.code, field).toBe('BAD_REQUEST');
      expect(Object.keys(shapeOf(e).data.fieldErrors ?? {}), field).toContain(field);
    }
    expect([await count(), await auditCount(h.db)]).toEqual([before, audits]);
  });

  it('closes with a date when finished, drops it when reopened, and never overwrites a concurrent edit', async () => {
    const lead = await fx.as('lead');
    const admin = await fx.as('admin');
    const item = await lead.raid.create({
      ...P(),
      kind: 'action',
      title: 'Send the ELI pack to New Bridge',
      owningOrganisationId: fx.orgs.outgoing.id,
      ownerUserId: fx.users.contributor.id,
      dueOn: '2026-11-30',
    });
    // The owner is told, once; the daily scan tells them again when it falls due.
    const told = await h.db
      .selectFrom('notifications')
      .select(['kind', 'title', 'link'])
      .where('user_id', '=', fx.users.contributor.id)
      .where('entity_id', '=', item.id)
      .execute();
    expect(told).toEqual([
      {
        kind: 'raid_assigned',
        title: 'Lee Lead made you the owner of meeting action ACT-001: Send the ELI pack to New Bridge',
        link: `/p/${fx.programme.id}/raid?item=${item.id}`,
      },
    ]);
    const { writeDueNotifications } = await import('../notification/scan');
    await h.db.transaction().execute((trx) => writeDueNotifications(trx, '2026-11-28'));
    const due = await h.db
      .selectFrom('notifications')
      .select(['kind', 'title'])
      .where('user_id', '=', fx.users.contributor.id)
      .where('entity_id', '=', item.id)
      .where('kind', '=', 'due_soon')
      .execute();
    expect(due).toEqual([
      { kind: 'due_soon', title: 'Meeting action ACT-001 due in 2 days: Send the ELI pack to New Bridge' },
    ]);
    const done = await lead.raid.update({ ...P(), raidId: item.id, version: item.version, status: 'done' });
    expect([done.status, done.closedOn]).toEqual(['done', TODAY]);
    const stale = await caught(
      admin.raid.update({ ...P(), raidId: item.id, version: item.version, title: 'Xyz' }),
    );
    expect(stale.code).toBe('CONFLICT');
    const reopened = await lead.raid.update({
      ...P(),
      raidId: item.id,
      version: done.version,
      status: 'open',
    });
    expect([reopened.status, reopened.closedOn]).toEqual(['open', null]);
    // The contributor of the owning organisation may change it; the other provider may not.
    const own = await (
      await fx.as('contributor')
    ).raid.update({
      ...P(),
      raidId: item.id,
      version: reopened.version,
      resolution: 'Sent by secure email',
    });
    expect(own.resolution).toBe('Sent by secure email');
    const other = await caught(
      (await fx.as('incomingContributor')).raid.update({
        ...P(),
        raidId: item.id,
        version: own.version,
        title: 'Yes',
      }),
    );
    expect(other.code).toBe('FORBIDDEN');
    const { audit } = await lead.raid.get({ ...P(), raidId: item.id });
    expect(audit.map((e) => e.summary)).toEqual([
      expect.stringContaining('ACT-001 updated (resolution)'),
      expect.stringContaining('ACT-001 updated (status)'),
      expect.stringContaining('ACT-001 updated (status)'),
      expect.stringContaining('ACT-001 raised'),
    ]);
  });

  it('raises a materialised risk as a linked issue in one step, once', async () => {
    const lead = await fx.as('lead');
    const risk = await lead.risk.create({
      ...P(),
      title: 'Payroll data not received from Old Mill',
      event: 'Payroll data is late',
      effect: 'Staff paid late in the first month',
      categoryKey: 'workforce_tupe',
      owningOrganisationId: fx.orgs.outgoing.id,
      ownerUserId: fx.users.contributor.id,
      initial: a(4, 4),
      current: a(5, 4),
      target: a(2, 2),
    } as never);
    const { issue } = await lead.raid.raiseIssue({ ...P(), riskId: risk.id, version: risk.version });
    expect(issue).toMatchObject({
      kind: 'issue',
      status: 'open',
      priority: 'critical',
      title: risk.title,
      impact: 'Staff paid late in the first month',
      owningOrganisation: { id: fx.orgs.outgoing.id },
      owner: { id: fx.users.contributor.id },
      risk: { id: risk.id },
    });
    const after = await lead.risk.get({ ...P(), riskId: risk.id });
    expect(after.risk.status).toBe('materialised');
    const again = await caught(
      lead.raid.raiseIssue({ ...P(), riskId: risk.id, version: after.risk.version }),
    );
    expect(shapeOf(again).message).toContain('already tracks this risk');
  });
});

describe(`the RAID log in the pack on ${testEngine()}`, () => {
  it('lists open issues most urgent first and open meeting actions by due date, counted as the log counts', async () => {
    const steering = await fx.as('steering');
    const [pack, issues, actions] = await Promise.all([
      steering.steering.pack({ ...P() }),
      steering.raid.list({ ...P(), kind: 'issue', state: 'open' }),
      steering.raid.list({ ...P(), kind: 'action', state: 'open' }),
    ]);
    expect(pack.raid?.issues.total).toBe(issues.length);
    expect(pack.raid?.actions.total).toBe(actions.length);
    expect(pack.raid?.actions.overdue).toBe(actions.filter((a) => a.dueOn && a.dueOn < TODAY).length);
    const ranks = { critical: 0, high: 1, medium: 2, low: 3 } as const;
    const order = pack.raid!.issues.items.map((i) => (i.priority ? ranks[i.priority] : 4));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(pack.raid!.issues.items[0]!.reference).toMatch(/^ISS-\d{3}$/);
  });
});

describe(`the group's decisions on ${testEngine()}`, () => {
  it('asks to close a risk at target; an agreed closure closes it, the next pack reports it and does not ask again', async () => {
    const admin = await fx.as('admin');
    const steering = await fx.as('steering');
    const risk = await admin.risk.create({
      ...P(),
      title: 'Estates licence not signed',
      event: 'Licence unsigned at go-live',
      categoryKey: 'estates',
      owningOrganisationId: fx.orgs.incoming.id,
      ownerUserId: null,
      initial: a(3, 3),
      current: a(2, 2),
      target: a(2, 2),
      raisedOn: '2026-10-01',
    } as never);
    const meeting = await admin.meeting.create({
      ...P(),
      title: 'Transition steering group',
      heldOn: '2026-11-20',
    });
    const { recommendations } = await steering.meeting.recommendations({ ...P(), meetingId: meeting.id });
    const close = recommendations.find((r) => r.key === `closeRisk:${risk.id}`);
    expect(close?.text).toContain('close R-');

    // Before the meeting is held an outcome cannot be recorded; a missing recommendation is refused.
    const missing = await caught(
      steering.meeting.recordOutcome({
        ...P(),
        meetingId: meeting.id,
        key: 'closeRisk:nope',
        outcome: 'agreed',
      }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    const amendedWithoutNote = await caught(
      steering.meeting.recordOutcome({ ...P(), meetingId: meeting.id, key: close!.key, outcome: 'amended' }),
    );
    expect(amendedWithoutNote.code).toBe('BAD_REQUEST');

    const { decision, riskClosed } = await steering.meeting.recordOutcome({
      ...P(),
      meetingId: meeting.id,
      key: close!.key,
      outcome: 'agreed',
      note: 'Licence signed on 18 November',
    });
    expect(riskClosed).toBe(true);
    expect(decision).toMatchObject({
      kind: 'decision',
      status: 'agreed',
      resolution: 'Licence signed on 18 November',
      closedOn: '2026-11-20',
      meeting: { id: meeting.id },
      risk: { id: risk.id },
    });
    expect((await admin.risk.get({ ...P(), riskId: risk.id })).risk.status).toBe('closed');
    // Recording it twice without the version is refused; with it, the outcome changes.
    const twice = await caught(
      steering.meeting.recordOutcome({ ...P(), meetingId: meeting.id, key: close!.key, outcome: 'rejected' }),
    );
    expect(twice.code).toBe('BAD_REQUEST');

    const next = await steering.steering.pack({ ...P() });
    expect(next.since).toBe('2026-11-20');
    expect(next.lastDecisions).toEqual([
      expect.objectContaining({
        outcome: 'agreed',
        note: 'Licence signed on 18 November',
        decidedOn: '2026-11-20',
      }),
    ]);
    expect(next.recommendations?.map((r) => r.key)).not.toContain(close!.key);
    expect(next.summary.decisionsNeeded).toBe(next.recommendations?.length);
    const log = await steering.raid.list({ ...P(), kind: 'decision' });
    expect(log.map((d) => d.id)).toContain(decision.id);
  });

  it('asks again what was deferred, and only the group records outcomes', async () => {
    const admin = await fx.as('admin');
    const steering = await fx.as('steering');
    await admin.risk.create({
      ...P(),
      title: 'Pharmacy contract novated',
      event: 'Contract not novated',
      categoryKey: 'finance',
      owningOrganisationId: fx.orgs.icb.id,
      ownerUserId: null,
      initial: a(2, 2),
      current: a(1, 2),
      target: a(1, 2),
      raisedOn: '2026-10-01',
    } as never);
    const meeting = await admin.meeting.create({
      ...P(),
      title: 'Extraordinary meeting',
      heldOn: '2026-11-21',
    });
    const { recommendations } = await steering.meeting.recommendations({ ...P(), meetingId: meeting.id });
    const first = recommendations.find((r) => r.kind !== 'recordConfidence');
    expect(first).toBeDefined();
    const lead = await caught(
      (await fx.as('contributor')).meeting.recordOutcome({
        ...P(),
        meetingId: meeting.id,
        key: first!.key,
        outcome: 'agreed',
      }),
    );
    expect(lead.code).toBe('FORBIDDEN');
    // Recorded by one member, changed by a group member of another organisation: it is the group's record.
    const recorded = await admin.meeting.recordOutcome({
      ...P(),
      meetingId: meeting.id,
      key: first!.key,
      outcome: 'rejected',
    });
    await sql`update raid_items set owning_organisation_id = ${fx.orgs.outgoing.id} where id = ${recorded.decision.id}`.execute(
      h.db,
    );
    await steering.meeting.recordOutcome({
      ...P(),
      meetingId: meeting.id,
      key: first!.key,
      outcome: 'deferred',
      version: recorded.decision.version,
    });
    const next = await steering.steering.pack({ ...P() });
    expect(next.recommendations?.map((r) => r.key)).toContain(first!.key);
  });
});
