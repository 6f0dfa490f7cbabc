import { todayInUk } from '@baton/domain';
import type { Database, TSessionMethod, TUserRow } from '@baton/db';
import type { TMember } from './access/membership';
import type { SecretBox } from './auth/secret-box';

export const SESSION_COOKIE = 'baton_session';

export interface AuthConfig {
  sessionTtlDays: number;
  inviteTtlDays: number;
  /*
   * Sign-in throttling (the scheme is described in auth/login-throttle.ts). Thresholds count failed
   * attempts; a refused attempt is not counted.
   */
  /** Failures from one address against one account before each further attempt from there must wait. */
  pairFreeFailures: number;
  /** The first wait; it doubles with each further failure of the pair, up to pairMaxDelaySeconds. */
  pairBaseDelaySeconds: number;
  pairMaxDelaySeconds: number;
  /** A pair's failures older than this are forgotten (a success from that address forgets them at once). */
  pairWindowMinutes: number;
  /** Failures from one address across all accounts (password spraying) before that address must wait. */
  maxFailuresPerAddress: number;
  addressWindowMinutes: number;
  /** Failures against one account from all addresses (distributed guessing) before unknown addresses wait. */
  maxFailuresPerAccount: number;
  accountWindowMinutes: number;
  /** An address that signed in to an account this recently is known to it: the two limits above spare it. */
  knownAddressDays: number;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  sessionTtlDays: 14,
  inviteTtlDays: 14,
  pairFreeFailures: 3,
  pairBaseDelaySeconds: 1,
  pairMaxDelaySeconds: 15 * 60,
  pairWindowMinutes: 24 * 60,
  maxFailuresPerAddress: 30,
  addressWindowMinutes: 15,
  maxFailuresPerAccount: 10,
  accountWindowMinutes: 15,
  knownAddressDays: 90,
};

/** What the HTTP layer lends a procedure: who is calling from where, and a way to set the session cookie. */
export interface RequestInfo {
  ip: string;
  /** This site's address as the browser sees it (BATON_PUBLIC_URL, else the request's own), for redirects. */
  origin: string;
  userAgent: string | null;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export interface Session {
  user: TUserRow;
  tokenHash: string;
  /** How this session signed in (absent: a password): a programme can require a second factor. */
  method?: TSessionMethod;
  /** The identity provider it signed in through, if any (its sign-out is offered). */
  providerId?: string | null;
}

export interface Context {
  db: Database;
  session: Session | null;
  request: RequestInfo;
  auth: AuthConfig;
  /** Today's date in the UK: injectable so tests and demo data agree on "today". */
  today: () => string;
  /** Now, in milliseconds: injectable so one-time codes can be tested against a fixed clock. */
  now: () => number;
  /** Seals the secrets Baton must read back (BATON_SECRET_KEY); null when no key is configured. */
  secrets: SecretBox | null;
}

export interface ContextInnerOptions {
  db: Database;
  session?: Session | null;
  request?: Partial<RequestInfo>;
  auth?: Partial<AuthConfig>;
  today?: () => string;
  now?: () => number;
  secrets?: SecretBox | null;
}

/** The context without HTTP: tests call procedures through createCaller with this. */
export function createContextInner(o: ContextInnerOptions): Context {
  return {
    db: o.db,
    session: o.session ?? null,
    request: {
      ip: o.request?.ip ?? '127.0.0.1',
      origin: o.request?.origin ?? 'http://localhost',
      userAgent: o.request?.userAgent ?? null,
      setSessionCookie: o.request?.setSessionCookie ?? (() => {}),
      clearSessionCookie: o.request?.clearSessionCookie ?? (() => {}),
    },
    auth: { ...DEFAULT_AUTH_CONFIG, ...o.auth },
    now: o.now ?? Date.now,
    secrets: o.secrets ?? null,
    today: o.today ?? (() => todayInUk()),
  };
}

/** A signed-in caller acting in one programme: what every programme feature's service receives. */
export interface TMemberContext {
  db: Database;
  user: TUserRow;
  member: TMember;
  today: () => string;
}

/** A signed-in caller outside any programme (their own notifications, the organisation directory). */
export interface TUserContext {
  db: Database;
  user: TUserRow;
  today: () => string;
}
