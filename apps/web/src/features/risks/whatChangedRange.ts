import { addDays } from '@baton/domain';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dates a "what changed" address asks for (`?from=`, `?to=`; by default the four weeks to today): one
 * definition for the page and the prefetch at start-up.
 */
export function whatChangedRange(params: URLSearchParams, today: string): { from: string; to: string } {
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const to = toParam && ISO.test(toParam) ? toParam : today;
  return { from: fromParam && ISO.test(fromParam) ? fromParam : addDays(to, -28), to };
}
