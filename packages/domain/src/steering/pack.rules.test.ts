import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_MATRIX } from '../risk/risk.matrix';
import type { TRiskState } from './register-changes.rules';
import {
  assemblePack,
  comparePacks,
  PACK_SCREEN_LIST,
  packForScreen,
  sinceLabelFor,
  trendBetween,
  type TAssemblePackInput,
  type TRiskAsAt,
} from './pack.rules';
import type { TPackReadiness } from './pack.types';

const state = (c: number, l: number, over: Partial<TRiskState> = {}): TRiskState => ({
  consequence: c,
  likelihood: l,
  score: c * l,
  status: 'open',
  escalated: c * l >= 15,
  ...over,
});

let n = 0;
const risk = (over: Partial<TRiskAsAt> & { state: TRiskState }): TRiskAsAt => {
  n++;
  return {
    id: `r${n}`,
    number: n,
    reference: `R-${String(n).padStart(3, '0')}`,
    title: `Risk ${n}`,
    categoryKey: 'workforce_tupe',
    owner: 'Tom Okafor',
    organisationId: 'org-icb',
    organisation: 'ICB',
    previous: null,
    lastReviewedOn: '2026-11-25',
    ...over,
  };
};

const readiness = (id: string, rag: TPackReadiness['rag']): TPackReadiness => ({
  transferId: id,
  name: `Transfer ${id}`,
  lotCode: 'Lot 1',
  outgoing: 'Old',
  incoming: 'New',
  plannedTransferDate: '2027-04-01',
  forecastGoLive: '2027-04-01',
  daysToTransfer: 122,
  rag,
  reasons: [`${rag} because`],
  percentComplete: 40,
  workstreams: [],
});

function input(risks: TRiskAsAt[], over: Partial<TAssemblePackInput> = {}): TAssemblePackInput {
  return {
    programme: { id: 'p', name: 'Programme', code: 'P', expectedServiceCommencement: '2027-04-01' },
    scope: 'all',
    asAt: '2026-11-30',
    since: '2026-11-02',
    sinceLabel: 'the meeting on 2 Nov 2026',
    readinessAsOf: '2026-11-30',
    generatedAt: '2026-11-30T09:00:00.000Z',
    matrix: DEFAULT_RISK_MATRIX,
    risks,
    overdueActions: { total: 0, items: [] },
    profile: [],
    readiness: [],
    openGates: [],
    ...over,
  };
}

