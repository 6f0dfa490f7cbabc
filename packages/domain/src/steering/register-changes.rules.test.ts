import { describe, expect, it } from 'vitest';
import {
  classifyChanges,
  countChanges,
  pairRegisters,
  type TChangeKind,
  type TRiskState,
} from './register-changes.rules';

const s = (score: number, over: Partial<TRiskState> = {}): TRiskState => ({
  consequence: score >= 5 ? 5 : score,
  likelihood: score >= 5 ? score / 5 : 1,
  score,
  status: 'open',
  escalated: score >= 15,
  ...over,
});

const kindsOf = (from: TRiskState | null, to: TRiskState): TChangeKind[] => {
  const c = countChanges(classifyChanges([{ risk: 'R', from, to }]));
  return (Object.keys(c) as TChangeKind[]).filter((k) => c[k] > 0);
};

describe('classifying what changed between two dates', () => {
  it.each<[string, TRiskState | null, TRiskState, TChangeKind[]]>([
    ['a risk raised in the window', null, s(8), ['new']],
    ['a new risk already at the escalation threshold', null, s(20), ['new', 'escalated']],
    ['a new risk raised as an issue', null, s(10, { status: 'materialised' }), ['new', 'materialised']],
    ['re-scored up within a band', s(8), s(10), ['rescoredUp']],
    ['re-scored up across the threshold', s(12), s(15), ['rescoredUp', 'escalated']],
    ['re-scored down below the threshold', s(20), s(10), ['rescoredDown', 'deescalated']],
    ['closed at the same score', s(6), s(6, { status: 'closed' }), ['closed']],
    ['closed with a lower final score', s(6), s(2, { status: 'closed' }), ['rescoredDown', 'closed']],
    ['materialised', s(12), s(12, { status: 'materialised' }), ['materialised']],
    ['re-opened after closure', s(4, { status: 'closed' }), s(4), ['reopened']],
    ['a draft confirmed as open is not a re-opening', s(4, { status: 'draft' }), s(4), []],
    ['same score, consequence and likelihood swapped', s(10), s(10, { consequence: 2, likelihood: 5 }), []],
    ['escalated by a lower threshold without a re-score', s(12), s(12, { escalated: true }), ['escalated']],
  ])('%s', (_label, from, to, kinds) => {
    expect(kindsOf(from, to)).toEqual(kinds);
  });
});

describe('pairing two registers by risk', () => {
  const reg = (id: string, state: TRiskState) => ({ id, state });
  it('pairs by id, keeps only risks whose state differs, and treats unknown ids as new', () => {
    const before = [reg('a', s(8)), reg('b', s(12)), reg('c', s(4))];
    const after = [reg('a', s(8)), reg('b', s(16)), reg('c', s(4, { status: 'closed' })), reg('d', s(3))];
    const pairs = pairRegisters(before, after);
    expect(pairs.map((p) => [p.risk.id, p.from?.score ?? null, p.to.score])).toEqual([
      ['b', 12, 16],
      ['c', 4, 4],
      ['d', null, 3],
    ]);
    const c = countChanges(classifyChanges(pairs));
    expect(c).toMatchObject({ new: 1, rescoredUp: 1, escalated: 1, closed: 1, rescoredDown: 0 });
  });

  it('ignores a risk that disappeared (risks are closed, not deleted)', () => {
    expect(pairRegisters([reg('gone', s(9))], [])).toEqual([]);
  });
});
