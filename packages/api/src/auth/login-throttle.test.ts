import type { TLoginAttemptStats } from '@baton/db';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_CONFIG as C } from '../context';
import { pairDelaySeconds, throttleVerdict, waitInWords } from './login-throttle';

const NOW = new Date('2026-11-23T10:00:00Z');
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000);
const quiet: TLoginAttemptStats = {
  now: NOW,
  pairFailures: 0,
  pairLastFailureAt: null,
  knownAddress: false,
  addressFailures: 0,
  addressLimitingFailureAt: null,
  accountFailures: 0,
  accountLimitingFailureAt: null,
};

describe('the pair delay', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 1],
    [4, 2],
    [5, 4],
    [8, 32],
    [12, 512],
    [13, 900],
    [100, 900],
    [10_000, 900],
  ])('after %i failures the next attempt waits %i s', (failures, wait) => {
    expect(pairDelaySeconds(failures, C)).toBe(wait);
  });
});

describe('the verdict', () => {
  it('lets a quiet account and address through', () => {
    expect(throttleVerdict(quiet, C)).toEqual({ allowed: true });
  });

  it('makes the pair wait out its delay from its last failure, then lets it through', () => {
    const s = { ...quiet, pairFailures: 5, pairLastFailureAt: secondsAgo(1) };
    expect(throttleVerdict(s, C)).toEqual({ allowed: false, limit: 'pair', retryAfterSeconds: 3 });
    expect(throttleVerdict({ ...s, pairLastFailureAt: secondsAgo(4) }, C)).toEqual({ allowed: true });
  });

  it('holds an address that reached its limit until its limiting failure leaves the window', () => {
    const s = {
      ...quiet,
      addressFailures: C.maxFailuresPerAddress,
      addressLimitingFailureAt: secondsAgo(C.addressWindowMinutes * 60 - 30),
    };
    expect(throttleVerdict(s, C)).toEqual({ allowed: false, limit: 'address', retryAfterSeconds: 30 });
  });

  it('holds unknown addresses when an account reached its limit, but never a known address', () => {
    const s = {
      ...quiet,
      accountFailures: C.maxFailuresPerAccount + 5,
      accountLimitingFailureAt: secondsAgo(60),
      addressFailures: C.maxFailuresPerAddress,
      addressLimitingFailureAt: secondsAgo(60),
    };
    expect(throttleVerdict(s, C)).toMatchObject({ allowed: false });
    expect(throttleVerdict({ ...s, knownAddress: true }, C)).toEqual({ allowed: true });
    // The pair's own delay still applies at a known address (it counts only failures from there).
    expect(throttleVerdict({ ...s, knownAddress: true, pairFailures: 3, pairLastFailureAt: NOW }, C)).toEqual(
      { allowed: false, limit: 'pair', retryAfterSeconds: 1 },
    );
  });

  it('answers the longest of several waits', () => {
    const s = {
      ...quiet,
      pairFailures: 3,
      pairLastFailureAt: NOW,
      accountFailures: C.maxFailuresPerAccount,
      accountLimitingFailureAt: secondsAgo(0),
    };
    expect(throttleVerdict(s, C)).toEqual({
      allowed: false,
      limit: 'account',
      retryAfterSeconds: C.accountWindowMinutes * 60,
    });
  });
});

describe('waits in words', () => {
  it.each([
    [0.2, '1 second'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
    [3600, '1 hour'],
    [7200, '2 hours'],
  ])('%s s is "%s"', (s, words) => {
    expect(waitInWords(s)).toBe(words);
  });
});
