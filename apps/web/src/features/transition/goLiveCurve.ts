import { formatDate } from '../../lib/format';

/**
 * The go-live chart's points: for each day, the percentage of simulated runs gone live by its end. The API's
 * `cumulative` is already that share as a fraction of all runs (the domain's S-curve), so it is only scaled.
 */
export function goLiveCurve(histogram: ReadonlyArray<{ date: string; cumulative: number }>) {
  return histogram.map((b) => ({ date: formatDate(b.date), share: Math.round(b.cumulative * 100) }));
}
