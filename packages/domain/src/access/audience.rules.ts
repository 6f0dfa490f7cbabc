import type { TPartyRole } from '../programme/programme.schema';
import { isPublicPartyRole, type TVisibility } from './access.rules';

/*
 * Who sees a row, and so what it may name. In a live procurement a bidder's members see only their own
 * organisation's rows (and the commissioners'); everyone else in the programme sees every row. A row may name
 * an organisation or a person, or point at another row, only when everyone who can see the row may also see
 * what it names: otherwise a bidder would read its rival's name in its own register. These rules are pure;
 * the API's access modules feed them the programme's parties.
 */

/** The programme's parties, by organisation: who is a commissioner (public) and who is isolated (a bidder). */
export interface TPartyDirectory {
  /** Organisations taking part in the programme. */
  isParty(organisationId: string): boolean;
  /** A commissioner: every member of the programme may see it. */
  isPublic(organisationId: string): boolean;
  /** Takes part only as a bidder: its members see only its own rows. */
  isIsolated(organisationId: string): boolean;
}

export function partyDirectory(
  parties: ReadonlyArray<{ organisationId: string; role: TPartyRole }>,
): TPartyDirectory {
  const roles = new Map<string, TPartyRole[]>();
  for (const p of parties) roles.set(p.organisationId, [...(roles.get(p.organisationId) ?? []), p.role]);
  return {
    isParty: (id) => roles.has(id),
    isPublic: (id) => (roles.get(id) ?? []).some(isPublicPartyRole),
    isIsolated: (id) => {
      const r = roles.get(id) ?? [];
      return r.length > 0 && r.every((x) => x === 'bidder');
    },
  };
}

/**
 * May a member with this visibility see an organisation (its name, its people)? Everyone sees commissioners;
 * a bidder sees only itself besides them.
 */
export function canSeeOrganisation(
  visibility: TVisibility,
  directory: TPartyDirectory,
  organisationId: string,
): boolean {
  if (visibility.kind === 'all') return true;
  return organisationId === visibility.organisationId || directory.isPublic(organisationId);
}

/**
 * Can everyone who sees a row whose own-scope audience is `audience` (the organisations whose isolated
 * members see it: a risk's owner, a transfer's outgoing and incoming providers) also see an organisation?
 */
export function audienceSeesOrganisation(
  directory: TPartyDirectory,
  audience: readonly string[],
  organisationId: string,
): boolean {
  return audience.every(
    (a) => !directory.isIsolated(a) || a === organisationId || directory.isPublic(organisationId),
  );
}

/**
 * Can everyone who sees a row with `audience` also see another row, owned by `owners` (null: a programme-wide
 * row everyone sees)? An isolated organisation sees a row only when it is one of the row's owners.
 */
export function audienceSeesRow(
  directory: TPartyDirectory,
  audience: readonly string[],
  owners: readonly string[] | null,
): boolean {
  if (owners === null) return true;
  return audience.every((a) => !directory.isIsolated(a) || owners.includes(a));
}

/** May a member with this visibility see a row owned by `owners` (null: programme-wide)? */
export function canSeeRow(visibility: TVisibility, owners: readonly string[] | null): boolean {
  if (visibility.kind === 'all' || owners === null) return true;
  return owners.includes(visibility.organisationId);
}
