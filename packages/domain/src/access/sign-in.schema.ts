import { z } from 'zod';
import { ZVersion, refuseControlCharacters, zLine } from '../shared/zod';
import { ZEmail } from './access.schema';

/*
 * Signing in: the organisation's own identity provider (OpenID Connect), and a second factor (TOTP, RFC 6238)
 * for password accounts.
 */

/** A six-digit code from an authenticator app, or a recovery code (ten letters and digits, dashes optional). */
export const ZSecondFactorCode = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^(\d{6}|[A-Z2-7]{10})$/, 'Enter the 6-digit code from your app, or one of your recovery codes'),
  );

export const ZSecondFactorSignInInput = z.object({
  /** A random token (base64url) from the password step; only its hash is looked up. */
  challenge: z
    .string()
    .min(20)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'Sign in with your password again'),
  code: ZSecondFactorCode,
});
export type TSecondFactorSignInInput = z.infer<typeof ZSecondFactorSignInInput>;

export const ZTotpCodeInput = z.object({
  code: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app')),
});

/** An email domain a provider signs in: lower case, at least one dot, no @. */
const ZEmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .max(253)
      .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Enter a domain such as nhs.net'),
  );

const ZIssuer = z
  .string()
  .trim()
  .max(500)
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: 'Enter the issuer address, such as https://login.microsoftonline.com/<tenant>/v2.0',
    }),
  )
  .refine(
    (u) => u.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(u),
    'The issuer must be an https:// address (plain http only on this computer, for testing)',
  )
  .transform((u) => u.replace(/\/$/, ''));

export const ZIdentityProviderInput = z.object({
  organisationId: z.uuid(),
  displayName: zLine({ min: 2, max: 80, tooShort: 'Enter the name people will see, e.g. Northshire ICB' }),
  issuer: ZIssuer,
  clientId: zLine({ min: 1, max: 200, tooShort: 'Enter the application (client) id' }),
  /** Omitted or empty when editing: keep the stored secret. */
  clientSecret: refuseControlCharacters(z.string().max(500)).optional(),
  emailDomains: z.array(ZEmailDomain).min(1, 'Enter at least one email domain').max(20),
  requireSso: z.boolean(),
  enabled: z.boolean(),
  /** The version read, when editing (absent: a new provider). */
  version: ZVersion.optional(),
});
export type TIdentityProviderInput = z.infer<typeof ZIdentityProviderInput>;

export const ZSsoOptionsInput = z.object({ email: ZEmail });

/** Where to go after signing in: a path on this site only (never another site). */
export const ZReturnTo = z
  .string()
  .max(500)
  .refine((p) => /^\/(?![/\\])[^\s]*$/.test(p), 'A path on this site')
  .catch('/');

/** Why a single sign-on attempt did not sign in: each has a message for the sign-in page. */
export const SSO_ERRORS = {
  cancelled: 'Signing in with your organisation was cancelled. Try again, or use your password.',
  expired: 'That sign-in took too long or was already used. Please try again.',
  provider:
    'Your organisation’s sign-in service did not confirm who you are. Please try again; if it keeps happening, tell your Baton administrator.',
  domain:
    'That account’s email domain is not one this organisation signs in. Sign in with your work account.',
  unverified:
    'Your organisation’s sign-in service did not confirm your email address, so Baton cannot link your account. Ask your IT team to release a verified email claim.',
  unknown:
    'There is no Baton account for that email in this organisation. Ask your programme admin for an invitation.',
  other_organisation:
    'That account belongs to another organisation in Baton, so it cannot sign in through this one.',
  disabled: 'This account has been disabled. Ask your programme admin.',
  unavailable:
    'Signing in with your organisation is not available just now. Please try again, or tell your Baton administrator.',
} as const;
export type TSsoError = keyof typeof SSO_ERRORS;
