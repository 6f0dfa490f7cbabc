import { describe, expect, it } from 'vitest';
import type { TIsoDate } from '../shared/dates';
import { scheduleTransfer, transferMilestonesWithState, type TScheduleTask } from './schedule.rules';

/*
 * Known answers, worked by hand. Today is Monday 23 November 2026; "last Friday" is 20 November.
 * Dates are day boundaries: a task from 1 to 11 November lasts 10 days and a successor may start on the 11th.
 */
const TODAY = '2026-11-23';
const TRANSFER = { plannedTransferDate: '2026-12-31' };

const task = (
  id: string,
  p: Partial<TScheduleTask> & { startDate: TIsoDate; dueDate: TIsoDate },
): TScheduleTask => ({
  id,
  status: 'not_started',
  actualStart: null,
  completedOn: null,
  percentComplete: 0,
  ...p,
});
const dep = (predecessorId: string, successorId: string, lagDays = 0) => ({
  predecessorId,
  successorId,
  lagDays,
});

/*
 * design (done, 1-16 Oct)  ->  build (35 days planned 16 Oct-20 Nov, in progress)  ->  test (20 days)  ->  go-live
 * comms (not started, planned 1-10 Nov, no dependencies)
 */
function plan(buildPercent: number) {
  return [
    task('design', {
      status: 'done',
      startDate: '2026-10-01',
      dueDate: '2026-10-15',
      actualStart: '2026-10-01',
      completedOn: '2026-10-16',
      percentComplete: 100,
    }),
    task('build', {
      status: 'in_progress',
      startDate: '2026-10-16',
      dueDate: '2026-11-20',
      actualStart: '2026-10-16',
      percentComplete: buildPercent,
    }),
    task('test', { startDate: '2026-11-20', dueDate: '2026-12-10' }),
    task('golive', { startDate: '2026-12-31', dueDate: '2026-12-31' }),
    task('comms', { startDate: '2026-11-01', dueDate: '2026-11-10' }),
  ];
}
const DEPS = [dep('design', 'build'), dep('build', 'test'), dep('test', 'golive')];

