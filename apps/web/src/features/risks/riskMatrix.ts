import { useQuery } from '@tanstack/react-query';
import {
  bandContaining,
  CONSEQUENCE_DESCRIPTORS,
  CONSEQUENCE_LABELS,
  LEVELS,
  LIKELIHOOD_DESCRIPTORS,
  LIKELIHOOD_LABELS,
  type TLevel,
} from '@baton/domain';
import { useTRPC } from '../../lib/trpc';
import type { RiskMatrix } from './types';

/** The programme's matrix (bands, categories, escalation threshold), shared by every risk screen. */
export function useRiskMatrix(programmeId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.risk.matrix.queryOptions({ programmeId }), staleTime: 5 * 60_000 });
}

/** The band a score falls in, under the programme's own bands (or a frozen pack's). */
export const bandForScore = bandContaining;

export function categoryLabel(matrix: RiskMatrix | undefined, key: string): string {
  return matrix?.categories.find((c) => c.key === key)?.label ?? key;
}

export const consequenceLabel = (n: number) => CONSEQUENCE_LABELS[n as TLevel] ?? String(n);
export const likelihoodLabel = (n: number) => LIKELIHOOD_LABELS[n as TLevel] ?? String(n);

export const CONSEQUENCE_OPTIONS = LEVELS.map((n) => ({
  value: String(n),
  label: `${n} ${CONSEQUENCE_LABELS[n]}`,
  description: CONSEQUENCE_DESCRIPTORS[n],
}));
export const LIKELIHOOD_OPTIONS = LEVELS.map((n) => ({
  value: String(n),
  label: `${n} ${LIKELIHOOD_LABELS[n]}`,
  description: LIKELIHOOD_DESCRIPTORS[n],
}));
