import {
  bandOf,
  isActionOverdue,
  isReviewOverdue,
  isTargetAboveTolerance,
  riskReference,
  trendOf,
  type TRiskMatrix,
} from '@baton/domain';
import type { TActionRow, TRiskRow } from '@baton/db';

/** What every screen shows beside a stored risk: band, trend, tolerance and review flags. */
export function presentRisk(r: TRiskRow, matrix: TRiskMatrix, today: string, scoreHistory?: number[]) {
  return {
    ...r,
    reference: riskReference(r.number),
    band: {
      initial: bandOf(r.initial.score, matrix).key,
      current: bandOf(r.current.score, matrix).key,
      target: bandOf(r.target.score, matrix).key,
    },
    targetAboveTolerance: isTargetAboveTolerance(r.target.score, r.categoryKey, matrix),
    reviewOverdue: isReviewOverdue(r, today),
    ...(scoreHistory ? { trend: trendOf(scoreHistory), scoreHistory } : {}),
  };
}

export function presentAction(a: TActionRow, today: string) {
  return { ...a, overdue: isActionOverdue(a, today) };
}
