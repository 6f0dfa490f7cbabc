import { createHash } from 'node:crypto';
import {
  canonicalJson,
  comparePacks,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type TIsoDate,
  type TSteeringPack,
} from '@baton/domain';
import {
  findMeeting,
  findSnapshot,
  insertSnapshot,
  meetingBefore,
  recordAudit,
  type Database,
  type Executor,
  type TMeetingRow,
} from '@baton/db';
import type { TMember } from '../risk/risk.access';
import { buildPack } from '../steering/steering.pack';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A frozen pack covers every organisation's risks: members who see only their own cannot read one. */
export function assertSeesWholeProgramme(m: TMember): void {
  if (m.visibility.kind !== 'all') {
    throw new ForbiddenError(
      'Frozen steering group packs cover every organisation in the programme, so they are not shared with bidders.',
    );
  }
}

export async function meetingOf(db: Executor, programmeId: string, meetingId: string): Promise<TMeetingRow> {
  const meeting = await findMeeting(db, programmeId, meetingId);
  if (!meeting) throw new NotFoundError('That meeting does not exist.');
  return meeting;
}

/**
 * Builds and stores the pack for a meeting, as at the meeting date (or today, for a paper sent out before
 * the meeting), compared with the meeting before it: canonical JSON, hashed, stored once, audited. Call it
 * inside the caller's transaction.
 */
export async function storeFrozenPack(
  trx: Executor,
  p: {
    member: TMember;
    userId: string;
    meeting: TMeetingRow;
    today: TIsoDate;
    /** Demo data freezes past meetings after the fact: readiness is rebuilt as at the meeting date. */
    rewindPlans?: boolean;
    frozenAt?: Date;
  },
) {
  const { meeting } = p;
  const asAt = meeting.heldOn < p.today ? meeting.heldOn : p.today;
  const previous = await meetingBefore(trx, meeting.programmeId, meeting.heldOn);
  const since = previous && previous.heldOn < asAt ? previous.heldOn : undefined;
  const pack = await buildPack(trx, p.member, {
    programmeId: meeting.programmeId,
    asAt,
    since,
    sinceMeeting: since ? previous : undefined,
    today: p.today,
    withRegister: true,
    rewindPlans: p.rewindPlans ?? false,
    ...(p.frozenAt ? { generatedAt: p.frozenAt } : {}),
  });
  const packJson = canonicalJson(pack);
  const digest = sha256(packJson);
  const inserted = await insertSnapshot(trx, {
    programmeId: meeting.programmeId,
    meetingId: meeting.id,
    asAt,
    since: pack.since,
    frozenBy: p.userId,
    packJson,
    sha256: digest,
    ...(p.frozenAt ? { frozenAt: p.frozenAt } : {}),
  });
  if (!inserted) throw new ConflictError('Someone froze this pack a moment ago.', meeting);
  await recordAudit(trx, {
    actorUserId: p.userId,
    programmeId: meeting.programmeId,
    organisationId: null,
    entityType: 'meeting',
    entityId: meeting.id,
    action: 'update',
    summary: `Froze the steering group pack for “${meeting.title}” as at ${asAt} (SHA-256 ${digest.slice(0, 12)}…)`,
    after: { snapshotId: inserted.id, asAt, since: pack.since, sha256: digest },
  });
  return { snapshotId: inserted.id, asAt, sha256: digest };
}

/**
 * Freezes the pack for a meeting inside one repeatable-read transaction, so every section of the paper
 * reads the same moment of the database. A pack is frozen once and never updated.
 */
export async function freezePack(
  db: Database,
  p: { member: TMember; userId: string; programmeId: string; meetingId: string; today: TIsoDate },
) {
  assertSeesWholeProgramme(p.member);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const meeting = await meetingOf(trx, p.programmeId, p.meetingId);
      if (meeting.snapshot) {
        throw new ConflictError(
          'The pack for this meeting is already frozen; a frozen pack never changes.',
          meeting,
        );
      }
      const { sha256: digest } = await storeFrozenPack(trx, { ...p, meeting });
      return { meeting: await meetingOf(trx, p.programmeId, meeting.id), sha256: digest };
    });
}

/** The frozen pack of a meeting, with a check that it still matches the hash taken when it was frozen. */
export async function readFrozenPack(db: Executor, member: TMember, programmeId: string, meetingId: string) {
  assertSeesWholeProgramme(member);
  const meeting = await meetingOf(db, programmeId, meetingId);
  const s = await findSnapshot(db, programmeId, meetingId);
  if (!s) throw new NotFoundError('The pack for this meeting has not been frozen yet.');
  const pack = s.pack as TSteeringPack;
  return {
    meeting,
    snapshot: {
      id: s.id,
      asAt: s.asAt,
      since: s.since,
      frozenAt: s.frozenAt,
      frozenBy: s.frozenBy,
      sha256: s.sha256,
      intact: sha256(canonicalJson(pack)) === s.sha256,
    },
    pack,
  };
}

/** The frozen pack against the register and readiness today. */
export async function compareWithToday(
  db: Executor,
  member: TMember,
  programmeId: string,
  meetingId: string,
  today: TIsoDate,
) {
  const frozen = await readFrozenPack(db, member, programmeId, meetingId);
  const now = await buildPack(db, member, {
    programmeId,
    asAt: today,
    since: frozen.pack.asAt < today ? frozen.pack.asAt : undefined,
    today,
    withRegister: true,
    withProfile: false,
  });
  return {
    meeting: frozen.meeting,
    snapshot: frozen.snapshot,
    comparison: comparePacks(frozen.pack, now),
  };
}
