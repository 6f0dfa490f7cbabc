import type { DbHandle } from '@baton/db';
import { sql } from 'kysely';
import { createTestDb, testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../../testing/fixture';
import { scheduledPlans } from './plan.service';
import { membershipFor } from '../../access/membership';

/*
 * Scheduled plans are kept per process against the database's fingerprint of each plan (plan.cache.ts,
 * migration 0019). Every write that changes what a loaded plan holds must change the fingerprint, whoever
 * makes it (a procedure, an import, a hand-written statement), or a screen would show a stale plan.
 */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

const P = () => fx.programme.id;

async function newTransfer(name: string) {
  const lead = await fx.as('lead');
  const { transfer } = await lead.transition.createTransfer({
    programmeId: P(),
    name,
    lotId: fx.lot.id,
    outgoingOrganisationId: fx.orgs.outgoing.id,
    incomingOrganisationId: fx.orgs.incoming.id,
    plannedTransferDate: '2027-10-01',
  } as never);
  const plan = () => lead.transition.plan({ programmeId: P(), transferId: transfer.id });
  const readiness = async () =>
    (await lead.transition.transfers({ programmeId: P() })).find((t) => t.transfer.id === transfer.id)!;
  const version = async () =>
    String(
      (
        await h.db
          .selectFrom('transfers')
          .select('plan_version')
          .where('id', '=', transfer.id)
          .executeTakeFirstOrThrow()
      ).plan_version,
    );
  return { transfer, plan, readiness, version };
}

describe(`the plan cache on ${testEngine()}`, () => {
  it('sees a task changed by a statement written by hand, on the plan and on readiness', async () => {
    const t = await newTransfer('Cache: tasks');
    const before = await t.plan();
    await t.readiness();
    const task = before.tasks.find((x) => x.kind === 'task' && x.status === 'not_started')!;

    await sql`update plan_tasks set title = 'Renamed by hand', due_date = date '2027-12-24' where id = ${task.id}`.execute(
      h.db,
    );
    const after = await t.plan();
    expect(after.tasks.find((x) => x.id === task.id)).toMatchObject({
      title: 'Renamed by hand',
      dueDate: '2027-12-24',
    });
    // A task due after the transfer date pushes the forecast go-live: readiness reads the changed plan too.
    expect((await t.readiness()).forecastGoLive).not.toBe(before.forecastGoLive);
  });

  it('sees a dependency added or removed, and a task deleted', async () => {
    const t = await newTransfer('Cache: dependencies');
    const before = await t.plan();
    const [a, b] = before.tasks.filter((x) => x.kind === 'task').slice(-2);
    await sql`insert into task_dependencies (programme_id, predecessor_id, successor_id, lag_days)
              values (${P()}, ${b!.id}, ${a!.id}, 0)
              on conflict do nothing`.execute(h.db);
    const added = await t.plan();
    expect(added.dependencies.length).toBe(before.dependencies.length + 1);

    await sql`delete from task_dependencies where predecessor_id = ${b!.id} and successor_id = ${a!.id}`.execute(
      h.db,
    );
    expect((await t.plan()).dependencies.length).toBe(before.dependencies.length);

    await sql`delete from plan_tasks where id = ${a!.id}`.execute(h.db);
    expect((await t.plan()).tasks.map((x) => x.id)).not.toContain(a!.id);
  });

  it('sees a new name for the organisation that owns a task, and leaves the plan alone for other changes', async () => {
    const t = await newTransfer('Cache: names');
    await t.plan();
    const v0 = await t.version();
    await sql`update organisations set name = name where id = ${fx.orgs.outgoing.id}`.execute(h.db);
    expect(await t.version()).toBe(v0);

    await sql`update organisations set short_name = 'Old Mill (renamed)' where id = ${fx.orgs.outgoing.id}`.execute(
      h.db,
    );
    try {
      const owners = new Set((await t.plan()).tasks.map((x) => x.owningOrganisation.shortName));
      expect(owners).toContain('Old Mill (renamed)');
    } finally {
      await sql`update organisations set short_name = 'Old Mill' where id = ${fx.orgs.outgoing.id}`.execute(
        h.db,
      );
    }
  });

  it('never names two plans with one fingerprint, even when the change that took it rolled back', async () => {
    const t = await newTransfer('Cache: rollback');
    const member = await membershipFor(h.db, fx.users.lead.id, P(), 'programme.read');
    const original = await t.plan();
    const task = original.tasks.find((x) => x.kind === 'task')!;

    // A transaction changes a task and reads the plan (filling the cache with what it saw), then rolls back.
    let seenInside = '';
    await h.db
      .transaction()
      .execute(async (trx) => {
        await sql`update plan_tasks set title = 'Never committed' where id = ${task.id}`.execute(trx);
        const plans = await scheduledPlans(trx, member, [t.transfer], '2026-11-23');
        expect(plans.get(t.transfer.id)!.tasks.find((x) => x.id === task.id)!.title).toBe('Never committed');
        seenInside = plans.get(t.transfer.id)!.key;
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await t.plan()).tasks.find((x) => x.id === task.id)!.title).toBe(task.title);

    // A committed change takes a new number, never the rolled-back one.
    await sql`update plan_tasks set title = 'Committed' where id = ${task.id}`.execute(h.db);
    const plans = await scheduledPlans(h.db, member, [t.transfer], '2026-11-23');
    expect(plans.get(t.transfer.id)!.key).not.toBe(seenInside);
    expect(plans.get(t.transfer.id)!.tasks.find((x) => x.id === task.id)!.title).toBe('Committed');
  });

  it('shares cached rows read-only: a caller cannot change another request’s plan', async () => {
    const t = await newTransfer('Cache: frozen');
    const member = await membershipFor(h.db, fx.users.lead.id, P(), 'programme.read');
    const first = await scheduledPlans(h.db, member, [t.transfer], '2026-11-23');
    const again = await scheduledPlans(h.db, member, [t.transfer], '2026-11-23');
    const task = first.get(t.transfer.id)!.tasks[0]!;
    expect(again.get(t.transfer.id)!.tasks[0]).toBe(task);
    expect(() => {
      (task as { title: string }).title = 'changed';
    }).toThrow(TypeError);
  });

  it('keeps readiness with the plan only while everything read beside the plan is unchanged', async () => {
    const t = await newTransfer('Cache: readiness');
    const lead = await fx.as('lead');
    const estates = async () =>
      (await t.readiness()).readiness.workstreams
        .find((w) => w.workstream === 'estates_facilities')!
        .reasons.join(' ');
    const first = await t.readiness();
    const again = await t.readiness();
    // The kept answer, shared: the same figures, read-only.
    expect(again.readiness).toBe(first.readiness);
    expect(() => {
      (again.readiness.overall as { rag: string }).rag = 'green';
    }).toThrow(TypeError);

    // A register row is not part of the plan's fingerprint: readiness follows it all the same.
    await lead.registers.createSite({
      programmeId: P(),
      transferId: t.transfer.id,
      name: 'Kept-readiness Clinic',
      address: '2 Mill Lane',
      landlordType: 'nhs_property_services',
      tenure: 'lease',
      route: 'assign',
      landlordConsent: 'refused',
    } as never);
    expect(await estates()).toContain('Kept-readiness Clinic');

    // Nor are the programme's readiness settings, or the transfer's own date.
    const before = (await t.readiness()).countdownDays;
    await sql`update transfers set planned_transfer_date = date '2027-11-01', version = version + 1
              where id = ${t.transfer.id}`.execute(h.db);
    expect((await t.readiness()).countdownDays).toBe(before + 31);
    const overall = async () => (await t.readiness()).readiness.overall.reasons.join(' ');
    expect(await overall()).not.toMatch(/of margin before the transfer date/);
    await sql`update programmes set readiness_settings = ${JSON.stringify({ marginWarningDays: 60 })}::jsonb
              where id = ${P()}`.execute(h.db);
    expect(await overall()).toMatch(/Only 32 days of margin before the transfer date/);
    await sql`update programmes set readiness_settings = null where id = ${P()}`.execute(h.db);
  });
});
