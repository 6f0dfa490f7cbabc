/*
 * Loads the upgrade fixture's data with the code of release 874247c: the demo programme (dated to a fixed
 * "today"), then a few hundred extra risks (with reviews, edits and mitigation actions), a few hundred extra
 * plan tasks (with dependencies) and two more frozen steering group packs, all written through that release's
 * own tRPC API (createCaller with createContextInner, acting as the demo's programme admin).
 *
 * Not run directly: make-upgrade-fixture.sh copies it into apps/server/src/ of a worktree of 874247c (so that
 * `@baton/api`, `@baton/db` and `./demo/demo.seed` resolve to that release) and runs it there with tsx, with
 * DATABASE_URL naming a scratch database the release has already migrated. Plain JavaScript on purpose: the
 * current repository's type check must not see the old release's API.
 *
 * Usage (inside the worktree): DATABASE_URL=... tsx src/upgrade-fixture.seed.mjs --today 2026-12-01
 */
import { parseArgs } from 'node:util';
import { createCaller, createContextInner } from '@baton/api';
import { createPostgresDb, findUserById } from '@baton/db';
import { addDays } from '@baton/domain';
import { seedDemo } from './demo/demo.seed';

const { values } = parseArgs({ options: { today: { type: 'string' } } });
const today = values.today;
if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('Pass --today YYYY-MM-DD');
if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to the scratch database');

const EXTRA_RISKS = 300;
const EXTRA_TASKS = 300;

/** Deterministic choices (mulberry32), so a given `today` always writes the same story. */
let seed = 874247;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];

const handle = createPostgresDb(process.env.DATABASE_URL, { max: 4 });
const db = handle.db;

const demo = await seedDemo(db, { today });
if (!demo.loaded) throw new Error('The scratch database already had programmes: use an empty one');

const programme = await db
  .selectFrom('programmes')
  .select('id')
  .where('code', '=', 'SVCMH')
  .executeTakeFirstOrThrow();
const programmeId = programme.id;
const adminRow = await db
  .selectFrom('users')
  .select('id')
  .where('email', '=', 'helen.marsh@severnvale-icb.example')
  .executeTakeFirstOrThrow();
const admin = await findUserById(db, adminRow.id);
const api = createCaller(
  createContextInner({ db, session: { user: admin, tokenHash: 'upgrade-fixture' }, today: () => today }),
);

// ---------------------------------------------------------------------------------------------------------
// Who and what the extra rows refer to

const parties = await db
  .selectFrom('programme_parties')
  .select(['organisation_id', 'lot_id', 'role'])
  .where('programme_id', '=', programmeId)
  .execute();
// In name order, not id order: ids are random, and the choices below must not depend on them.
const organisationIds = (
  await db
    .selectFrom('organisations')
    .select('id')
    .where(
      'id',
      'in',
      parties.map((p) => p.organisation_id),
    )
    .orderBy('name')
    .execute()
).map((o) => o.id);
const lotIds = (
  await db.selectFrom('lots').select('id').where('programme_id', '=', programmeId).orderBy('code').execute()
).map((l) => l.id);
const members = await db
  .selectFrom('programme_memberships as m')
  .innerJoin('users as u', 'u.id', 'm.user_id')
  .select(['u.id', 'u.organisation_id'])
  .where('m.programme_id', '=', programmeId)
  .orderBy('u.email')
  .execute();
const ownersIn = (organisationId) => members.filter((m) => m.organisation_id === organisationId);
const { matrix } = await api.risk.matrix({ programmeId });
const categories = matrix.categories.map((c) => c.key);
const WORKSTREAMS = [
  'workforce_tupe',
  'estates_facilities',
  'it_data_records',
  'information_governance',
  'clinical_safety_caseload',
  'cqc_registration',
  'contracts_finance',
  'communications_engagement',
];
const THEMES = [
  ['Staff list', 'the final staff list arrives late', 'due diligence is compressed'],
  ['Estates lease', 'a landlord withholds consent to assign the lease', 'a clinic has no base on day one'],
  ['Data migration', 'caseload records fail to reconcile', 'patients are lost to follow-up'],
  ['Telephony', 'numbers cannot be ported in time', 'patients cannot reach the service'],
  ['CQC registration', 'registration is not approved before commencement', 'regulated activity cannot start'],
  ['Subcontract novation', 'a VCSE partner declines novation', 'peer support stops'],
  ['Pensions', 'NHS Pension access is not confirmed', 'staff object to the transfer'],
  ['Waiting lists', 'waiting lists grow during mobilisation', 'harm from delayed treatment'],
  ['Medicines', 'prescribing arrangements are not in place', 'medicines cannot be supplied'],
  ['Records retention', 'legacy record access is not agreed', 'clinicians cannot see history'],
];
const level = (lo = 1, hi = 5) => int(lo, hi);
const assessment = () => ({ consequence: level(), likelihood: level() });

// ---------------------------------------------------------------------------------------------------------
// Extra plan tasks, with dependencies, on the demo's transfers

