import { NotFoundError } from '@baton/domain';
import { findMeeting, type Executor, type TAuditAudience, type TMeetingRow } from '@baton/db';
import { seesEveryOrganisation, type TMember } from '../../access/membership';

/*
 * Steering group meetings (minutes, decisions, attendees) and their frozen packs cover every organisation in
 * the programme, so only members who see every organisation see them: to a bidder in a live procurement a
 * meeting does not exist. The programme office and the group itself record them (capability meetings.manage).
 */

export const MEETING_NOT_FOUND = 'That meeting does not exist.';

export const meetingAuditAudience: TAuditAudience = { kind: 'full' };

export const canSeeMeetings = (m: TMember) => seesEveryOrganisation(m);

/** A meeting the caller may see; to a bidder every meeting answers as a missing one. */
export async function visibleMeeting(db: Executor, m: TMember, meetingId: string): Promise<TMeetingRow> {
  const meeting = canSeeMeetings(m) ? await findMeeting(db, m.programmeId, meetingId) : undefined;
  if (!meeting) throw new NotFoundError(MEETING_NOT_FOUND);
  return meeting;
}
