import { describe, expect, it } from 'vitest';
import {
  categoryOf,
  bandCoverageProblem,
  bandOf,
  DEFAULT_RISK_MATRIX,
  isEscalated,
  isTargetAboveTolerance,
  LEVELS,
  nextReviewDate,
  scoreOf,
  trendOf,
} from './risk.matrix';
import { ZAssessment, ZRiskMatrix, ZRiskMatrixUpdate } from './risk.matrix.schema';

/** Every cell of the NPSA 2008 matrix: [consequence, likelihood, score, band, escalated]. */
const CELLS: Array<[number, number, number, string, boolean]> = [
  [1, 1, 1, 'low', false],
  [1, 2, 2, 'low', false],
  [1, 3, 3, 'low', false],
  [1, 4, 4, 'moderate', false],
  [1, 5, 5, 'moderate', false],
  [2, 1, 2, 'low', false],
  [2, 2, 4, 'moderate', false],
  [2, 3, 6, 'moderate', false],
  [2, 4, 8, 'high', false],
  [2, 5, 10, 'high', false],
  [3, 1, 3, 'low', false],
  [3, 2, 6, 'moderate', false],
  [3, 3, 9, 'high', false],
  [3, 4, 12, 'high', false],
  [3, 5, 15, 'extreme', true],
  [4, 1, 4, 'moderate', false],
  [4, 2, 8, 'high', false],
  [4, 3, 12, 'high', false],
  [4, 4, 16, 'extreme', true],
  [4, 5, 20, 'extreme', true],
  [5, 1, 5, 'moderate', false],
  [5, 2, 10, 'high', false],
  [5, 3, 15, 'extreme', true],
  [5, 4, 20, 'extreme', true],
  [5, 5, 25, 'extreme', true],
];

describe('the default 5x5 matrix, cell by cell', () => {
  it('covers all 25 cells', () => expect(CELLS).toHaveLength(25));
  it.each(CELLS)(
    'consequence %i x likelihood %i = %i, band %s, escalated %s',
    (c, l, score, band, escalated) => {
      const a = ZAssessment.parse({ consequence: c, likelihood: l });
      expect(scoreOf(a)).toBe(score);
      expect(bandOf(score).key).toBe(band);
      expect(isEscalated(score)).toBe(escalated);
    },
  );
});

