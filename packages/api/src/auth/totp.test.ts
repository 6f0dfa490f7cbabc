import { describe, expect, it } from 'vitest';
import { secretBoxFromKey } from './secret-box';
import { hashRecoveryCode, newRecoveryCodes, totpCodeAt, totpStepFor } from './totp';

/*
 * TOTP against RFC 6238's own test vectors (Appendix B, SHA-1: the ASCII seed "12345678901234567890"), read as
 * the 6-digit codes authenticator apps show (the last six of the RFC's eight), at fixed moments.
 */
const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of "12345678901234567890"

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i seconds gives the RFC’s code %s (its last six digits)', (seconds, rfc) => {
    expect(totpCodeAt(RFC_SEED, seconds * 1000)).toBe(rfc.slice(-6));
    expect(totpStepFor(RFC_SEED, rfc.slice(-6), seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it('accepts a code one step either side of the clock, and no further', () => {
    const t = 1234567890 * 1000;
    const code = totpCodeAt(RFC_SEED, t);
    const step = Math.floor(t / 30_000);
    expect(totpStepFor(RFC_SEED, code, t + 30_000)).toBe(step);
    expect(totpStepFor(RFC_SEED, code, t - 30_000)).toBe(step);
    expect(totpStepFor(RFC_SEED, code, t + 60_000)).toBeNull();
    expect(totpStepFor(RFC_SEED, code, t - 60_000)).toBeNull();
    expect(totpStepFor(RFC_SEED, '000000', t)).toBeNull();
  });

  it('recovery codes: ten, random, and read back however they are typed', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    const c = codes[0]!;
    expect(hashRecoveryCode(c.toLowerCase().replace('-', ' '))).toBe(hashRecoveryCode(c));
  });
});

describe('secrets at rest (AES-256-GCM under BATON_SECRET_KEY)', () => {
  const box = secretBoxFromKey('a-test-secret-key-that-is-long-enough-0123456789');
  it('seals differently each time, opens only with the same key, and refuses a tampered value', () => {
    const a = box.seal('client secret');
    expect(a).not.toBe(box.seal('client secret'));
    expect(a).not.toContain('client secret');
    expect(box.open(a)).toBe('client secret');
    expect(() => secretBoxFromKey('another-key-that-is-also-long-enough-0123456789').open(a)).toThrow();
    const [v, iv, tag, body] = a.split('.');
    const flipped = `${body![0] === 'A' ? 'B' : 'A'}${body!.slice(1)}`;
    expect(() => box.open([v, iv, tag, flipped].join('.'))).toThrow();
    expect(() => secretBoxFromKey('too short')).toThrow(/32 characters/);
  });
});
