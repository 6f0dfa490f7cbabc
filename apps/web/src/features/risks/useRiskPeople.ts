import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { canEditOrganisationItem, can as roleCan } from '@baton/domain';
import { useTRPC } from '../../lib/trpc';
import { useProgramme } from '../programmes/useProgramme';

export interface Option {
  value: string;
  label: string;
}

/**
 * Who and what a risk can name: the programme's members (owners), its parties' organisations, its lots,
 * and which organisations' risks the signed-in member may change. The server checks all of it again.
 */
export function useRiskPeople(programmeId: string) {
  const trpc = useTRPC();
  const programme = useProgramme(programmeId);
  const members = useQuery(trpc.member.list.queryOptions({ programmeId }));
  const me = programme.me;

  // Sorted once per answer, not on every render of the page that asks (the register renders often).
  const owners: Option[] = useMemo(
    () =>
      (members.data ?? [])
        .map((m) => ({ value: m.userId, label: `${m.name} (${m.organisation.shortName})` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [members.data],
  );
  const parties = programme.overview.data?.parties;
  const { orgs, organisations } = useMemo(() => {
    const orgs = new Map<string, { id: string; name: string; shortName: string }>();
    for (const p of parties ?? []) orgs.set(p.organisation.id, p.organisation);
    const organisations: Option[] = [...orgs.values()]
      .map((o) => ({ value: o.id, label: o.name === o.shortName ? o.name : `${o.name} (${o.shortName})` }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return { orgs, organisations };
  }, [parties]);
  const lots: Option[] = (programme.overview.data?.lots ?? []).map((l) => ({
    value: l.id,
    label: `${l.code}: ${l.name}`,
  }));
  const canEditFor = (organisationId: string) =>
    me ? canEditOrganisationItem(me.role, me.organisationId, organisationId) : false;
  /** Organisations this member may own a risk for: all of them, or only their own. */
  const ownableOrganisations =
    me && roleCan(me.role, 'items.editAny')
      ? organisations
      : organisations.filter((o) => o.value === me?.organisationId);
  return {
    me,
    programme,
    members,
    owners,
    organisations,
    ownableOrganisations,
    lots,
    canEditFor,
    canCreate: me ? roleCan(me.role, 'items.editOwn') : false,
    organisationName: (id: string) => orgs.get(id)?.name ?? 'Unknown organisation',
    lotName: (id: string) => lots.find((l) => l.value === id)?.label ?? 'Unknown lot',
  };
}
