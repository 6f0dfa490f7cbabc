import { createHash } from 'node:crypto';
import {
  canonicalJson,
  comparePacks,
  ConflictError,
  NotFoundError,
  type TIsoDate,
  type TSteeringPack,
} from '@baton/domain';
import {
  findSnapshot,
  insertBaseline,
  insertSnapshot,
  meetingBefore,
  type Executor,
  type TMeetingRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation, type TAuditEvent } from '../../mutation';
import { buildPack } from '../steering/steering.pack';
import { meetingAuditAudience, visibleMeeting } from './meeting.access';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Builds and stores the pack for a meeting, as at the meeting date (or today, for a paper sent out before
 * the meeting), compared with the meeting before it: canonical JSON, hashed, stored once, audited through
 * `audit` (the caller's mutation, or the demo loader's own). Call it inside the caller's transaction.
 */
export async function storeFrozenPack(
  trx: Executor,
  audit: (e: TAuditEvent) => Promise<void>,
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
  // The plan as the group saw it: a baseline to measure later slips against.
  await insertBaseline(trx, {
    programmeId: meeting.programmeId,
    name: `Frozen with the pack for “${meeting.title}” (${meeting.heldOn})`,
    kind: 'meeting',
    meetingId: meeting.id,
    createdBy: p.userId,
  });
  await audit({
    programmeId: meeting.programmeId,
    audience: meetingAuditAudience,
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
 * reads the same moment of the database. A pack is frozen once and never updated. (The audit event is
 * written by storeFrozenPack, which the demo loader also calls.)
 */
export function freezePack(ctx: TMemberContext, meetingId: string) {
  const { member } = ctx;
  return mutation(
    ctx,
    async ({ trx, audit }) => {
      const meeting = await visibleMeeting(trx, member, meetingId);
      if (meeting.snapshot) {
        throw new ConflictError(
          'The pack for this meeting is already frozen; a frozen pack never changes.',
          meeting,
        );
      }
      const { sha256: digest } = await storeFrozenPack(trx, audit, {
        member,
        userId: ctx.user.id,
        meeting,
        today: ctx.today(),
      });
      return { meeting: await visibleMeeting(trx, member, meeting.id), sha256: digest };
    },
    { isolation: 'repeatable read' },
  );
}

/** The frozen pack of a meeting, with a check that it still matches the hash taken when it was frozen. */
export async function readFrozenPack(db: Executor, member: TMember, meetingId: string) {
  const meeting = await visibleMeeting(db, member, meetingId);
  const s = await findSnapshot(db, member.programmeId, meetingId);
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
export async function compareWithToday(db: Executor, member: TMember, meetingId: string, today: TIsoDate) {
  const frozen = await readFrozenPack(db, member, meetingId);
  const now = await buildPack(db, member, {
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
