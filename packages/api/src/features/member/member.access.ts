import type { TAuditAudience, TMemberRow } from '@baton/db';

/*
 * Members are seen with their organisation: a bidder sees only its own people (listMembers takes the
 * member's visibility). Programme admins (members.manage) invite, re-invite, change roles and remove.
 */

export const MEMBER_NOT_FOUND = 'That member is no longer part of this programme.';

export const memberAuditAudience = (m: Pick<TMemberRow, 'organisation'>): TAuditAudience => ({
  kind: 'owners',
  organisationIds: [m.organisation.id],
});