describe('assembling the steering group pack', () => {
  const risks = [
    risk({ state: state(5, 4), previous: state(4, 4) }), // 20, up, escalated
    risk({ state: state(4, 4), previous: state(5, 4) }), // 16, down, escalated
    risk({ state: state(3, 3), previous: state(3, 3) }), // 9, steady
    risk({ state: state(2, 2) }), // 4, new
    risk({ state: state(5, 5, { status: 'closed' }), previous: state(5, 5) }), // closed: not live
    risk({ state: state(3, 4), previous: state(3, 4), lastReviewedOn: '2026-10-01' }), // 12, review late
  ];
  const pack = assemblePack(
    input(risks, {
      readiness: [readiness('a', 'red'), readiness('b', 'amber'), readiness('c', 'red')],
      openGates: [
        gate('g1', '2026-11-20'),
        gate('g2', '2027-01-20'),
        gate('g3', '2027-03-01'), // beyond the 8-week horizon
      ],
    }),
  );

  it('counts only live risks on the heat map, per cell', () => {
    const total = pack.heatMap.reduce((s, c) => s + c.count, 0);
    expect(total).toBe(5);
    expect(pack.heatMap).toContainEqual({ consequence: 5, likelihood: 4, count: 1 });
    expect(pack.heatMap.find((c) => c.consequence === 5 && c.likelihood === 5)).toBeUndefined();
  });

  it('lists top risks by score with the trend since the comparison date', () => {
    expect(pack.topRisks.map((r) => [r.reference, r.state.score, r.trend, r.previousScore])).toEqual([
      ['R-001', 20, 'up', 16],
      ['R-002', 16, 'down', 20],
      ['R-006', 12, 'steady', 12],
      ['R-003', 9, 'steady', 9],
      ['R-004', 4, 'new', null],
    ]);
    expect(pack.escalated.map((r) => r.reference)).toEqual(['R-001', 'R-002']);
  });

  it('finds late reviews from the last review and the band cadence as at the pack date', () => {
    // high (8-12) is reviewed every 30 days: due 31 Oct, 30 days late on 30 Nov.
    expect(pack.overdueReviews).toEqual({
      total: 1,
      items: [expect.objectContaining({ reference: 'R-006', dueOn: '2026-10-31', daysOverdue: 30 })],
    });
  });

  it('sorts changes into the steering group lists', () => {
    expect(pack.changes.new.map((c) => c.reference)).toEqual(['R-004']);
    expect(pack.changes.rescoredUp.map((c) => c.reference)).toEqual(['R-001']);
    expect(pack.changes.rescoredDown.map((c) => c.reference)).toEqual(['R-002']);
    expect(pack.changes.closed.map((c) => c.reference)).toEqual(['R-005']);
    expect(pack.changes.escalated).toEqual([]);
  });

  it('asks for decisions on gates due within eight weeks, flagging overdue ones', () => {
    expect(pack.decisions.map((d) => [d.taskId, d.overdue])).toEqual([
      ['g1', true],
      ['g2', false],
    ]);
  });

  it('summarises every figure from the pack itself', () => {
    expect(pack.summary).toMatchObject({
      liveRisks: 5,
      byBand: { low: 0, moderate: 1, high: 2, extreme: 2 },
      escalated: 2,
      overdueReviews: 1,
      transfers: { red: 2, amber: 1, green: 0 },
      daysToGoLive: 122,
      // Two gates due, and three transfers with no delivery confidence recorded since the last meeting.
      decisionsNeeded: 5,
    });
    expect(pack.recommendations?.map((r) => r.kind)).toEqual([
      'goNoGo',
      'goNoGo',
      'recordConfidence',
      'recordConfidence',
      'recordConfidence',
    ]);
    expect(pack.summaryText).toEqual([
      'The register holds 5 open risks, 2 rated extreme; 2 risks are escalated.',
      'Since the meeting on 2 Nov 2026: 1 new risk raised, 1 re-scored up, 1 re-scored down, 1 closed.',
      '0 mitigation actions are overdue and 1 risk review is late.',
      'Of 3 transfers, 2 are red, 1 amber and 0 green for go-live; service commencement is 122 days away (1 Apr 2027).',
      'The group is asked to take 5 decisions (see "Recommendations").',
    ]);
  });

  it('leaves the whole register out unless asked (snapshots ask)', () => {
    expect(pack.register).toBeUndefined();
    const frozen = assemblePack(input(risks), { withRegister: true });
    expect(frozen.register).toHaveLength(6);
  });

  it('never counts a draft risk in a board figure, and says how many drafts wait', () => {
    const p = assemblePack(
      input([
        risk({ state: state(5, 4), previous: state(5, 4) }),
        risk({ state: { ...state(5, 5), status: 'draft' }, previous: null }),
      ]),
    );
    expect([p.summary.liveRisks, p.summary.escalated, p.summary.drafts]).toEqual([1, 1, 1]);
    expect(p.heatMap.reduce((n, c) => n + c.count, 0)).toBe(1);
    expect(p.topRisks).toHaveLength(1);
    expect(p.summaryText[0]).toBe(
      'The register holds 1 open risk, 1 rated extreme; 1 risk is escalated (1 draft risk awaits acceptance and is not counted).',
    );
  });

  it('says so plainly when nothing moved', () => {
    const quiet = assemblePack(input([risk({ state: state(2, 2), previous: state(2, 2) })]));
    expect(quiet.summaryText[1]).toBe('Nothing on the register has moved since the meeting on 2 Nov 2026.');
    expect(quiet.summaryText[2]).toBe('No mitigation action is overdue and every risk review is up to date.');
  });
});

function gate(taskId: string, dueDate: string) {
  return {
    taskId,
    transferId: 't',
    transferName: 'Transfer',
    title: `Gate ${taskId}`,
    dueDate,
    criteria: 'All green',
    criteriaMet: false,
    owner: 'ICB',
  };
}

