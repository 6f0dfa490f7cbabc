import { describe, expect, it } from 'vitest';
import {
  DependencyCycleError,
  schedule,
  topologicalOrder,
  wouldCreateCycle,
  type TDependency,
} from './critical-path';

/*
 * Textbook network (activity-on-node):
 *   A(3) -> B(4) -> D(5) -> F(2)
 *   A(3) -> C(2) -> E(1) -> F(2)
 * Known answer: finish 14, critical path A-B-D-F, C and E have 6 days of slack.
 */
const TASKS = [
  { id: 'A', durationDays: 3 },
  { id: 'B', durationDays: 4 },
  { id: 'C', durationDays: 2 },
  { id: 'D', durationDays: 5 },
  { id: 'E', durationDays: 1 },
  { id: 'F', durationDays: 2 },
];
const fs = (p: string, s: string, lagDays = 0): TDependency => ({
  predecessorId: p,
  successorId: s,
  lagDays,
});
const DEPS = [fs('A', 'B'), fs('A', 'C'), fs('B', 'D'), fs('C', 'E'), fs('D', 'F'), fs('E', 'F')];

describe('critical path of a textbook network', () => {
  const { tasks, projectFinish, finishReference, criticalPath } = schedule(TASKS, DEPS);
  it('finishes on day 14 along A-B-D-F', () => {
    expect(projectFinish).toBe(14);
    expect(finishReference).toBe(14);
    expect(criticalPath).toEqual(['A', 'B', 'D', 'F']);
  });
  it.each([
    ['A', 0, 3, 0, 3, 0, 0],
    ['B', 3, 7, 3, 7, 0, 0],
    ['C', 3, 5, 9, 11, 6, 0],
    ['D', 7, 12, 7, 12, 0, 0],
    ['E', 5, 6, 11, 12, 6, 6],
    ['F', 12, 14, 12, 14, 0, 0],
  ])('%s: ES %i EF %i LS %i LF %i total float %i free float %i', (id, es, ef, ls, lf, tf, ff) => {
    expect(tasks.get(id)).toMatchObject({
      earlyStart: es,
      earlyFinish: ef,
      lateStart: ls,
      lateFinish: lf,
      slack: tf,
      totalFloat: tf,
      freeFloat: ff,
      critical: tf === 0,
      finished: false,
    });
  });
});

/*
 * Hillier and Lieberman's "Reliable Construction Company" project (Introduction to Operations Research,
 * the PERT/CPM chapter): 14 activities in weeks. Known answer: 44 weeks along A-B-C-E-F-J-L-N, slack
 * D 4, G 4, H 4, I 2, K 1, M 4, every other activity 0.
 */
describe('the Reliable Construction Company project (14 activities)', () => {
  const durations: Record<string, number> = {
    A: 2,
    B: 4,
    C: 10,
    D: 6,
    E: 4,
    F: 5,
    G: 7,
    H: 9,
    I: 7,
    J: 8,
    K: 4,
    L: 5,
    M: 2,
    N: 6,
  };
  const after: Record<string, string[]> = {
    B: ['A'],
    C: ['B'],
    D: ['C'],
    E: ['C'],
    F: ['E'],
    G: ['D'],
    H: ['E', 'G'],
    I: ['C'],
    J: ['F', 'I'],
    K: ['J'],
    L: ['J'],
    M: ['H'],
    N: ['K', 'L'],
  };
  const tasks = Object.entries(durations).map(([id, durationDays]) => ({ id, durationDays }));
  const deps = Object.entries(after).flatMap(([s, ps]) => ps.map((p) => fs(p, s)));
  const result = schedule(tasks, deps);
  it('takes 44 weeks along A-B-C-E-F-J-L-N', () => {
    expect(result.projectFinish).toBe(44);
    expect(result.criticalPath).toEqual(['A', 'B', 'C', 'E', 'F', 'J', 'L', 'N']);
  });
  it.each([
    // id, ES, EF, LS, LF, total float, free float
    ['A', 0, 2, 0, 2, 0, 0],
    ['B', 2, 6, 2, 6, 0, 0],
    ['C', 6, 16, 6, 16, 0, 0],
    ['D', 16, 22, 20, 26, 4, 0],
    ['E', 16, 20, 16, 20, 0, 0],
    ['F', 20, 25, 20, 25, 0, 0],
    ['G', 22, 29, 26, 33, 4, 0],
    ['H', 29, 38, 33, 42, 4, 0],
    ['I', 16, 23, 18, 25, 2, 2],
    ['J', 25, 33, 25, 33, 0, 0],
    ['K', 33, 37, 34, 38, 1, 1],
    ['L', 33, 38, 33, 38, 0, 0],
    ['M', 38, 40, 42, 44, 4, 4],
    ['N', 38, 44, 38, 44, 0, 0],
  ])('%s: ES %i EF %i LS %i LF %i total float %i free float %i', (id, es, ef, ls, lf, tf, ff) => {
    expect(result.tasks.get(id)).toMatchObject({
      earlyStart: es,
      earlyFinish: ef,
      lateStart: ls,
      lateFinish: lf,
      totalFloat: tf,
      freeFloat: ff,
      critical: tf === 0,
    });
  });
  it('with a deadline of week 40, every critical activity is 4 weeks behind and H, M join them', () => {
    const late = schedule(tasks, deps, 40);
    expect(late.finishReference).toBe(40);
    expect(late.projectFinish).toBe(44);
    const float = (id: string) => late.tasks.get(id)!.totalFloat;
    for (const id of ['A', 'B', 'C', 'E', 'F', 'J', 'L', 'N']) expect(float(id), id).toBe(-4);
    expect([float('D'), float('G'), float('H'), float('M'), float('I'), float('K')]).toEqual([
      0, 0, 0, 0, -2, -3,
    ]);
    expect([...late.tasks.values()].filter((t) => !t.critical).map((t) => t.id)).toEqual([]);
  });
});

