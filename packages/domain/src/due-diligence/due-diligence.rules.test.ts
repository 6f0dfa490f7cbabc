import { describe, expect, it } from 'vitest';
import {
  chaseRefusal,
  clarificationRefusal,
  ddStateOf,
  ddTransitionRefusal,
  mayBeAsked,
  mayRequestAs,
  releaseRefusal,
} from './due-diligence.rules';

describe('a due diligence request today', () => {
  it.each([
    ['open', '2026-12-10', { overdue: false, daysOverdue: 0, daysToDue: 8 }],
    ['open', '2026-12-02', { overdue: false, daysOverdue: 0, daysToDue: 0 }],
    ['open', '2026-12-01', { overdue: true, daysOverdue: 1, daysToDue: -1 }],
    ['returned', '2026-11-20', { overdue: true, daysOverdue: 12, daysToDue: -12 }],
    ['answered', '2026-11-20', { overdue: false, daysOverdue: 0, daysToDue: null }],
    ['accepted', '2026-11-20', { overdue: false, daysOverdue: 0, daysToDue: null }],
    ['withdrawn', '2026-11-20', { overdue: false, daysOverdue: 0, daysToDue: null }],
  ] as const)('%s, due %s', (status, dueOn, expected) => {
    expect(ddStateOf({ status, dueOn }, '2026-12-02')).toEqual(expected);
  });
});

describe('what may happen next', () => {
  it.each([
    ['answer', 'open', true],
    ['answer', 'returned', true],
    ['answer', 'answered', true],
    ['answer', 'accepted', false],
    ['answer', 'withdrawn', false],
    ['review', 'answered', true],
    ['review', 'open', false],
    ['review', 'accepted', false],
    ['withdraw', 'open', true],
    ['withdraw', 'accepted', false],
    ['edit', 'returned', true],
    ['edit', 'withdrawn', false],
  ] as const)('%s a request that is %s: %s', (action, status, allowed) => {
    expect(ddTransitionRefusal(action, status) === null).toBe(allowed);
  });

  it('chases once a day while an answer is awaited', () => {
    expect(chaseRefusal({ status: 'open', lastChasedOn: null }, '2026-12-02')).toBeNull();
    expect(chaseRefusal({ status: 'returned', lastChasedOn: '2026-12-01' }, '2026-12-02')).toBeNull();
    expect(chaseRefusal({ status: 'open', lastChasedOn: '2026-12-02' }, '2026-12-02')).toMatch(/already/);
    expect(chaseRefusal({ status: 'answered', lastChasedOn: null }, '2026-12-02')).toMatch(/awaiting/);
  });

  it('releases an accepted answer once', () => {
    expect(releaseRefusal({ status: 'accepted', releasedAt: null })).toBeNull();
    expect(releaseRefusal({ status: 'answered', releasedAt: null })).toMatch(/Accept/);
    expect(releaseRefusal({ status: 'accepted', releasedAt: new Date() })).toMatch(/already/);
  });

  it('answers a clarification until it is published, and publishes only an answered one', () => {
    expect(clarificationRefusal('answer', 'open')).toBeNull();
    expect(clarificationRefusal('answer', 'answered')).toBeNull();
    expect(clarificationRefusal('publish', 'open')).toMatch(/Answer/);
    expect(clarificationRefusal('publish', 'answered')).toBeNull();
    expect(clarificationRefusal('answer', 'published')).toMatch(/final/);
    expect(clarificationRefusal('withdraw', 'withdrawn')).toMatch(/withdrawn/);
  });
});

describe('who asks and who is asked', () => {
  it.each([
    [['lead_commissioner'], true, true],
    [['co_commissioner'], true, true],
    [['incoming_provider'], true, true],
    [['outgoing_provider'], false, true],
    [['outgoing_provider', 'bidder'], false, true],
    [['bidder'], false, false],
    [[], false, false],
  ] as const)('%j: may ask %s, may be asked %s', (roles, asks, asked) => {
    expect(mayRequestAs(roles)).toBe(asks);
    expect(mayBeAsked(roles)).toBe(asked);
  });
});
