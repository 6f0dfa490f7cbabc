import { describe, expect, it } from 'vitest';
import {
  canEditTemplate,
  GATEWAY_TEMPLATE,
  maySeeOthersRatings,
  moderationProblem,
  nextGatewayStatus,
  ratingSpread,
  recommendationProblem,
  rollUpDomainRating,
  scoringComplete,
  suggestedRecommendation,
  type TGatewayRating,
} from './gateway.rules';

const A = 'assured' as const;
const P = 'partially_assured' as const;
const N = 'not_assured' as const;

describe('rollUpDomainRating: the weakest criterion decides', () => {
  it.each<[(TGatewayRating | null)[], TGatewayRating | null]>([
    [[], null],
    [[A], A],
    [[A, A, A], A],
    [[A, P, A], P],
    [[P, P], P],
    [[A, N], N],
    [[P, N, A], N],
    [[A, null], null],
    [[N, null], null],
  ])('%j -> %s', (criteria, expected) => {
    expect(rollUpDomainRating(criteria)).toBe(expected);
  });
});

describe('suggestedRecommendation', () => {
  it.each<[(TGatewayRating | null)[], string | null]>([
    [[A, A], 'progress'],
    [[A, P], 'progress_with_conditions'],
    [[P, N], 'do_not_progress'],
    [[A, null], null],
    [[], null],
  ])('%j -> %s', (domains, expected) => {
    expect(suggestedRecommendation(domains)).toBe(expected);
  });
});

describe('ratingSpread', () => {
  it('counts each rating and says whether the panel agreed', () => {
    expect(ratingSpread([A, A, P])).toEqual({
      assured: 2,
      partially_assured: 1,
      not_assured: 0,
      agreed: false,
    });
    expect(ratingSpread([N, N])).toEqual({ assured: 0, partially_assured: 0, not_assured: 2, agreed: true });
    expect(ratingSpread([])).toEqual({ assured: 0, partially_assured: 0, not_assured: 0, agreed: false });
  });
});

describe('status path and template editing', () => {
  it.each([
    ['draft', 'scoring'],
    ['scoring', 'moderation'],
    ['moderation', 'decided'],
    ['decided', null],
  ] as const)('%s -> %s', (from, to) => {
    expect(nextGatewayStatus(from)).toBe(to);
  });
  it('edits the template only in draft', () => {
    expect(canEditTemplate('draft')).toBe(true);
    expect(canEditTemplate('scoring')).toBe(false);
    expect(canEditTemplate('decided')).toBe(false);
  });
});

describe('scoringComplete', () => {
  it.each<[number, number[], boolean]>([
    [3, [3, 3], true],
    [3, [3, 2], false],
    [3, [], false],
    [0, [0], false],
  ])('%i criteria, panel counts %j -> %s', (criteria, counts, expected) => {
    expect(scoringComplete(criteria, counts)).toBe(expected);
  });
});

describe('maySeeOthersRatings: independent scoring', () => {
  it.each<[Parameters<typeof maySeeOthersRatings>[0], number, number, boolean]>([
    ['draft', 0, 3, false],
    ['scoring', 2, 3, false],
    ['scoring', 3, 3, true],
    ['scoring', 0, 0, false],
    ['moderation', 0, 3, true],
    ['decided', 0, 3, true],
  ])('%s, own %i of %i -> %s', (status, own, total, expected) => {
    expect(maySeeOthersRatings(status, own, total)).toBe(expected);
  });
});

describe('recommendationProblem', () => {
  it.each([
    ['progress', 0, null],
    ['progress', 1, 'Conditions belong only to "progress with conditions"'],
    ['progress_with_conditions', 0, 'Add at least one condition, or choose another recommendation'],
    ['progress_with_conditions', 2, null],
    ['do_not_progress', 0, null],
  ] as const)('%s with %i conditions', (rec, n, expected) => {
    expect(recommendationProblem(rec, n)).toBe(expected);
  });
});

describe('GATEWAY_TEMPLATE', () => {
  it('holds the eight Suffolk domains, each with criteria', () => {
    expect(GATEWAY_TEMPLATE.map((d) => d.name)).toEqual([
      'Alliance commitment',
      'Service management',
      'Service delivery',
      'HR including TUPE',
      'Governance',
      'IT',
      'Mobilisation',
      'Cost',
    ]);
    for (const d of GATEWAY_TEMPLATE) expect(d.criteria.length).toBeGreaterThanOrEqual(3);
  });
});

describe('moderationProblem: the decision waits for every agreed rating', () => {
  const c = (agreedRating: 'assured' | 'not_assured' | null) => ({ agreedRating });
  it('is satisfied when every criterion and domain is agreed', () => {
    expect(
      moderationProblem([{ agreedRating: 'assured', criteria: [c('assured'), c('assured')] }]),
    ).toBeNull();
  });
  it('counts what is still to agree, criteria and domains', () => {
    expect(
      moderationProblem([
        { agreedRating: null, criteria: [c(null), c('assured')] },
        { agreedRating: null, criteria: [c(null), c(null)] },
      ]),
    ).toBe(
      'Agree a moderated rating for every criterion and domain first: 3 criteria and 2 domains still to agree.',
    );
    expect(moderationProblem([{ agreedRating: 'assured', criteria: [c(null)] }])).toContain(
      '1 criterion still',
    );
    expect(moderationProblem([{ agreedRating: null, criteria: [c('not_assured')] }])).toContain(
      ': 1 domain still',
    );
  });
});
