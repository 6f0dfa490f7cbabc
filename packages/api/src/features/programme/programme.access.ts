import { canSeeOrganisation, isPublicPartyRole, type TPartyDirectory } from '@baton/domain';
import type { TAuditAudience, TPartyRow } from '@baton/db';
import type { TMember } from '../../access/membership';

/*
 * The programme itself, its lots, key dates and matrix are public to its members. Its parties are not: a
 * bidder sees the commissioners (it needs to know who is buying) and itself, never another bidder.
 */

export const programmeAuditAudience: TAuditAudience = { kind: 'public' };

export const canSeeParty = (
  m: TMember,
  directory: TPartyDirectory,
  p: Pick<TPartyRow, 'role' | 'organisation'>,
) => isPublicPartyRole(p.role) || canSeeOrganisation(m.visibility, directory, p.organisation.id);

/** Events about a party are read by its organisation (and everyone who sees every organisation). */
export const partyAuditAudience = (p: Pick<TPartyRow, 'role' | 'organisation'>): TAuditAudience =>
  isPublicPartyRole(p.role) ? { kind: 'public' } : { kind: 'owners', organisationIds: [p.organisation.id] };