describe('the pack on screen', () => {
  it('lists at most PACK_SCREEN_LIST escalated risks and of each kind of change, the highest first, every figure whole', () => {
    // 250 escalated risks, every one re-scored up since the meeting.
    const many = Array.from({ length: 250 }, (_, k) =>
      risk({ state: state(5, 3 + (k % 3)), previous: state(3, 3) }),
    );
    const full = assemblePack(input(many));
    const screen = packForScreen(full);
    expect(full.escalated).toHaveLength(250);
    expect(screen.escalated).toHaveLength(PACK_SCREEN_LIST);
    expect(screen.escalated).toEqual(full.escalated.slice(0, PACK_SCREEN_LIST));
    expect(screen.escalated[0]!.state.score).toBe(25);
    expect(screen.changes.rescoredUp).toHaveLength(PACK_SCREEN_LIST);
    expect(screen.changes.escalated).toHaveLength(PACK_SCREEN_LIST);
    // The counts are the pack's, not the screen's.
    expect(screen.summary).toEqual(full.summary);
    expect(screen.summary.escalated).toBe(250);
    expect(screen.summary.changes.rescoredUp).toBe(250);
    expect(screen.summaryText).toEqual(full.summaryText);
    expect(screen.heatMap).toEqual(full.heatMap);
    // A short pack is untouched.
    const few = assemblePack(input(many.slice(0, 3)));
    expect(packForScreen(few)).toEqual(few);
  });
});

describe('comparing a frozen pack with today', () => {
  it('reports per-risk changes, figure movements and readiness movements', () => {
    const a = risk({ state: state(3, 4) });
    const b = risk({ state: state(4, 4) });
    const then = assemblePack(input([a, b], { readiness: [readiness('x', 'amber')] }), {
      withRegister: true,
    });
    const c = risk({ state: state(2, 3) });
    const now = assemblePack(
      input([{ ...a, state: state(4, 4) }, { ...b, state: state(4, 4, { status: 'closed' }) }, c], {
        asAt: '2026-12-28',
        readiness: [readiness('x', 'red'), readiness('y', 'green')],
      }),
      { withRegister: true },
    );
    const cmp = comparePacks(then, now);
    expect(cmp.changes.rescoredUp.map((r) => [r.reference, r.from?.score, r.to.score])).toEqual([
      [a.reference, 12, 16],
    ]);
    expect(cmp.changes.escalated.map((r) => r.reference)).toEqual([a.reference]);
    expect(cmp.changes.closed.map((r) => r.reference)).toEqual([b.reference]);
    expect(cmp.changes.new.map((r) => r.reference)).toEqual([c.reference]);
    expect(cmp.figures.find((f) => f.key === 'liveRisks')).toMatchObject({ then: 2, now: 2 });
    expect(cmp.figures.find((f) => f.key === 'escalated')).toMatchObject({ then: 1, now: 1 });
    expect(cmp.readiness).toEqual([
      { transferId: 'x', name: 'Transfer x', then: 'amber', now: 'red', reasonsNow: ['red because'] },
      { transferId: 'y', name: 'Transfer y', then: null, now: 'green', reasonsNow: ['green because'] },
    ]);
  });

  it('refuses packs without a register', () => {
    const p = assemblePack(input([]));
    expect(() => comparePacks(p, p)).toThrow(/register/);
  });
});

describe('small rules', () => {
  it.each([
    [null, 8, 'new'],
    [8, 12, 'up'],
    [12, 8, 'down'],
    [8, 8, 'steady'],
  ] as const)('trend from %s to %s is %s', (prev, score, trend) => {
    expect(trendBetween(prev, score)).toBe(trend);
  });

  it('names the comparison date after the meeting when there was one', () => {
    expect(sinceLabelFor('2026-11-02', { heldOn: '2026-11-02' }, '2026-11-30')).toBe(
      'the meeting on 2 Nov 2026',
    );
    expect(sinceLabelFor('2026-11-02', null, '2026-11-30')).toBe('2 Nov 2026 (28 days earlier)');
  });
});