const transfers = await db
  .selectFrom('transfers')
  .select(['id', 'outgoing_organisation_id', 'incoming_organisation_id', 'planned_transfer_date'])
  .where('programme_id', '=', programmeId)
  .orderBy('name')
  .execute();
const commissioner = parties.find((p) => p.role === 'lead_commissioner').organisation_id;
const newTasks = [];
for (let i = 0; i < EXTRA_TASKS; i++) {
  const transfer = transfers[i % transfers.length];
  const owner = pick([transfer.outgoing_organisation_id, transfer.incoming_organisation_id, commissioner]);
  const startDate = addDays(today, int(-90, 60));
  const dueDate = addDays(startDate, int(0, 60));
  const kind = i % 25 === 0 ? 'milestone' : i % 40 === 7 ? 'gate' : 'task';
  const status =
    dueDate < today ? pick(['done', 'done', 'in_progress', 'blocked']) : pick(['not_started', 'in_progress']);
  const assignee = pick([null, ...ownersIn(owner).map((m) => m.id)]);
  const task = await api.transition.createTask({
    programmeId,
    transferId: transfer.id,
    title: `Fixture task ${String(i + 1).padStart(3, '0')}: ${pick(THEMES)[0].toLowerCase()} follow-up`,
    description: i % 3 ? '' : 'Added for the upgrade fixture: a plan grows detail as mobilisation goes on.',
    workstream: pick(WORKSTREAMS),
    kind,
    owningOrganisationId: owner,
    assigneeUserId: assignee ?? null,
    startDate,
    dueDate: kind === 'milestone' ? startDate : dueDate,
    status: kind === 'task' ? status : 'not_started',
    percentComplete: status === 'done' ? 100 : status === 'in_progress' ? int(5, 90) : 0,
    evidence: status === 'done' ? 'Signed off at the workstream meeting.' : '',
    conditionPrecedent: i % 17 === 0,
    gateCriteria: kind === 'gate' ? 'Go/no-go criteria met and minuted.' : '',
    gateCriteriaMet: false,
  });
  newTasks.push({ ...task, transferId: transfer.id });
  // Later edits, as a lead updates the plan.
  if (i % 6 === 0 && task.status !== 'done') {
    await api.transition.updateTask({
      programmeId,
      taskId: task.id,
      version: task.version,
      status: 'in_progress',
      percentComplete: int(10, 60),
    });
  }
}
// Each new task waits for an earlier new task of the same transfer (always earlier: no loops).
let dependencies = 0;
for (const [i, task] of newTasks.entries()) {
  if (i < transfers.length || i % 5 === 4) continue;
  const earlier = newTasks.slice(0, i).filter((t) => t.transferId === task.transferId);
  const predecessor = earlier[int(Math.max(0, earlier.length - 8), earlier.length - 1)];
  await api.transition.addDependency({
    programmeId,
    predecessorId: predecessor.id,
    successorId: task.id,
    lagDays: pick([0, 0, 0, 2, 5]),
  });
  dependencies++;
}

// ---------------------------------------------------------------------------------------------------------
// Extra risks: raised over the last six months, reviewed, some edited, closed or bulk-updated, with actions

