import { addDays, type TIsoDate } from '../shared/dates';
import type { TBand, TRiskCategory, TRiskMatrix } from './risk.matrix.schema';

export type { TBand, TRiskCategory, TRiskMatrix } from './risk.matrix.schema';

/** NHS 5x5 risk matrix: consequence x likelihood, each 1-5. */
export const LEVELS = [1, 2, 3, 4, 5] as const;
export type TLevel = (typeof LEVELS)[number];
export const CONSEQUENCE_LABELS: Record<TLevel, string> = {
  1: 'Negligible',
  2: 'Minor',
  3: 'Moderate',
  4: 'Major',
  5: 'Catastrophic',
};
export const CONSEQUENCE_DESCRIPTORS: Record<TLevel, string> = {
  1: 'Minimal injury or impact; no disruption to service; negligible cost',
  2: 'Minor injury; short disruption to service; small overspend',
  3: 'Moderate harm; some disruption to service; local media interest; moderate overspend',
  4: 'Major harm; sustained loss of service; national media; major overspend or contract at risk',
  5: 'Death or permanent harm; permanent loss of service; contract failure',
};
export const LIKELIHOOD_LABELS: Record<TLevel, string> = {
  1: 'Rare',
  2: 'Unlikely',
  3: 'Possible',
  4: 'Likely',
  5: 'Almost certain',
};
export const LIKELIHOOD_DESCRIPTORS: Record<TLevel, string> = {
  1: 'Not expected to happen; may occur only in exceptional circumstances',
  2: 'Not expected, but it is possible it may occur',
  3: 'May occur occasionally',
  4: 'Will probably occur, but it is not a persistent issue',
  5: 'Will undoubtedly occur, possibly frequently',
};

export type TAssessment = { consequence: TLevel; likelihood: TLevel };

/**
 * Risk appetite as HM Treasury's Orange Book states it, from least to most willing to accept risk, each with
 * the highest target score it suggests as the category's tolerance on a 5x5 matrix.
 */
export const APPETITE_LEVELS = ['averse', 'minimal', 'cautious', 'open', 'eager'] as const;
export type TAppetite = (typeof APPETITE_LEVELS)[number];
export const APPETITE_LABELS: Record<TAppetite, string> = {
  averse: 'Averse: avoid risk and uncertainty',
  minimal: 'Minimal: ultra-safe options only',
  cautious: 'Cautious: safe options, low residual risk',
  open: 'Open: willing to consider all options',
  eager: 'Eager: innovative, accepting higher risk',
};
export const APPETITE_TOLERANCE: Record<TAppetite, number> = {
  averse: 3,
  minimal: 6,
  cautious: 10,
  open: 15,
  eager: 20,
};

/** The scores a 5x5 matrix can actually produce. */
export const POSSIBLE_SCORES: readonly number[] = [
  ...new Set(LEVELS.flatMap((c) => LEVELS.map((l) => c * l))),
].sort((a, b) => a - b);

/** Bands must be in ascending order and cover every possible score exactly once. */
export function bandCoverageProblem(bands: readonly TBand[]): string | null {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (b.min > b.max) return `Band "${b.label}" starts above where it ends`;
    if (i > 0 && b.min <= bands[i - 1]!.max) return `Band "${b.label}" overlaps the band before it`;
  }
  for (const s of POSSIBLE_SCORES) {
    if (!bands.some((b) => s >= b.min && s <= b.max)) return `No band covers a score of ${s}`;
  }
  return null;
}

