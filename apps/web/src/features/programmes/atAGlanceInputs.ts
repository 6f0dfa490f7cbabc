import { addDays } from '@baton/domain';

/* What the programme home's "at a glance" asks for: one definition for the cards and the prefetch at start-up. */

export function topRisksInput(programmeId: string) {
  return {
    programmeId,
    filter: { statuses: ['open' as const] },
    sort: 'score' as const,
    direction: 'desc' as const,
    limit: 5,
  };
}

/** The last four weeks of the register's changes. */
export function recentChangesInput(programmeId: string, today: string) {
  return { programmeId, from: addDays(today, -28), to: today };
}
