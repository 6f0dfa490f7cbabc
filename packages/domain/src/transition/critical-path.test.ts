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
  const { tasks, projectFinish, criticalPath } = schedule(TASKS, DEPS);
  it('finishes on day 14 along A-B-D-F', () => {
    expect(projectFinish).toBe(14);
    expect(criticalPath).toEqual(['A', 'B', 'D', 'F']);
  });
  it.each([
    ['A', 0, 3, 0, 3, 0],
    ['B', 3, 7, 3, 7, 0],
    ['C', 3, 5, 9, 11, 6],
    ['D', 7, 12, 7, 12, 0],
    ['E', 5, 6, 11, 12, 6],
    ['F', 12, 14, 12, 14, 0],
  ])('%s: ES %i EF %i LS %i LF %i slack %i', (id, es, ef, ls, lf, slack) => {
    expect(tasks.get(id)).toMatchObject({
      earlyStart: es,
      earlyFinish: ef,
      lateStart: ls,
      lateFinish: lf,
      slack,
      critical: slack === 0,
    });
  });
});

describe('lag, deadlines and fixed starts', () => {
  it('a 2-day lag between B and D pushes D and F, and the finish, by 2 days', () => {
    const deps = DEPS.map((d) => (d.predecessorId === 'B' && d.successorId === 'D' ? fs('B', 'D', 2) : d));
    const { tasks, projectFinish } = schedule(TASKS, deps);
    expect(tasks.get('D')?.earlyStart).toBe(9);
    expect(projectFinish).toBe(16);
  });
  it('measures slack against the transfer date: 1 spare day everywhere on the critical path', () => {
    const { tasks } = schedule(TASKS, DEPS, 15);
    expect(tasks.get('B')?.slack).toBe(1);
    expect(tasks.get('C')?.slack).toBe(7);
    expect(tasks.get('B')?.critical).toBe(true);
  });
  it('negative slack shows the transfer date is already missed', () => {
    const { tasks } = schedule(TASKS, DEPS, 12);
    expect(tasks.get('F')?.slack).toBe(-2);
  });
  it('a slipped start (not before day 6) moves its successors and the forecast finish', () => {
    const slipped = TASKS.map((t) => (t.id === 'B' ? { ...t, notBefore: 6 } : t));
    const { tasks, projectFinish } = schedule(slipped, DEPS);
    expect(tasks.get('B')?.earlyStart).toBe(6);
    expect(projectFinish).toBe(17);
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
