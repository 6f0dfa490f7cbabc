import type { Fixture } from './fixture';

/*
 * A register with a history, built through the API as a real programme would build it, for the suites about
 * the steering group pack: since the last meeting (26 Oct 2026) one risk was re-scored up across the
 * escalation threshold (12 -> 16), one down below it (15 -> 9), one was raised, and one has not moved since
 * September (its review is late); plus a transfer with the standard plan whose go/no-go gate falls due within
 * eight weeks of the fixture's today.
 */

export const PREVIOUS_MEETING = '2026-10-26';

const a = (consequence: number, likelihood: number) => ({ consequence, likelihood });

export async function buildSteeringScenario(fx: Fixture, options: { newRiskTitle?: string } = {}) {
  const ids: Record<'up' | 'down' | 'new' | 'steady' | 'transfer', string> = {
    up: '',
    down: '',
    new: '',
    steady: '',
    transfer: '',
  };
  const admin = await fx.as('admin');
  const create = async (title: string, current: ReturnType<typeof a>, raisedOn: string) =>
    admin.risk.create({
      programmeId: fx.programme.id,
      title,
      cause: 'A cause',
      event: `${title} happens`,
      effect: 'An effect',
      categoryKey: 'workforce_tupe',
      ownerUserId: fx.users.contributor.id,
      owningOrganisationId: fx.orgs.outgoing.id,
      initial: a(4, 4),
      current,
      target: a(2, 2),
      raisedOn,
    } as never);

  const up = await create('ELI late', a(4, 3), '2026-09-01');
  await admin.risk.review({
    programmeId: fx.programme.id,
    riskId: up.id,
    version: up.version,
    current: a(4, 4),
    reviewedOn: '2026-11-10',
    note: 'Two data sources still missing',
  });
  const down = await create('Estates lease', a(5, 3), '2026-09-01');
  await admin.risk.review({
    programmeId: fx.programme.id,
    riskId: down.id,
    version: down.version,
    current: a(3, 3),
    reviewedOn: '2026-11-12',
    note: 'Landlord consent received',
  });
  const created = await create(options.newRiskTitle ?? 'Smartcard readers', a(2, 3), '2026-11-15');
  const steady = await create('Payroll cut-over', a(3, 4), '2026-09-01');
  Object.assign(ids, { up: up.id, down: down.id, new: created.id, steady: steady.id });

  await admin.meeting.create({
    programmeId: fx.programme.id,
    title: 'Steering group 4',
    heldOn: PREVIOUS_MEETING,
  } as never);
  const { transfer } = await (
    await fx.as('lead')
  ).transition.createTransfer({
    programmeId: fx.programme.id,
    name: 'Lot 1 early transfer',
    lotId: fx.lot.id,
    outgoingOrganisationId: fx.orgs.outgoing.id,
    incomingOrganisationId: fx.orgs.incoming.id,
    plannedTransferDate: '2027-01-10',
  } as never);
  ids.transfer = transfer.id;
  return { ids, previousMeeting: PREVIOUS_MEETING };
}
