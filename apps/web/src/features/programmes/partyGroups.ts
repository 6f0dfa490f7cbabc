import type { TPartyRole } from '@baton/domain';
import type { Lot, Party } from '../../lib/trpc';

/** The order parties are listed in: who buys, who hands over, who takes over, then everyone else. */
export const PARTY_ROLE_ORDER: TPartyRole[] = [
  'lead_commissioner',
  'co_commissioner',
  'outgoing_provider',
  'incoming_provider',
  'partner',
  'bidder',
];

export const PARTY_ROLE_HEADINGS: Record<TPartyRole, string> = {
  lead_commissioner: 'Lead commissioner',
  co_commissioner: 'Co-commissioners',
  outgoing_provider: 'Outgoing providers',
  incoming_provider: 'Incoming providers',
  partner: 'Partners',
  bidder: 'Bidders',
};

export interface OrganisationInRole {
  organisation: Party['organisation'];
  /** One entry per party row: the whole programme (lotId null) or one lot. */
  parties: Party[];
}

/** Parties grouped by role (in PARTY_ROLE_ORDER), then by organisation, so each organisation shows once per role. */
export function groupParties(
  parties: Party[],
): Array<{ role: TPartyRole; organisations: OrganisationInRole[] }> {
  return PARTY_ROLE_ORDER.map((role) => {
    const byOrg = new Map<string, OrganisationInRole>();
    for (const party of parties.filter((p) => p.role === role)) {
      const entry = byOrg.get(party.organisation.id) ?? { organisation: party.organisation, parties: [] };
      entry.parties.push(party);
      byOrg.set(party.organisation.id, entry);
    }
    const organisations = [...byOrg.values()].sort((a, b) =>
      a.organisation.name.localeCompare(b.organisation.name),
    );
    return { role, organisations };
  }).filter((g) => g.organisations.length > 0);
}

export interface Handover {
  /** null: parties named for the whole programme rather than one lot. */
  lot: Lot | null;
  outgoing: Party['organisation'][];
  incoming: Party['organisation'][];
}

function uniqueOrganisations(parties: Party[]): Party['organisation'][] {
  const seen = new Map<string, Party['organisation']>();
  for (const p of parties) seen.set(p.organisation.id, p.organisation);
  return [...seen.values()];
}

/**
 * Who hands over to whom, lot by lot. A provider named for the whole programme takes part in every lot.
 * Without lots, one row for the whole programme.
 */
export function handovers(lots: Lot[], parties: Party[]): Handover[] {
  const forLot = (role: TPartyRole, lotId: string | null) =>
    uniqueOrganisations(parties.filter((p) => p.role === role && (p.lotId === null || p.lotId === lotId)));
  const rows: Handover[] =
    lots.length === 0
      ? [
          {
            lot: null,
            outgoing: forLot('outgoing_provider', null),
            incoming: forLot('incoming_provider', null),
          },
        ]
      : lots.map((lot) => ({
          lot,
          outgoing: forLot('outgoing_provider', lot.id),
          incoming: forLot('incoming_provider', lot.id),
        }));
  return rows.filter((r) => r.outgoing.length > 0 || r.incoming.length > 0);
}
