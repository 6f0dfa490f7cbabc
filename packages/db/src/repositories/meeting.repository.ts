import type { TMeetingFields } from '@baton/domain';
import type { Executor } from '../client';
import { bumpVersion, staleOrMissing } from './versioning';

export interface TMeetingRow {
  id: string;
  programmeId: string;
  title: string;
  heldOn: string;
  location: string;
  attendees: string[];
  apologies: string[];
  decisions: string[];
  notes: string;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** The pack frozen for this meeting, when there is one (the pack itself is read separately: it is large). */
  snapshot: {
    id: string;
    asAt: string;
    since: string | null;
    frozenAt: Date;
    frozenBy: string | null;
  } | null;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

function selectMeetings(db: Executor) {
  return db
    .selectFrom('meetings as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .leftJoin('pack_snapshots as s', 's.meeting_id', 'm.id')
    .leftJoin('users as f', 'f.id', 's.frozen_by')
    .selectAll('m')
    .select([
      'u.name as created_by_name',
      's.id as snapshot_id',
      's.as_at as snapshot_as_at',
      's.since as snapshot_since',
      's.frozen_at as snapshot_frozen_at',
      'f.name as frozen_by_name',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectMeetings>['executeTakeFirstOrThrow']>>;

function toMeeting(r: Row): TMeetingRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    title: r.title,
    heldOn: r.held_on,
    location: r.location,
    attendees: strings(r.attendees),
    apologies: strings(r.apologies),
    decisions: strings(r.decisions),
    notes: r.notes,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? 'Unknown' } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    snapshot: r.snapshot_id
      ? {
          id: r.snapshot_id,
          asAt: r.snapshot_as_at!,
          since: r.snapshot_since,
          frozenAt: r.snapshot_frozen_at!,
          frozenBy: r.frozen_by_name,
        }
      : null,
  };
}

const columns = (f: TMeetingFields) => ({
  title: f.title,
  held_on: f.heldOn,
  location: f.location,
  attendees: JSON.stringify(f.attendees),
  apologies: JSON.stringify(f.apologies),
  decisions: JSON.stringify(f.decisions),
  notes: f.notes,
});

/** Newest first: the secretariat works from the next or last meeting. */
export async function listMeetings(db: Executor, programmeId: string): Promise<TMeetingRow[]> {
  const rows = await selectMeetings(db)
    .where('m.programme_id', '=', programmeId)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.created_at', 'desc')
    .execute();
  return rows.map(toMeeting);
}

export async function findMeeting(
  db: Executor,
  programmeId: string,
  meetingId: string,
): Promise<TMeetingRow | undefined> {
  const r = await selectMeetings(db)
    .where('m.programme_id', '=', programmeId)
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  return r && toMeeting(r);
}

/** The last meeting held before a date: what "since the last meeting" compares with. */
export async function meetingBefore(
  db: Executor,
  programmeId: string,
  before: string,
): Promise<{ id: string; title: string; heldOn: string } | undefined> {
  const r = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'held_on'])
    .where('programme_id', '=', programmeId)
    .where('held_on', '<', before)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && { id: r.id, title: r.title, heldOn: r.held_on };
}

export async function insertMeeting(
  db: Executor,
  programmeId: string,
  f: TMeetingFields,
  createdBy: string | null,
): Promise<TMeetingRow> {
  const { id } = await db
    .insertInto('meetings')
    .values({ ...columns(f), programme_id: programmeId, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findMeeting(db, programmeId, id))!;
}

export async function updateMeeting(
  db: Executor,
  before: TMeetingRow,
  f: TMeetingFields,
  version: number,
): Promise<TMeetingRow> {
  const r = await db
    .updateTable('meetings')
    .set({ ...columns(f), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('programme_id', '=', before.programmeId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('meeting', await findMeeting(db, before.programmeId, before.id));
  return (await findMeeting(db, before.programmeId, before.id))!;
}

export async function deleteMeeting(db: Executor, before: TMeetingRow, version: number): Promise<void> {
  const r = await db
    .deleteFrom('meetings')
    .where('id', '=', before.id)
    .where('programme_id', '=', before.programmeId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!Number(r.numDeletedRows))
    staleOrMissing('meeting', await findMeeting(db, before.programmeId, before.id));
}

/* ---------- frozen packs ---------- */

export interface TSnapshotWrite {
  programmeId: string;
  meetingId: string;
  asAt: string;
  since: string | null;
  frozenBy: string;
  /** The pack as canonical JSON (keys sorted): the SHA-256 is taken over exactly these bytes. */
  packJson: string;
  sha256: string;
  /** Defaults to now; demo data backdates it. */
  frozenAt?: Date;
}

/** Inserts the snapshot; false when the meeting already has one (a pack is frozen once). */
export async function insertSnapshot(db: Executor, s: TSnapshotWrite): Promise<{ id: string } | undefined> {
  return db
    .insertInto('pack_snapshots')
    .values({
      programme_id: s.programmeId,
      meeting_id: s.meetingId,
      as_at: s.asAt,
      since: s.since,
      frozen_by: s.frozenBy,
      pack: s.packJson,
      sha256: s.sha256,
      ...(s.frozenAt ? { frozen_at: s.frozenAt } : {}),
    })
    .onConflict((oc) => oc.column('meeting_id').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** The stored pack (parsed) with the SHA-256 recorded when it was frozen, over its canonical JSON. */
export async function findSnapshot(db: Executor, programmeId: string, meetingId: string) {
  const r = await db
    .selectFrom('pack_snapshots as s')
    .leftJoin('users as u', 'u.id', 's.frozen_by')
    .select([
      's.id',
      's.meeting_id',
      's.as_at',
      's.since',
      's.frozen_at',
      's.sha256',
      'u.name as frozen_by_name',
      's.pack',
    ])
    .where('s.programme_id', '=', programmeId)
    .where('s.meeting_id', '=', meetingId)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      meetingId: r.meeting_id,
      asAt: r.as_at,
      since: r.since,
      frozenAt: r.frozen_at,
      frozenBy: r.frozen_by_name,
      sha256: r.sha256,
      pack: r.pack as unknown,
    }
  );
}
