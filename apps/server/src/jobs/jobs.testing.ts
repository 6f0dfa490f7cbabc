import {
  insertLot,
  insertMembership,
  insertOrganisation,
  insertParty,
  insertProgramme,
  insertTasks,
  insertTransfer,
  insertUser,
  type Database,
} from '@baton/db';
import { addDays } from '@baton/domain';

/** A programme with one transfer and one member, and a few tasks due around `today`, for the jobs' tests. */
export async function seedJobsFixture(db: Database, today: string, suffix = '') {
  const icb = await insertOrganisation(db, {
    name: `ICB${suffix}`,
    shortName: `ICB${suffix}`,
    kind: 'commissioner',
  });
  const trust = await insertOrganisation(db, {
    name: `Trust${suffix}`,
    shortName: `T${suffix}`,
    kind: 'nhs_trust',
  });
  const programme = await insertProgramme(db, {
    name: `Jobs test programme${suffix}`,
    code: `JOBS${suffix}`,
    description: '',
    procurementRoute: 'competitive_dialogue',
    stage: 'transition',
    contractValueGbp: null,
    contractTermMonths: null,
    expectedServiceCommencement: addDays(today, 120),
    intentionToAwardDate: null,
    contractAwardDate: null,
    longstopDate: null,
  } as never);
  const lot = await insertLot(db, {
    programmeId: programme.id,
    code: 'Lot 1',
    name: 'Community nursing',
    services: '',
    annualValueGbp: null,
  } as never);
  await insertParty(db, {
    programmeId: programme.id,
    organisationId: icb.id,
    role: 'lead_commissioner',
    lotId: null,
  });
  await insertParty(db, {
    programmeId: programme.id,
    organisationId: trust.id,
    role: 'outgoing_provider',
    lotId: lot.id,
  });
  await insertParty(db, {
    programmeId: programme.id,
    organisationId: icb.id,
    role: 'incoming_provider',
    lotId: lot.id,
  });
  const userId = await insertUser(db, {
    email: `sam.jobs${suffix}@test.example`,
    name: 'Sam Jobs',
    organisationId: trust.id,
    passwordHash: null,
  });
  await insertMembership(db, { programmeId: programme.id, userId, role: 'provider_contributor' });
  const transfer = await insertTransfer(db, programme.id, {
    name: 'Lot 1 transfer',
    lotId: lot.id,
    outgoingOrganisationId: trust.id,
    incomingOrganisationId: icb.id,
    services: '',
    plannedTransferDate: addDays(today, 90),
    status: 'planning',
    proposedRedundancies: 0,
    firstDismissalDate: null,
    legacyAccessDays: 90,
  });
  const task = (title: string, dueDate: string) => ({
    title,
    description: '',
    workstream: 'workforce_tupe' as const,
    kind: 'task' as const,
    owningOrganisationId: trust.id,
    assigneeUserId: userId,
    startDate: addDays(today, -30),
    dueDate,
    status: 'in_progress' as const,
    percentComplete: 10,
    evidence: '',
    conditionPrecedent: false,
    gateCriteria: '',
    gateCriteriaMet: false,
    completedOn: null,
  });
  const taskIds = await insertTasks(db, programme.id, transfer.id, [
    task('Send the ELI', addDays(today, 1)),
    task('Agree the lease', addDays(today, -2)),
  ]);
  return { programme, userId, email: `sam.jobs${suffix}@test.example`, taskIds };
}
