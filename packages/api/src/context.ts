import type { Database, TUserRow } from '@baton/db';

export const SESSION_COOKIE = 'baton_session';

export interface AuthConfig {
  sessionTtlDays: number;
  inviteTtlDays: number;
  /** Failed sign-ins allowed per email, and per client address, in the window before sign-in is refused. */
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  failureWindowMinutes: number;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  sessionTtlDays: 14,
  inviteTtlDays: 14,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 30,
  failureWindowMinutes: 15,
};

/** What the HTTP layer lends a procedure: who is calling from where, and a way to set the session cookie. */
export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export interface Session {
  user: TUserRow;
  tokenHash: string;
}

export interface Context {
  db: Database;
  session: Session | null;
  request: RequestInfo;
  auth: AuthConfig;
  /** Today's date in the UK: injectable so tests and demo data agree on "today". */
  today: () => string;
}

export interface ContextInnerOptions {
  db: Database;
  session?: Session | null;
  request?: Partial<RequestInfo>;
  auth?: Partial<AuthConfig>;
  today?: () => string;
}

/** The context without HTTP: tests call procedures through createCaller with this. */
export function createContextInner(o: ContextInnerOptions): Context {
  return {
    db: o.db,
    session: o.session ?? null,
    request: {
      ip: o.request?.ip ?? '127.0.0.1',
      userAgent: o.request?.userAgent ?? null,
      setSessionCookie: o.request?.setSessionCookie ?? (() => {}),
      clearSessionCookie: o.request?.clearSessionCookie ?? (() => {}),
    },
    auth: { ...DEFAULT_AUTH_CONFIG, ...o.auth },
    today:
      o.today ?? (() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())),
  };
}
