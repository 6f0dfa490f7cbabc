import { describe, expect, it } from 'vitest';
import {
  blockedTasks,
  percentComplete,
  planMilestoneState,
  progressMatrix,
  topRedItems,
  type TProgressTask,
  type TRedItem,
} from './progress.rules';

const t = (over: Partial<TProgressTask>): TProgressTask => ({
  workstream: 'workforce_tupe',
  owningOrganisationId: 'out',
  status: 'in_progress',
  percentComplete: 50,
  ...over,
});

describe('percent complete', () => {
  it.each([
    ['no tasks', [], 0],
    ['a done task counts 100 whatever it says', [t({ status: 'done', percentComplete: 20 })], 100],
    [
      'cancelled tasks are left out',
      [t({ percentComplete: 40 }), t({ status: 'cancelled', percentComplete: 0 })],
      40,
    ],
    ['rounded average', [t({ percentComplete: 10 }), t({ percentComplete: 15 }), t({ status: 'done' })], 42],
  ])('%s', (_l, tasks, pct) => {
    expect(percentComplete(tasks as TProgressTask[])).toBe(pct);
  });
});

describe('the workstream x organisation matrix', () => {
  const tasks = [
    t({ owningOrganisationId: 'out', status: 'done' }),
    t({ owningOrganisationId: 'out', percentComplete: 0, status: 'not_started' }),
    t({ owningOrganisationId: 'in', percentComplete: 50 }),
    t({ workstream: 'it_data_records', owningOrganisationId: 'in', status: 'done' }),
    t({ workstream: 'it_data_records', owningOrganisationId: 'icb', status: 'cancelled' }),
  ];
  const m = progressMatrix(tasks, ['icb', 'out', 'in']);

  it('fills cells only where an organisation owns tasks, with done/total', () => {
    expect(m.cells.workforce_tupe).toEqual({
      out: { percent: 50, done: 1, total: 2 },
      in: { percent: 50, done: 0, total: 1 },
    });
    expect(m.cells.it_data_records).toEqual({ in: { percent: 100, done: 1, total: 1 } });
  });

  it('totals rows, columns and the whole, and lists only workstreams and organisations with live tasks', () => {
    expect(m.byWorkstream.workforce_tupe).toEqual({ percent: 50, done: 1, total: 3 });
    expect(m.byOrganisation.in).toEqual({ percent: 75, done: 1, total: 2 });
    expect(m.overall).toEqual({ percent: 63, done: 2, total: 4 });
    expect(m.workstreams.map((w) => w.key)).toEqual(['workforce_tupe', 'it_data_records']);
    expect(m.organisationIds).toEqual(['out', 'in']);
  });
});

describe('blocked tasks', () => {
  const task = (id: string, status: TProgressTask['status'], startDate = '2026-11-25') => ({
    id,
    status,
    startDate,
  });
  const tasks = [
    task('a', 'in_progress'),
    task('b', 'not_started'),
    task('c', 'not_started'),
    task('d', 'done'),
    task('e', 'not_started', '2027-06-01'),
    task('f', 'not_started'),
    task('g', 'cancelled'),
  ];
  const deps = [
    { predecessorId: 'a', successorId: 'b' }, // b waits for unfinished a
    { predecessorId: 'd', successorId: 'c' }, // c's predecessor is done
    { predecessorId: 'a', successorId: 'e' }, // e starts beyond the horizon
    { predecessorId: 'g', successorId: 'f' }, // a cancelled predecessor blocks nothing
  ];
  it('lists open tasks starting within the horizon with their unfinished predecessors', () => {
    const r = blockedTasks(tasks, deps, '2026-11-23', 14);
    expect(r.map((x) => [x.task.id, x.blockedBy.map((b) => b.id)])).toEqual([['b', ['a']]]);
  });
});

describe('plan milestone state', () => {
  const today = '2026-11-23';
  it.each([
    ['done', { status: 'done', dueDate: '2026-11-01', forecastFinish: '2026-11-01' }, 'done'],
    ['missed', { status: 'in_progress', dueDate: '2026-11-20', forecastFinish: '2026-11-24' }, 'missed'],
    ['slipping', { status: 'not_started', dueDate: '2027-01-10', forecastFinish: '2027-01-20' }, 'at_risk'],
    ['due soon', { status: 'not_started', dueDate: '2026-12-01', forecastFinish: '2026-12-01' }, 'due_soon'],
    ['on track', { status: 'not_started', dueDate: '2027-02-01', forecastFinish: '2027-02-01' }, 'upcoming'],
  ] as const)('%s', (_l, m, state) => {
    expect(planMilestoneState(m, today)).toBe(state);
  });
});

describe('the red items a CEO sees', () => {
  const item = (over: Partial<TRedItem>): TRedItem => ({
    kind: 'critical_task',
    title: 'x',
    organisation: 'ICB',
    person: null,
    transferName: null,
    dueDate: '2026-11-20',
    score: null,
    link: {},
    ...over,
  });
  it('puts missed statutory deadlines first, then the longest overdue, then the highest risks, and caps the list', () => {
    const r = topRedItems(
      [
        item({ kind: 'risk', title: 'R-002', dueDate: null, score: 16 }),
        item({ kind: 'risk', title: 'R-001', dueDate: null, score: 20 }),
        item({ title: 'short', dueDate: '2026-11-22' }),
        item({ title: 'long', dueDate: '2026-11-01' }),
        item({ kind: 'statutory', title: 'ELI missed' }),
        item({ kind: 'condition', title: 'CQC' }),
      ],
      '2026-11-23',
      5,
    );
    expect(r.items.map((i) => i.title)).toEqual(['ELI missed', 'CQC', 'long', 'short', 'R-001']);
    expect(r.total).toBe(6);
  });

  it('lists the same item red in several transfers once, naming the transfers', () => {
    const r = topRedItems(
      [
        item({ kind: 'condition', title: 'Financial baseline', transferName: 'Lot 1' }),
        item({ kind: 'condition', title: 'Financial baseline', transferName: 'Lot 2' }),
        item({ kind: 'condition', title: 'Financial baseline', transferName: 'Lot 2' }),
        item({
          kind: 'condition',
          title: 'Financial baseline',
          dueDate: '2026-11-01',
          transferName: 'Lot 3',
        }),
      ],
      '2026-11-23',
    );
    expect(r.items.map((i) => [i.dueDate, i.transferNames])).toEqual([
      ['2026-11-01', ['Lot 3']],
      ['2026-11-20', ['Lot 1', 'Lot 2']],
    ]);
    expect(r.total).toBe(2);
  });
});