describe('deadlines: the backward pass starts from the earlier of the forecast finish and the deadline', () => {
  it('a deadline later than the finish leaves the driving chain at float 0, still critical', () => {
    const { tasks, finishReference, criticalPath } = schedule(TASKS, DEPS, 15);
    expect(finishReference).toBe(14);
    expect(['A', 'B', 'D', 'F'].map((id) => tasks.get(id)!.totalFloat)).toEqual([0, 0, 0, 0]);
    expect(tasks.get('B')?.critical).toBe(true);
    expect(tasks.get('C')).toMatchObject({ totalFloat: 6, critical: false });
    expect(criticalPath).toEqual(['A', 'B', 'D', 'F']);
  });
  it('a deadline 2 days before the finish gives the chain -2 days of float (the overrun)', () => {
    const { tasks, projectFinish, finishReference, criticalPath } = schedule(TASKS, DEPS, 12);
    expect(projectFinish).toBe(14);
    expect(finishReference).toBe(12);
    expect(['A', 'B', 'D', 'F'].map((id) => tasks.get(id)!.totalFloat)).toEqual([-2, -2, -2, -2]);
    expect(tasks.get('F')).toMatchObject({
      lateStart: 10,
      lateFinish: 12,
      slack: -2,
      freeFloat: -2,
      critical: true,
    });
    // C and E still have 4 days on the deadline; they are not critical.
    expect(tasks.get('C')).toMatchObject({ lateFinish: 9, totalFloat: 4, critical: false });
    expect(tasks.get('E')).toMatchObject({ totalFloat: 4, freeFloat: 6, critical: false });
    expect(criticalPath).toEqual(['A', 'B', 'D', 'F']);
  });
});

