import { describe, expect, it } from 'vitest';
import { levelsFromScore, parseScoreCell, scoreOrderOf } from './risk-import.scores';

describe('score cells as registers write them', () => {
  it.each([
    ['4x3=12', 'CL', 4, 3],
    ['4 x 3 = 12', 'CL', 4, 3],
    ['4×3', 'CL', 4, 3],
    ['4*3=12 (High)', 'CL', 4, 3],
    ['12 (4x3)', 'CL', 4, 3],
    ['C4 L3', 'CL', 4, 3],
    ['L3 C4', 'CL', 4, 3],
    ['C4xL3=12', 'CL', 4, 3],
    ['C=4, L=3', 'CL', 4, 3],
    ['I4 P3', 'CL', 4, 3],
    ['3x4=12', 'LC', 4, 3],
    ['L3 C4', 'LC', 4, 3],
  ] as const)('%s (%s) is consequence %i, likelihood %i', (text, order, c, l) => {
    expect(parseScoreCell(text, order)).toEqual({ kind: 'pair', consequence: c, likelihood: l });
  });

  it.each([
    ['12', 12],
    ['12 - High', 12],
    ['25.0', 25],
    ['High (16)', 16],
  ])('%s is a bare score of %i', (text, score) => {
    expect(parseScoreCell(text)).toEqual({ kind: 'score', score });
  });

  it('rejects what is not a score, saying why', () => {
    expect(parseScoreCell('4x3=13')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/not 13/),
    });
    expect(parseScoreCell('7')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/not a score/),
    });
    expect(parseScoreCell('30')).toMatchObject({ kind: 'error', message: expect.stringMatching(/1 to 25/) });
    expect(parseScoreCell('6x3')).toMatchObject({ kind: 'error' });
    expect(parseScoreCell('High')).toMatchObject({ kind: 'error' });
    expect(parseScoreCell('  ')).toBeNull();
  });

  it('reads which number comes first from the heading', () => {
    expect(scoreOrderOf('Current score (CxL=S)')).toBe('CL');
    expect(scoreOrderOf('Residual risk (C x L)')).toBe('CL');
    expect(scoreOrderOf('Score (L x C)')).toBe('LC');
    expect(scoreOrderOf('Likelihood x Impact')).toBe('LC');
    expect(scoreOrderOf('Impact x Likelihood')).toBe('CL');
    expect(scoreOrderOf('Risk score')).toBe('CL');
  });

  it('finds consequence and likelihood from a score only where that is unambiguous', () => {
    expect(levelsFromScore(25, {})).toEqual({ consequence: 5, likelihood: 5 });
    expect(levelsFromScore(9, {})).toEqual({ consequence: 3, likelihood: 3 });
    expect(levelsFromScore(12, { likelihood: 3 })).toEqual({ consequence: 4, likelihood: 3 });
    expect(levelsFromScore(12, {})).toMatchObject({ error: expect.stringMatching(/could be .* or /) });
    expect(levelsFromScore(12, { consequence: 5 })).toMatchObject({
      error: expect.stringMatching(/does not match/),
    });
  });
});
