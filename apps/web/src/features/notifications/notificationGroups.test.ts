import { describe, expect, it } from 'vitest';
import { groupNotifications, groupOf } from './notificationGroups';

// 09:00 on Wednesday 10 March 2027 in London (GMT).
const NOW = new Date('2027-03-10T09:00:00Z');

describe('notification groups', () => {
  it.each([
    ['2027-03-10T00:30:00Z', 'today'],
    ['2027-03-10T08:59:00Z', 'today'],
    ['2027-03-09T23:59:00Z', 'week'],
    ['2027-03-04T12:00:00Z', 'week'],
    ['2027-03-03T12:00:00Z', 'earlier'],
  ] as const)('%s is %s', (at, key) => {
    expect(groupOf(new Date(at), NOW)).toBe(key);
  });

  it('uses the UK calendar day, not UTC (summer time)', () => {
    // 23:30 UTC on 14 July is 00:30 on 15 July in London.
    expect(groupOf(new Date('2027-07-14T23:30:00Z'), new Date('2027-07-15T10:00:00Z'))).toBe('today');
  });

  it('keeps order inside groups and leaves out empty ones', () => {
    const items = [
      { id: 'a', createdAt: new Date('2027-03-10T08:00:00Z') },
      { id: 'b', createdAt: new Date('2027-03-10T07:00:00Z') },
      { id: 'c', createdAt: new Date('2027-01-01T07:00:00Z') },
    ];
    expect(groupNotifications(items, NOW).map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ['Today', ['a', 'b']],
      ['Earlier', ['c']],
    ]);
  });
});