describe('lags, leads, parallel chains, constraints and fixed starts', () => {
  it('a 2-day lag between B and D pushes D and F, and the finish, by 2 days; C and E gain 2 days', () => {
    const deps = DEPS.map((d) => (d.predecessorId === 'B' && d.successorId === 'D' ? fs('B', 'D', 2) : d));
    const { tasks, projectFinish, criticalPath } = schedule(TASKS, deps);
    expect(tasks.get('D')).toMatchObject({ earlyStart: 9, lateStart: 9, totalFloat: 0 });
    expect(tasks.get('B')).toMatchObject({ earlyFinish: 7, lateFinish: 7, totalFloat: 0, freeFloat: 0 });
    expect(tasks.get('C')!.totalFloat).toBe(8);
    expect(projectFinish).toBe(16);
    expect(criticalPath).toEqual(['A', 'B', 'D', 'F']);
  });
  it('a lead (negative lag) of 1 day from D to F lets F start the day before D finishes', () => {
    const deps = DEPS.map((d) => (d.predecessorId === 'D' ? fs('D', 'F', -1) : d));
    const { tasks, projectFinish, criticalPath } = schedule(TASKS, deps);
    expect(tasks.get('F')).toMatchObject({ earlyStart: 11, earlyFinish: 13, totalFloat: 0 });
    expect(tasks.get('D')).toMatchObject({ lateFinish: 12, totalFloat: 0 });
    expect(tasks.get('E')).toMatchObject({ lateFinish: 11, totalFloat: 5, freeFloat: 5 });
    expect(projectFinish).toBe(13);
    expect(criticalPath).toEqual(['A', 'B', 'D', 'F']);
  });
  it('two equal parallel chains are both critical; the path follows one of them', () => {
    const tasks = [
      { id: 'S', durationDays: 1 },
      { id: 'P1', durationDays: 4 },
      { id: 'P2', durationDays: 3 },
      { id: 'Q1', durationDays: 2 },
      { id: 'Q2', durationDays: 5 },
      { id: 'R', durationDays: 1 },
      { id: 'END', durationDays: 0 },
    ];
    const deps = [
      fs('S', 'P1'),
      fs('P1', 'P2'),
      fs('S', 'Q1'),
      fs('Q1', 'Q2'),
      fs('P2', 'END'),
      fs('Q2', 'END'),
      fs('S', 'R'),
    ];
    const s = schedule(tasks, deps);
    expect(s.projectFinish).toBe(8);
    for (const id of ['S', 'P1', 'P2', 'Q1', 'Q2', 'END']) expect(s.tasks.get(id)!.totalFloat, id).toBe(0);
    expect(s.tasks.get('R')).toMatchObject({ totalFloat: 6, freeFloat: 6, critical: false });
    expect(s.criticalPath[0]).toBe('S');
    expect(s.criticalPath.at(-1)).toBe('END');
    expect(s.criticalPath).toHaveLength(4);
  });
  it('a start-no-earlier-than date (not before day 6) moves successors; the chain stops at the constrained task', () => {
    const slipped = TASKS.map((t) => (t.id === 'B' ? { ...t, notBefore: 6 } : t));
    const { tasks, projectFinish, criticalPath } = schedule(slipped, DEPS);
    expect(tasks.get('B')).toMatchObject({ earlyStart: 6, totalFloat: 0, critical: true });
    expect(projectFinish).toBe(17);
    // A finishes on day 3 and B waits for day 6: A has 3 days of float, free and total.
    expect(tasks.get('A')).toMatchObject({ totalFloat: 3, freeFloat: 0, critical: false });
    expect(criticalPath).toEqual(['B', 'D', 'F']);
  });
  it('a fixed start (work under way) is not pushed by a late predecessor, nor does it constrain it', () => {
    // B actually started on day 2, before A (3 days, started day 0) finished: out of sequence.
    const tasks = TASKS.map((t) => (t.id === 'B' ? { ...t, fixedStart: 2 } : t));
    const { tasks: s, projectFinish, criticalPath } = schedule(tasks, DEPS);
    expect(s.get('B')).toMatchObject({ earlyStart: 2, earlyFinish: 6, totalFloat: 0, critical: true });
    expect(projectFinish).toBe(13);
    // A no longer drives B: its only successor left is C (float 5), so A has 5 days too.
    expect(s.get('A')).toMatchObject({ lateFinish: 8, totalFloat: 5, critical: false });
    expect(criticalPath).toEqual(['B', 'D', 'F']);
  });
  it('finished work is never critical, even on the driving chain', () => {
    const tasks = TASKS.map((t) => (t.id === 'A' ? { ...t, fixedStart: 0, finished: true } : t));
    const { tasks: s, criticalPath } = schedule(tasks, DEPS, 12);
    expect(s.get('A')).toMatchObject({ totalFloat: -2, critical: false, finished: true });
    expect(s.get('B')).toMatchObject({ totalFloat: -2, critical: true });
    expect(criticalPath).toEqual(['B', 'D', 'F']);
  });
  it('day numbers may be negative (work before the epoch); an empty network finishes on day 0', () => {
    const s = schedule([{ id: 'X', durationDays: 2, notBefore: -10 }], []);
    expect(s.projectFinish).toBe(-8);
    expect(s.criticalPath).toEqual(['X']);
    expect(schedule([], [])).toMatchObject({ projectFinish: 0, criticalPath: [] });
  });
});

describe('cycles', () => {
  it('rejects a loop and names it', () => {
    expect(() => topologicalOrder(['A', 'B', 'C'], [fs('A', 'B'), fs('B', 'C'), fs('C', 'A')])).toThrow(
      DependencyCycleError,
    );
    try {
      topologicalOrder(['A', 'B', 'C'], [fs('A', 'B'), fs('B', 'C'), fs('C', 'A')]);
    } catch (e) {
      expect((e as DependencyCycleError).cycle).toEqual(['A', 'B', 'C', 'A']);
      expect((e as Error).message).toMatch(/A → B → C → A/);
    }
  });
  it('checks a new dependency before it is saved', () => {
    expect(wouldCreateCycle(['A', 'B', 'D', 'F'], DEPS, fs('F', 'A'))).toEqual(['A', 'B', 'D', 'F', 'A']);
    expect(wouldCreateCycle(['A', 'B'], [], fs('A', 'A'))).toEqual(['A', 'A']);
    expect(wouldCreateCycle(['A', 'B', 'C', 'D', 'E', 'F'], DEPS, fs('C', 'D'))).toBeNull();
  });
});
