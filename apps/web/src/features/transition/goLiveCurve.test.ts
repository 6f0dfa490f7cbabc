import { describe, expect, it } from 'vitest';
import { goLiveCurve } from './goLiveCurve';

describe('the go-live chart', () => {
  it('plots the share of runs gone live by each day, rising to 100%', () => {
    // As the API sends it: `cumulative` is the fraction of all 10,000 runs finished by that day.
    const curve = goLiveCurve([
      { date: '2027-04-01', cumulative: 0.0545 },
      { date: '2027-04-09', cumulative: 0.5014 },
      { date: '2027-04-29', cumulative: 1 },
    ]);
    expect(curve.map((p) => p.share)).toEqual([5, 50, 100]);
    expect(curve[1]!.date).toBe('9 April 2027');
  });
});