/** NPSA 2008 defaults: 1-3 Low, 4-6 Moderate, 8-12 High, 15-25 Extreme; escalate at 15. */
export const DEFAULT_RISK_MATRIX: TRiskMatrix = {
  bands: [
    {
      key: 'low',
      label: 'Low',
      min: 1,
      max: 3,
      colour: '#007f3b',
      textColour: '#ffffff',
      reviewEveryDays: 90,
    },
    {
      key: 'moderate',
      label: 'Moderate',
      min: 4,
      max: 6,
      colour: '#ffeb3b',
      textColour: '#212b32',
      reviewEveryDays: 60,
    },
    {
      key: 'high',
      label: 'High',
      min: 8,
      max: 12,
      colour: '#ed8b00',
      textColour: '#212b32',
      reviewEveryDays: 30,
    },
    {
      key: 'extreme',
      label: 'Extreme',
      min: 15,
      max: 25,
      colour: '#d5281b',
      textColour: '#ffffff',
      reviewEveryDays: 14,
    },
  ],
  escalationThreshold: 15,
  categories: [
    { key: 'workforce_tupe', label: 'Workforce and TUPE', tolerance: 8 },
    { key: 'estates', label: 'Estates and facilities', tolerance: 8 },
    { key: 'it_data', label: 'IT, data and records', tolerance: 8 },
    { key: 'clinical_quality', label: 'Clinical quality and safety', tolerance: 6 },
    { key: 'finance', label: 'Finance', tolerance: 9 },
    { key: 'procurement_legal', label: 'Procurement and legal', tolerance: 8 },
    { key: 'engagement_reputation', label: 'Engagement and reputation', tolerance: 9 },
    { key: 'service_continuity', label: 'Service continuity', tolerance: 6 },
    { key: 'information_governance', label: 'Information governance', tolerance: 6 },
  ],
};

export function scoreOf(a: TAssessment): number {
  return a.consequence * a.likelihood;
}

/** The band of a list (a matrix's, or the copy a frozen pack carries) that a score falls in. */
export function bandContaining<B extends { min: number; max: number }>(
  bands: readonly B[],
  score: number,
): B | undefined {
  return bands.find((b) => score >= b.min && score <= b.max);
}

export function bandOf(score: number, matrix: TRiskMatrix = DEFAULT_RISK_MATRIX): TBand {
  const band = bandContaining(matrix.bands, score);
  if (!band) throw new RangeError(`No band covers a score of ${score}`);
  return band;
}

export function isEscalated(score: number, matrix: TRiskMatrix = DEFAULT_RISK_MATRIX): boolean {
  return score >= matrix.escalationThreshold;
}

/** Next review date: the current band's cadence counted from the last review (or the date raised). */
export function nextReviewDate(
  lastReviewed: TIsoDate,
  currentScore: number,
  matrix: TRiskMatrix = DEFAULT_RISK_MATRIX,
): TIsoDate {
  return addDays(lastReviewed, bandOf(currentScore, matrix).reviewEveryDays);
}

const CATEGORY_INDEX = new WeakMap<readonly TRiskCategory[], Map<string, TRiskCategory>>();

export function categoryOf(
  key: string,
  matrix: TRiskMatrix = DEFAULT_RISK_MATRIX,
): TRiskCategory | undefined {
  const categories = matrix.categories;
  // A frozen list (a matrix the server keeps per process) cannot change: indexed once, since a pack asks for
  // the category of every risk. The first of two categories with one key wins, as in a search.
  if (!Object.isFrozen(categories)) return categories.find((c) => c.key === key);
  let index = CATEGORY_INDEX.get(categories);
  if (!index) {
    index = new Map();
    for (const c of categories) if (!index.has(c.key)) index.set(c.key, c);
    CATEGORY_INDEX.set(categories, index);
  }
  return index.get(key);
}

/** A target the programme's appetite does not accept: it must be flagged on the register. */
export function isTargetAboveTolerance(
  targetScore: number,
  categoryKey: string,
  matrix: TRiskMatrix = DEFAULT_RISK_MATRIX,
): boolean {
  const c = categoryOf(categoryKey, matrix);
  return c !== undefined && targetScore > c.tolerance;
}

export type TTrend = 'up' | 'down' | 'steady' | 'new';

/** Direction of the last re-score: what a steering group reads from the arrow. */
export function trendOf(scoresOldestFirst: readonly number[]): TTrend {
  if (scoresOldestFirst.length < 2) return 'new';
  const last = scoresOldestFirst[scoresOldestFirst.length - 1]!;
  const previous = scoresOldestFirst[scoresOldestFirst.length - 2]!;
  return last > previous ? 'up' : last < previous ? 'down' : 'steady';
}