const openTasks = newTasks.filter((t) => t.status !== 'done');
let reviews = 0;
let actions = 0;
const bulk = [];
for (let i = 0; i < EXTRA_RISKS; i++) {
  const [theme, event, effect] = pick(THEMES);
  const owning = pick(organisationIds);
  const owners = ownersIn(owning);
  const initial = assessment();
  const target = { consequence: level(1, initial.consequence), likelihood: level(1, initial.likelihood) };
  const raisedOn = addDays(today, -int(20, 175));
  const risk = await api.risk.create({
    programmeId,
    title: `${theme} (fixture ${String(i + 1).padStart(3, '0')})`,
    cause: `Mobilisation timetable and dependencies on ${pick(['the outgoing provider', 'NHS England', 'the council', 'a landlord'])}.`,
    event: `Risk that ${event}.`,
    effect: `Leading to ${effect}.`,
    categoryKey: pick(categories),
    workstream: pick([null, ...WORKSTREAMS]),
    lotIds: random() < 0.3 ? [] : [...new Set([pick(lotIds), pick(lotIds)])],
    ownerUserId: owners.length && random() < 0.8 ? pick(owners).id : null,
    owningOrganisationId: owning,
    affectedOrganisationIds: random() < 0.5 ? [] : [pick(organisationIds)].filter((o) => o !== owning),
    controls: 'Weekly workstream meeting; escalation to the transition lead.',
    gaps: i % 4 ? '' : 'No agreed fallback if the date slips.',
    status: i % 23 === 0 ? 'draft' : 'open',
    initial,
    current: initial,
    target,
    targetDate: random() < 0.7 ? addDays(today, int(10, 200)) : null,
    proximity: pick([null, 'within_1_month', 'one_to_3_months', 'three_to_6_months', 'over_6_months']),
    escalationTier: i % 29 === 0 ? 'corporate' : 'programme',
    raisedOn,
  });
  let current = risk;
  // Fortnightly-ish reviews from the day it was raised up to today.
  let reviewedOn = raisedOn;
  for (let r = 0; r < int(0, 4); r++) {
    reviewedOn = addDays(reviewedOn, int(7, 30));
    if (reviewedOn > today) break;
    current = await api.risk.review({
      programmeId,
      riskId: risk.id,
      version: current.version,
      current: assessment(),
      reviewedOn,
      note: `Reviewed at the ${pick(['workstream', 'transition', 'risk'])} meeting: ${pick(['no change in controls', 'mitigation slipped', 'new evidence received', 'escalation considered'])}.`,
    });
    reviews++;
  }
  if (i % 11 === 5) {
    current = await api.risk.update({
      programmeId,
      riskId: risk.id,
      version: current.version,
      status: i % 2 ? 'closed' : 'materialised',
    });
  } else if (i % 13 === 3) {
    current = await api.risk.update({
      programmeId,
      riskId: risk.id,
      version: current.version,
      controls: 'Weekly workstream meeting; escalation to the transition lead; recovery plan agreed.',
      proximity: 'within_1_month',
    });
  }
  for (let a = 0; a < int(0, 3); a++) {
    const organisation = random() < 0.8 ? owning : pick(organisationIds);
    const dueDate = addDays(raisedOn, int(14, 150));
    const done = dueDate < today && random() < 0.5;
    const action = await api.risk.addAction({
      programmeId,
      riskId: risk.id,
      description: `${pick(['Agree', 'Confirm', 'Escalate', 'Test', 'Write'])} ${theme.toLowerCase()} ${pick(['plan', 'fallback', 'timetable', 'contract variation'])} (fixture action ${actions + 1})`,
      ownerUserId: pick([null, ...ownersIn(organisation).map((m) => m.id)]) ?? null,
      organisationId: organisation,
      dueDate,
      status: done ? 'done' : pick(['not_started', 'in_progress']),
      expectedEffect: pick(['likelihood', 'consequence', 'both']),
      evidence: done ? 'Confirmed in writing.' : '',
      completedOn: done ? dueDate : null,
      taskId: openTasks.length && random() < 0.2 ? pick(openTasks).id : null,
    });
    actions++;
    if (!done && random() < 0.25) {
      await api.risk.updateAction({
        programmeId,
        actionId: action.id,
        version: action.version,
        status: 'in_progress',
        dueDate: addDays(dueDate, 14),
      });
    }
  }
  if (i % 37 === 0 && current.status === 'open') bulk.push({ riskId: current.id, version: current.version });
}
if (bulk.length)
  await api.risk.bulkUpdate({ programmeId, risks: bulk, patch: { categoryKey: 'service_continuity' } });

// ---------------------------------------------------------------------------------------------------------
// Two more frozen packs: an extraordinary meeting ten days ago, and the next scheduled meeting (as at today)

const extraordinary = await api.meeting.create({
  programmeId,
  title: 'Extraordinary steering group: Lot 2 readiness',
  heldOn: addDays(today, -10),
  location: 'MS Teams',
  attendees: ['Helen Marsh (Severn Vale ICB, chair)', 'Tom Okafor (Severn Vale ICB, transition lead)'],
  apologies: ['Priya Raman (Severn Vale Council)'],
  decisions: ['Asked for a recovery plan for the Lot 2 data migration within a week.'],
  notes: 'Called to review the risks added since the last meeting.',
});
await api.meeting.freeze({ programmeId, meetingId: extraordinary.id });
const meetings = await api.meeting.list({ programmeId });
const next = meetings.find((m) => !m.snapshot && m.heldOn > today);
if (!next) throw new Error('The demo has no upcoming meeting to freeze');
await api.meeting.freeze({ programmeId, meetingId: next.id });

// A pending invite, for the invites table.
await api.member.invite({
  programmeId,
  email: 'new.colleague@severnvale-icb.example',
  name: 'New Colleague',
  organisationId: admin.organisation.id,
  role: 'steering_group_member',
});

// The programme's own copy of the risk matrix (the demo runs on the default one), for risk_matrices.
const stored = await api.risk.matrix({ programmeId });
await api.risk.updateMatrix({ programmeId, matrix: stored.matrix, version: stored.version });

// A failed and a successful sign-in, for login_attempts and sessions.
const anonymous = createCaller(createContextInner({ db, today: () => today }));
await anonymous.auth
  .signIn({ email: 'tom.okafor@severnvale-icb.example', password: 'not the password' })
  .then(
    () => {
      throw new Error('A wrong password signed in');
    },
    () => undefined,
  );
await anonymous.auth.signIn({ email: 'tom.okafor@severnvale-icb.example', password: demo.password });

console.log(
  `Loaded the demo as at ${today}; added ${EXTRA_RISKS} risks (${reviews} reviews, ${actions} actions), ` +
    `${EXTRA_TASKS} tasks (${dependencies} dependencies), 2 frozen packs, 1 invite, the risk matrix, 2 sign-ins.`,
);
await handle.close();
