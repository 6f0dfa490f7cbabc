import { canEditOrganisationItem, canSeeRow, ForbiddenError, NotFoundError } from '@baton/domain';
import { findRaidItem, type Executor, type TAuditAudience, type TRaidRow } from '@baton/db';
import type { TMember } from '../../access/membership';
import { naming } from '../../access/naming';
import { canSeeMeetings } from '../meeting/meeting.access';

/*
 * A RAID item (issue, assumption, decision, meeting action) belongs to one organisation, as a risk does:
 * members who see every organisation see every item; a bidder in a live procurement sees only its own
 * organisation's. Contributors change their own organisation's items; leads and admins change any. What an
 * item names (its risk, its meeting, its owner) must be visible to everyone who will see the item.
 */

export const RAID_NOT_FOUND = 'That item does not exist, or is not visible to you.';

export const raidAudience = (i: Pick<TRaidRow, 'owningOrganisation'>): string[] => [i.owningOrganisation.id];

export const raidAuditAudience = (i: Pick<TRaidRow, 'owningOrganisation'>): TAuditAudience => ({
  kind: 'owners',
  organisationIds: raidAudience(i),
});

export const canSeeRaid = (m: TMember, i: Pick<TRaidRow, 'owningOrganisation'>) =>
  canSeeRow(m.visibility, raidAudience(i));

/** An item the caller may see; a hidden one answers exactly as a missing one. */
export async function visibleRaid(db: Executor, m: TMember, raidId: string): Promise<TRaidRow> {
  const item = await findRaidItem(db, m.programmeId, raidId);
  if (!item || !canSeeRaid(m, item)) throw new NotFoundError(RAID_NOT_FOUND);
  return item;
}

export const canEditRaid = (m: TMember, owningOrganisationId: string) =>
  canEditOrganisationItem(m.role, m.organisationId, owningOrganisationId);

export function assertCanEditRaid(m: TMember, owningOrganisationId: string): void {
  if (!canEditRaid(m, owningOrganisationId))
    throw new ForbiddenError('You can only change items owned by your own organisation.');
}

/** A meeting is named only by members who see meetings; its minutes are no bidder's business. */
export function assertMayNameMeeting(m: TMember, meetingId: string | null) {
  if (meetingId && !canSeeMeetings(m)) throw new NotFoundError('That meeting does not exist.');
}

export function raidNaming(
  db: Executor,
  m: TMember,
  f: { owningOrganisationId: string; ownerUserId: string | null },
  risk: { owningOrganisationId: string } | null,
) {
  const check = naming(db, m, [f.owningOrganisationId], 'item')
    .organisation(
      'owningOrganisationId',
      f.owningOrganisationId,
      'The owning organisation must take part in this programme',
    )
    .person('ownerUserId', f.ownerUserId, 'The owner must be a member of this programme');
  if (risk) check.row('riskId', [risk.owningOrganisationId]);
  return check;
}

/** What a reader is shown of an item: its risk and meeting only when the reader may see those too. */
export function presentRaid(m: TMember, i: TRaidRow) {
  const { recommendationKey, ...rest } = i;
  return {
    ...rest,
    recommendationKey,
    risk: i.risk && canSeeRow(m.visibility, [i.risk.owningOrganisationId]) ? i.risk : null,
    meeting: i.meeting && canSeeMeetings(m) ? i.meeting : null,
    canEdit: canEditRaid(m, i.owningOrganisation.id),
  };
}
