import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_MATRIX } from '../risk/risk.matrix';
import type { TRiskState } from './register-changes.rules';
import {
  closesRisk,
  RECOMMENDATION_CAPS,
  recommendationsFor,
  type TRecommendationInput,
  type TRecommendationRisk,
} from './recommendations.rules';

const state = (score: number, o: Partial<TRiskState> = {}): TRiskState => ({
  consequence: 1,
  likelihood: score,
  score,
  status: 'open',
  escalated: score >= 15,
  ...o,
});
let n = 0;
const risk = (o: Partial<TRecommendationRisk> & { state: TRiskState }): TRecommendationRisk => {
  n++;
  return {
    id: `r${n}`,
    reference: `R-${String(n).padStart(3, '0')}`,
    title: `Risk ${n}`,
    categoryKey: 'workforce_tupe', // tolerance 8
    owner: 'Ann Owner',
    previous: o.state,
    targetScore: 4,
    ...o,
  };
};
const input = (o: Partial<TRecommendationInput>): TRecommendationInput => ({
  asAt: '2026-12-01',
  since: '2026-11-03',
  matrix: DEFAULT_RISK_MATRIX,
  risks: [],
  overdueActions: [],
  gates: [],
  readiness: [],
  answered: new Set(),
  ...o,
});
const kinds = (i: TRecommendationInput) => recommendationsFor(i).map((r) => `${r.kind}:${r.subject.id}`);

describe('the decisions a pack asks the group to take', () => {
  it('asks to accept an escalation only when the risk was escalated since the last meeting', () => {
    const fresh = risk({ state: state(20), previous: state(12) });
    const old = risk({ state: state(20), previous: state(20) });
    const created = risk({ state: state(16), previous: null });
    expect(kinds(input({ risks: [old, fresh, created] }))).toEqual([
      `acceptEscalation:${fresh.id}`,
      `acceptEscalation:${created.id}`,
    ]);
    const [first] = recommendationsFor(input({ risks: [fresh] }));
    expect(first!.text).toBe(
      `accept the escalation of ${fresh.reference} ‘Risk ${fresh.id.slice(1)}’ and agree its owner's response`,
    );
    expect(first!.why).toBe('Escalated since the last meeting at a score of 20; owner Ann Owner.');
  });

  it('asks to approve a target above the category tolerance, the furthest above first', () => {
    const a = risk({ state: state(12), targetScore: 9 });
    const b = risk({ state: state(14), targetScore: 12 });
    const within = risk({ state: state(12), targetScore: 8 });
    const closed = risk({ state: state(12, { status: 'closed' }), targetScore: 12 });
    expect(kinds(input({ risks: [a, b, within, closed] }))).toEqual([
      `approveTolerance:${b.id}`,
      `approveTolerance:${a.id}`,
    ]);
  });

  it('proposes closing an open risk at or below its target, never a draft, and not without a target', () => {
    const at = risk({ state: state(4), targetScore: 4 });
    const above = risk({ state: state(6), targetScore: 4 });
    const draft = risk({ state: state(2, { status: 'draft' }), targetScore: 4 });
    const unknown = risk({ state: state(2), targetScore: null });
    expect(kinds(input({ risks: [at, above, draft, unknown] }))).toEqual([`closeRisk:${at.id}`]);
    expect(closesRisk('closeRisk', 'agreed')).toBe(true);
    expect(closesRisk('closeRisk', 'amended')).toBe(true);
    expect(closesRisk('closeRisk', 'deferred')).toBe(false);
    expect(closesRisk('acceptEscalation', 'agreed')).toBe(false);
  });

  it('asks to re-plan actions overdue two weeks or more, one question per risk', () => {
    const action = (id: string, riskId: string, daysOverdue: number) => ({
      id,
      description: id,
      owner: null,
      organisation: 'ICB',
      dueDate: '2026-11-01',
      daysOverdue,
      risk: { id: riskId, reference: `R-${riskId}`, title: `Risk ${riskId}` },
    });
    const recs = recommendationsFor(
      input({
        overdueActions: [
          action('a1', 'x', 14),
          action('a2', 'x', 30),
          action('a3', 'y', 13),
          action('a4', 'z', 40),
        ],
      }),
    );
    expect(recs.map((r) => r.key)).toEqual(['replanActions:z', 'replanActions:x']);
    expect(recs[1]!.text).toBe(
      'agree new dates, or new owners, for 2 overdue mitigation actions on R-x ‘Risk x’',
    );
    expect(recs[1]!.why).toBe('Overdue by up to 30 days.');
  });

  it('asks for delivery confidence where none was recorded since the last meeting, every meeting afresh', () => {
    const conf = (assessedOn: string) => ({
      kind: 'commissioner' as const,
      organisation: 'ICB',
      rating: 'amber' as const,
      label: 'Amber',
      previous: null,
      move: 'new' as const,
      assessedOn,
    });
    const recs = recommendationsFor(
      input({
        readiness: [
          { transferId: 't1', name: 'Adults', confidence: [conf('2026-11-10')] },
          { transferId: 't2', name: 'Children', confidence: [conf('2026-10-01')] },
          { transferId: 't3', name: 'Dental', confidence: [] },
        ],
      }),
    );
    expect(recs.map((r) => r.key)).toEqual([
      'recordConfidence:t2:2026-12-01',
      'recordConfidence:t3:2026-12-01',
    ]);
    expect(recs[0]!.why).toBe('Last recorded Amber on 1 Oct 2026.');
    expect(recs[1]!.why).toBe('No delivery confidence has been recorded for this transfer.');
  });

  it('does not ask again what an earlier meeting answered, and caps each kind', () => {
    const many = Array.from({ length: 8 }, () => risk({ state: state(4), targetScore: 4 }));
    const answered = new Set([`closeRisk:${many[0]!.id}`]);
    const recs = recommendationsFor(input({ risks: many, answered }));
    expect(recs).toHaveLength(RECOMMENDATION_CAPS.closeRisk);
    expect(recs.map((r) => r.subject.id)).not.toContain(many[0]!.id);
  });
});
