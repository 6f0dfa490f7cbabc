import type { TIsoDate } from '../shared/dates';
import type { TActionStatus, TRiskStatus } from './risk.schema';
import { isEscalated, nextReviewDate, scoreOf, type TAssessment, type TRiskMatrix } from './risk.matrix';

/** Not started or in progress: an action someone still has to do. */
export function isActionOpen(status: TActionStatus): boolean {
  return status === 'not_started' || status === 'in_progress';
}

export function isActionOverdue(a: { status: TActionStatus; dueDate: TIsoDate }, today: TIsoDate): boolean {
  return isActionOpen(a.status) && a.dueDate < today;
}

/** Only live risks are reviewed on a cadence; closed and materialised ones leave the review cycle. */
export function isLive(status: TRiskStatus): boolean {
  return status === 'open' || status === 'draft';
}

/**
 * What board figures count (the steering pack, its profile, joint progress): open risks only. A draft is a
 * proposal nobody has accepted onto the register yet; the register shows drafts to those who work on them,
 * and the pack says how many there are, but no figure a board reads counts one as an open risk.
 */
export const BOARD_STATUSES: readonly TRiskStatus[] = ['open'];
export const countsOnBoard = (status: TRiskStatus) => status === 'open';

export function isReviewOverdue(
  r: { status: TRiskStatus; nextReviewOn: TIsoDate },
  today: TIsoDate,
): boolean {
  return isLive(r.status) && r.nextReviewOn < today;
}

/** Reference numbers as registers print them, R-1203. */
export function riskReference(n: number): string {
  return `R-${String(n).padStart(3, '0')}`;
}

export function parseRiskReference(ref: string): number | null {
  const m = /^R-(\d{1,6})$/i.exec(ref.trim());
  return m ? Number(m[1]) : null;
}

/** The derived columns a stored risk carries so the register can filter and sort on them in SQL. */
export function derivedRiskColumns(
  r: { initial: TAssessment; current: TAssessment; target: TAssessment; lastReviewedOn: TIsoDate },
  matrix: TRiskMatrix,
) {
  const currentScore = scoreOf(r.current);
  return {
    initialScore: scoreOf(r.initial),
    currentScore,
    targetScore: scoreOf(r.target),
    escalated: isEscalated(currentScore, matrix),
    nextReviewOn: nextReviewDate(r.lastReviewedOn, currentScore, matrix),
  };
}
