import {
  MEMBERSHIP_ROLE_DESCRIPTIONS,
  MEMBERSHIP_ROLE_LABELS,
  ORGANISATION_KIND_LABELS,
  PARTY_ROLE_LABELS,
  PROCUREMENT_ROUTE_LABELS,
  PROGRAMME_STAGE_LABELS,
} from '@baton/domain';

/** Look a code up in one of the domain's label maps; an unknown code shows as itself rather than blank. */
function lookup(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return 'Not set';
  return labels[code] ?? code;
}

export const stageLabel = (code: string) => lookup(PROGRAMME_STAGE_LABELS, code);
export const routeLabel = (code: string) => lookup(PROCUREMENT_ROUTE_LABELS, code);
export const partyRoleLabel = (code: string) => lookup(PARTY_ROLE_LABELS, code);
export const organisationKindLabel = (code: string) => lookup(ORGANISATION_KIND_LABELS, code);
export const membershipRoleLabel = (code: string) => lookup(MEMBERSHIP_ROLE_LABELS, code);
export const membershipRoleDescription = (code: string) => lookup(MEMBERSHIP_ROLE_DESCRIPTIONS, code);

/** { value, label } pairs for a Select, in the domain's order. */
export function optionsOf(labels: Record<string, string>): Array<{ value: string; label: string }> {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
