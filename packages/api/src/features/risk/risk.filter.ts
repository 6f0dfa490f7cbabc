import type { TRiskFilter } from '@baton/db';
import type { TRiskMatrix, TVisibility } from '@baton/domain';
import type { TRiskFilterInput } from './risk.schema';

/** Turns the client's filter (band keys, tolerance flag) into the repository's (score ranges, pairs). */
export function toRepositoryFilter(
  programmeId: string,
  f: TRiskFilterInput,
  matrix: TRiskMatrix,
  today: string,
  visibility: TVisibility,
): TRiskFilter {
  return {
    programmeId,
    today,
    visibility,
    scoreRanges: f.bandKeys?.length
      ? matrix.bands.filter((b) => f.bandKeys!.includes(b.key)).map((b) => ({ min: b.min, max: b.max }))
      : undefined,
    categoryKeys: f.categoryKeys,
    ownerUserIds: f.ownerUserIds,
    organisationIds: f.organisationIds,
    statuses: f.statuses,
    lotId: f.lotId,
    workstream: f.workstream,
    overdueReview: f.overdueReview,
    escalated: f.escalated,
    aboveTolerance: f.aboveTolerance
      ? matrix.categories.map((c) => ({ categoryKey: c.key, tolerance: c.tolerance }))
      : undefined,
    overdueActions: f.overdueActions,
    search: f.search,
    cell: f.cell,
  };
}
