import { describe, expect, it } from 'vitest';
import { dependencyPath, ganttRange, ganttRows, isCriticalLink, mondays, monthStarts } from './ganttLayout';

const task = (id: string, over: Partial<Parameters<typeof ganttRows>[0][number]> = {}) => ({
  id,
  title: id,
  workstream: 'workforce_tupe' as const,
  kind: 'task' as const,
  startDate: '2027-01-04',
  dueDate: '2027-01-18',
  forecastStart: '2027-01-04',
  forecastFinish: '2027-01-18',
  critical: false,
  ...over,
});

describe('gantt layout', () => {
  it('groups rows by workstream in the given order, skipping empty ones', () => {
    const rows = ganttRows(
      [task('a', { workstream: 'it_data_records' }), task('b'), task('c')],
      ['workforce_tupe', 'estates_facilities', 'it_data_records'],
    );
    expect(rows.map((r) => (r.type === 'group' ? `#${r.workstream}:${r.count}` : r.task.id))).toEqual([
      '#workforce_tupe:2',
      'b',
      'c',
      '#it_data_records:1',
      'a',
    ]);
  });

  it('spans every date with a margin, snapped to a Monday or the 1st of a month', () => {
    const tasks = [task('a', { forecastFinish: '2027-02-10' })];
    const week = ganttRange(tasks, ['2027-03-01'], 'week');
    expect(new Date(`${week.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(week.start <= '2026-12-28').toBe(true);
    expect(week.end > '2027-03-14').toBe(true);
    const month = ganttRange(tasks, ['2027-03-01'], 'month');
    expect(month).toMatchObject({ start: '2026-12-01', end: '2027-04-01' });
  });

  it('lists month starts and Mondays inside the range', () => {
    expect(monthStarts('2026-11-15', '2027-02-01')).toEqual(['2026-12-01', '2027-01-01']);
    expect(monthStarts('2026-12-01', '2027-01-02')).toEqual(['2026-12-01', '2027-01-01']);
    expect(mondays('2026-11-25', '2026-12-15')).toEqual(['2026-11-30', '2026-12-07', '2026-12-14']);
  });

  it('draws an elbow forwards, and doubles back between the rows when the successor starts earlier', () => {
    expect(dependencyPath(100, 15, 140, 75)).toBe('M 100 15 H 106 V 75 H 140');
    expect(dependencyPath(100, 15, 90, 75)).toBe('M 100 15 H 106 V 60 H 80 V 75 H 90');
  });

  it('marks a link critical only when it drives a critical successor', () => {
    const pred = { critical: true, forecastFinish: '2027-01-18' };
    expect(isCriticalLink(pred, { critical: true, forecastStart: '2027-01-18' }, 0)).toBe(true);
    expect(isCriticalLink(pred, { critical: true, forecastStart: '2027-01-21' }, 3)).toBe(true);
    expect(isCriticalLink(pred, { critical: true, forecastStart: '2027-01-25' }, 0)).toBe(false);
    expect(isCriticalLink(pred, { critical: false, forecastStart: '2027-01-18' }, 0)).toBe(false);
  });
});