describe('assessment validation', () => {
  it.each([0, 6, 2.5, -1, Number.NaN])('rejects a level of %s with a clear message', (v) => {
    const r = ZAssessment.safeParse({ consequence: v, likelihood: 3 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/1 to 5/);
  });
  it('rejects a missing level', () => {
    expect(ZAssessment.safeParse({ consequence: 3 }).success).toBe(false);
  });
});

describe('configurable bands', () => {
  it('the default bands cover every possible score once', () => {
    expect(bandCoverageProblem(DEFAULT_RISK_MATRIX.bands)).toBeNull();
    expect(ZRiskMatrix.safeParse(DEFAULT_RISK_MATRIX).success).toBe(true);
  });
  it('a trust with 1-4 green and 5-9 yellow bands gets its own labels', () => {
    const bands = [
      {
        key: 'green',
        label: 'Green',
        min: 1,
        max: 4,
        colour: '#007f3b',
        textColour: '#ffffff',
        reviewEveryDays: 90,
      },
      {
        key: 'yellow',
        label: 'Yellow',
        min: 5,
        max: 9,
        colour: '#ffeb3b',
        textColour: '#212b32',
        reviewEveryDays: 60,
      },
      {
        key: 'red',
        label: 'Red',
        min: 10,
        max: 25,
        colour: '#d5281b',
        textColour: '#ffffff',
        reviewEveryDays: 7,
      },
    ];
    const m = ZRiskMatrix.parse({ ...DEFAULT_RISK_MATRIX, bands, escalationThreshold: 12 });
    expect(bandOf(4, m).label).toBe('Green');
    expect(bandOf(10, m).label).toBe('Red');
    expect(isEscalated(12, m)).toBe(true);
    expect(nextReviewDate('2026-11-23', 10, m)).toBe('2026-11-30');
  });
  it.each([
    [
      [
        { min: 1, max: 3 },
        { min: 5, max: 25 },
      ],
      'No band covers a score of 4',
    ],
    [
      [
        { min: 1, max: 6 },
        { min: 5, max: 25 },
      ],
      'overlaps',
    ],
    [
      [
        { min: 1, max: 12 },
        { min: 15, max: 20 },
      ],
      'No band covers a score of 25',
    ],
  ])('rejects bands %j', (ranges, message) => {
    const bands = ranges.map((r, i) => ({
      key: `b${i}`,
      label: `B${i}`,
      colour: '#000000',
      textColour: '#ffffff',
      reviewEveryDays: 30,
      ...r,
    }));
    const parsed = ZRiskMatrix.safeParse({ ...DEFAULT_RISK_MATRIX, bands });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
  it('12 is the gap between High and Extreme: no score of 13 or 14 exists', () => {
    const scores = new Set(LEVELS.flatMap((c) => LEVELS.map((l) => c * l)));
    expect(scores.has(13) || scores.has(14)).toBe(false);
  });
});

describe('review cadence by band', () => {
  it.each([
    [2, '2027-02-21'],
    [6, '2027-01-22'],
    [12, '2026-12-23'],
    [20, '2026-12-07'],
  ])('a current score of %i reviewed on 2026-11-23 is next due %s', (score, due) => {
    expect(nextReviewDate('2026-11-23', score)).toBe(due);
  });
});

describe('appetite and tolerance', () => {
  it.each([
    ['clinical_quality', 6, false],
    ['clinical_quality', 8, true],
    ['finance', 9, false],
    ['finance', 10, true],
    ['unknown_category', 25, false],
  ])('a %s target of %i is above tolerance: %s', (category, target, flagged) => {
    expect(isTargetAboveTolerance(target, category)).toBe(flagged);
  });
});

describe('trend', () => {
  it.each([
    [[12], 'new'],
    [[12, 16], 'up'],
    [[16, 12], 'down'],
    [[9, 12, 12], 'steady'],
  ] as const)('%j is %s', (scores, trend) => {
    expect(trendOf(scores)).toBe(trend);
  });
});

describe('setting the matrix', () => {
  it('the default bands read at AA contrast, and a band whose text does not is refused with the ratio', async () => {
    expect(ZRiskMatrixUpdate.safeParse(DEFAULT_RISK_MATRIX).success).toBe(true);
    const pale = {
      ...DEFAULT_RISK_MATRIX,
      bands: DEFAULT_RISK_MATRIX.bands.map((b, i) => (i === 1 ? { ...b, textColour: '#ffffff' } : b)),
    };
    const r = ZRiskMatrixUpdate.safeParse(pale);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['bands', 1, 'textColour']);
    expect(r.error!.issues[0]!.message).toMatch(/needs 4\.5:1 \(try near-black\)/);
  });

  it('each Orange Book appetite suggests a tolerance, averse lowest', async () => {
    const { APPETITE_LEVELS, APPETITE_TOLERANCE } = await import('./risk.matrix');
    const t = APPETITE_LEVELS.map((a) => APPETITE_TOLERANCE[a]);
    expect([...t].sort((a, b) => a - b)).toEqual(t);
  });
});

describe('the category of a key', () => {
  const categories = [
    { ...DEFAULT_RISK_MATRIX.categories[0]!, key: 'one', label: 'First' },
    { ...DEFAULT_RISK_MATRIX.categories[1]!, key: 'two', label: 'Second' },
    { ...DEFAULT_RISK_MATRIX.categories[2]!, key: 'one', label: 'Duplicate' },
  ];
  it('is the first category with that key, whether or not the matrix is frozen', () => {
    const open = { ...DEFAULT_RISK_MATRIX, categories };
    const frozen = {
      ...DEFAULT_RISK_MATRIX,
      categories: Object.freeze([...categories]) as typeof categories,
    };
    for (const m of [open, frozen]) {
      expect(categoryOf('one', m)?.label).toBe('First');
      expect(categoryOf('two', m)?.label).toBe('Second');
      expect(categoryOf('three', m)).toBeUndefined();
    }
  });
  it('follows a list that is not frozen when it changes', () => {
    const m = { ...DEFAULT_RISK_MATRIX, categories: [...categories] };
    expect(categoryOf('three', m)).toBeUndefined();
    m.categories.push({ ...categories[1]!, key: 'three', label: 'Third' });
    expect(categoryOf('three', m)?.label).toBe('Third');
  });
});
