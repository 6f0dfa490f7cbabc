import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';

/*
 * Time-based one-time passwords (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps, as every
 * authenticator app reads them. A code is accepted for the step before and after the current one (clock
 * drift), and each step at most once (the caller records the step it used).
 */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secret: string, account: string) {
  return new OTPAuth.TOTP({
    issuer: 'Baton',
    label: account,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The otpauth:// address an authenticator app scans. */
export function totpUri(secret: string, account: string): string {
  return totpFor(secret, account).toString();
}

/** The time step a code belongs to, if it is valid at `nowMs` (±1 step); null otherwise. */
export function totpStepFor(secret: string, code: string, nowMs: number): number | null {
  const delta = totpFor(secret, '').validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  return Math.floor(nowMs / 1000 / PERIOD) + delta;
}

/** The code for a moment (tests, and nothing else). */
export function totpCodeAt(secret: string, nowMs: number): string {
  return totpFor(secret, '').generate({ timestamp: nowMs });
}

const RECOVERY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Ten single-use recovery codes, 50 random bits each, shown as XXXXX-XXXXX. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % 32]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Recovery codes are long and random: a SHA-256 of the normalised code is enough to store. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');
}