describe('forecasts from actual dates and progress', () => {
  it('an overdue critical task moves the forecast and turns the margin negative by the days of overrun', () => {
    // build at 20%: 28 of 35 days left -> finishes 21 Dec; test 21 Dec-10 Jan; go-live 10 Jan: 10 days late.
    const s = scheduleTransfer(TRANSFER, plan(20), DEPS, TODAY);
    expect(s.tasks.get('build')).toMatchObject({
      forecastStart: '2026-10-16',
      forecastFinish: '2026-12-21',
      forecastLateDays: 31,
      totalFloatDays: -10,
      slackDays: -10,
      critical: true,
    });
    expect(s.tasks.get('test')).toMatchObject({
      forecastStart: '2026-12-21',
      forecastFinish: '2027-01-10',
      forecastLateDays: 31,
      totalFloatDays: -10,
      freeFloatDays: 0,
      critical: true,
    });
    expect(s.tasks.get('golive')).toMatchObject({
      forecastFinish: '2027-01-10',
      totalFloatDays: -10,
      critical: true,
    });
    expect(s.forecastGoLive).toBe('2027-01-10');
    expect(s.marginDays).toBe(-10);
    expect(s.slackDays).toBe(-10);
    expect(s.criticalPath).toEqual(['build', 'test', 'golive']);
  });

  it('with the same task at 60% the plan keeps 4 days of margin; the go-live milestone holds to its date', () => {
    // 14 days left -> build finishes 7 Dec, test 7-27 Dec, go-live waits for its date, 31 Dec.
    const s = scheduleTransfer(TRANSFER, plan(60), DEPS, TODAY);
    expect(s.tasks.get('build')).toMatchObject({
      forecastFinish: '2026-12-07',
      totalFloatDays: 4,
      critical: false,
    });
    expect(s.tasks.get('test')).toMatchObject({
      forecastFinish: '2026-12-27',
      totalFloatDays: 4,
      freeFloatDays: 4,
    });
    expect(s.tasks.get('golive')).toMatchObject({
      forecastFinish: '2026-12-31',
      totalFloatDays: 0,
      critical: true,
    });
    expect(s.forecastGoLive).toBe('2026-12-31');
    expect(s.marginDays).toBe(0);
    expect(s.criticalPath).toEqual(['golive']);
  });

  it('flags a task forecast after its due date, even off the critical path', () => {
    // comms should have started on 1 Nov; not started, it starts today and takes 9 days: 2 Dec, 22 days late.
    const s = scheduleTransfer(TRANSFER, plan(20), DEPS, TODAY);
    expect(s.tasks.get('comms')).toMatchObject({
      forecastStart: TODAY,
      forecastFinish: '2026-12-02',
      forecastLateDays: 22,
      totalFloatDays: 29,
      freeFloatDays: 29,
      critical: false,
    });
  });

  it('uses the actual dates: work finished last Friday stays finished last Friday, and is never critical', () => {
    const tasks = [
      task('cp', {
        status: 'done',
        startDate: '2026-11-01',
        dueDate: '2026-11-30',
        actualStart: '2026-11-02',
        completedOn: '2026-11-20',
      }),
      task('after', { startDate: '2026-11-30', dueDate: '2026-12-10' }),
    ];
    const s = scheduleTransfer(TRANSFER, tasks, [dep('cp', 'after')], TODAY);
    expect(s.tasks.get('cp')).toEqual({
      forecastStart: '2026-11-02',
      forecastFinish: '2026-11-20',
      slackDays: null,
      totalFloatDays: null,
      freeFloatDays: null,
      critical: false,
      forecastLateDays: 0,
    });
    expect(s.tasks.get('after')).toMatchObject({ forecastStart: '2026-11-30', forecastFinish: '2026-12-10' });
  });

  it.each<[string, Partial<TScheduleTask>, TIsoDate, TIsoDate]>([
    // status and progress, forecast start, forecast finish (planned 1-21 Nov, 20 days)
    ['done without dates: planned start to due date', { status: 'done' }, '2026-11-01', '2026-11-21'],
    ['done, finished early', { status: 'done', completedOn: '2026-11-15' }, '2026-11-01', '2026-11-15'],
    [
      'in progress 50% from a late actual start: 10 days left from today',
      { status: 'in_progress', actualStart: '2026-11-10', percentComplete: 50 },
      '2026-11-10',
      '2026-12-03',
    ],
    [
      'in progress 100% but not done: today at the earliest',
      { status: 'in_progress', actualStart: '2026-11-01', percentComplete: 100 },
      '2026-11-01',
      TODAY,
    ],
    [
      'blocked 33% with no actual start recorded: planned start, ceil(13.4) = 14 days left',
      { status: 'blocked', percentComplete: 33 },
      '2026-11-01',
      '2026-12-07',
    ],
    ['not started and overdue: starts today, planned length', {}, TODAY, '2026-12-13'],
    [
      'old caller without actualStart or percentComplete',
      { status: 'in_progress', actualStart: undefined, percentComplete: undefined },
      '2026-11-01',
      '2026-12-13',
    ],
  ])('%s', (_, p, start, finish) => {
    const s = scheduleTransfer(
      TRANSFER,
      [task('t', { startDate: '2026-11-01', dueDate: '2026-11-21', ...p })],
      [],
      TODAY,
    );
    expect(s.tasks.get('t')).toMatchObject({ forecastStart: start, forecastFinish: finish });
  });

  it('never forecasts early completion: work in progress well ahead still finishes on its due date', () => {
    const tasks = [
      task('t', {
        status: 'in_progress',
        startDate: '2026-11-20',
        dueDate: '2026-12-20',
        actualStart: '2026-11-20',
        percentComplete: 90,
      }),
    ];
    const s = scheduleTransfer(TRANSFER, tasks, [], TODAY);
    expect(s.tasks.get('t')).toMatchObject({
      forecastFinish: '2026-12-20',
      forecastLateDays: 0,
      totalFloatDays: 0,
    });
    expect(s.marginDays).toBe(11);
  });

  it('future work waits for its planned start and its predecessors plus lag', () => {
    const tasks = [
      task('a', { startDate: '2026-12-01', dueDate: '2026-12-05' }),
      task('b', { startDate: '2026-12-02', dueDate: '2026-12-04' }),
    ];
    const s = scheduleTransfer(TRANSFER, tasks, [dep('a', 'b', 3)], TODAY);
    expect(s.tasks.get('a')).toMatchObject({ forecastStart: '2026-12-01', forecastFinish: '2026-12-05' });
    expect(s.tasks.get('b')).toMatchObject({
      forecastStart: '2026-12-08',
      forecastFinish: '2026-12-10',
      forecastLateDays: 6,
    });
    expect(s.marginDays).toBe(21);
    expect(s.criticalPath).toEqual(['a', 'b']);
  });

  it('leaves out cancelled tasks and their dependencies; an empty plan has no forecast', () => {
    const tasks = [
      task('a', { startDate: '2026-12-01', dueDate: '2026-12-05' }),
      task('x', { status: 'cancelled', startDate: '2026-12-01', dueDate: '2027-03-01' }),
    ];
    const s = scheduleTransfer(TRANSFER, tasks, [dep('x', 'a')], TODAY);
    expect([...s.tasks.keys()]).toEqual(['a']);
    expect(s.forecastGoLive).toBe('2026-12-05');
    expect(scheduleTransfer(TRANSFER, [tasks[1]!], [], TODAY)).toEqual({
      tasks: new Map(),
      forecastGoLive: null,
      criticalPath: [],
      slackDays: null,
      marginDays: null,
    });
  });
});

describe('transfer milestones with their state', () => {
  it('the ELI milestone is met on the day ELI was actually sent', () => {
    const m = transferMilestonesWithState(
      {
        plannedTransferDate: '2026-12-31',
        proposedRedundancies: 0,
        firstDismissalDate: null,
        legacyAccessDays: 90,
      },
      [{ templateKey: 'eli', status: 'done', completedOn: '2026-11-20' }],
      TODAY,
    );
    expect(m.find((x) => x.key === 'eli_due')).toMatchObject({
      date: '2026-12-03',
      doneOn: '2026-11-20',
      state: 'done',
    });
  });
});
