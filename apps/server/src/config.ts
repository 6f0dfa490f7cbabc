import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** One trusted proxy: an address, a CIDR range, or one of proxy-addr's names for the usual private ranges. */
function isProxySpec(s: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(s)) return true;
  const [ip, bits, ...rest] = s.split('/');
  const version = isIP(ip ?? '');
  if (!version || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/** BATON_TRUSTED_PROXIES: comma-separated; empty trusts no proxy. */
const proxyList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every(isProxySpec),
    'List the proxies as IP addresses or CIDR ranges, comma-separated, e.g. 127.0.0.1,10.0.0.0/8',
  );

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  BATON_DATA_DIR: z.string().default(resolve(repoRoot, '.baton/data')),
  BATON_DEMO: flag.optional(),
  BATON_MIGRATE: flag.default(true),
  BATON_PUBLIC_URL: z.string().url().optional(),
  BATON_TRUSTED_PROXIES: proxyList.default([]),
  BATON_WEB_DIST: z.string().default(resolve(repoRoot, 'apps/web/dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BATON_SMTP_URL: z
    .string()
    .url()
    .refine(
      (u) => /^smtps?:\/\//.test(u),
      'Use smtp://host:587 or smtps://host:465 (user:password@ optional)',
    )
    .optional(),
  BATON_MAIL_FROM: z.string().min(3).default('Baton <baton@localhost>'),
  BATON_JOBS: flag.default(true),
  BATON_SECRET_KEY: z
    .string()
    .min(32, 'Use at least 32 random characters, e.g. the output of: openssl rand -base64 32')
    .optional(),
  BATON_BACKUP_DIR: z.string().default(resolve(repoRoot, '.baton/backups')),
  BATON_BACKUP_KEEP: z.coerce.number().int().min(0, 'Use 0 to turn nightly backups off').max(3650).default(7),
  BATON_WEB_PROCESSES: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], {
      error: 'Use a number of processes from 1 to 64, or auto (one per CPU core)',
    })
    .default(1),
});

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Load the demo programme into an empty database: by default only on the embedded database. */
  demo: boolean;
  migrate: boolean;
  publicUrl: string | undefined;
  /**
   * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For / -Host / -Proto are believed. Empty:
   * none, so the client address is the socket's and a client cannot pick its own (sign-in limits are per
   * address). Name only proxies that overwrite or append to X-Forwarded-For themselves.
   */
  trustedProxies: string[];
  /** Secure cookies whenever the public address is https. */
  secureCookies: boolean;
  webDist: string;
  logLevel: string;
  /** Mail server for notification emails; unset: emails wait in the outbox, marked as not sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * Encrypts the secrets Baton must read back (identity providers' client secrets, authenticator seeds). Unset
   * on the embedded database: a key is made once and kept in the data directory (secret.key). Unset on
   * PostgreSQL: single sign-on with a client secret and second factors are unavailable until it is set (every
   * instance needs the same key, so Baton does not invent one).
   */
  secretKey: string | undefined;
  /** Run the background jobs (pg-boss workers) in this process; off for web-only instances. */
  jobs: boolean;
  /** The embedded database only: where the nightly backup goes, and how many are kept (0: none taken). */
  backupDir: string;
  backupKeep: number;
  /**
   * HTTP processes on PostgreSQL (node:cluster, sharing the port): 'auto' is one per CPU core. The embedded
   * database is one process's, so it always serves from one.
   */
  webProcesses: number | 'auto';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = ZEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Baton cannot start: the environment has invalid settings:\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.BATON_DATA_DIR),
    demo: e.BATON_DEMO ?? !e.DATABASE_URL,
    migrate: e.BATON_MIGRATE,
    publicUrl: e.BATON_PUBLIC_URL,
    trustedProxies: e.BATON_TRUSTED_PROXIES,
    secureCookies: e.BATON_PUBLIC_URL?.startsWith('https://') ?? false,
    webDist: e.BATON_WEB_DIST,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.BATON_SMTP_URL,
    mailFrom: e.BATON_MAIL_FROM,
    jobs: e.BATON_JOBS,
    secretKey: e.BATON_SECRET_KEY,
    backupDir: resolve(e.BATON_BACKUP_DIR),
    backupKeep: e.BATON_BACKUP_KEEP,
    webProcesses: e.BATON_WEB_PROCESSES,
  };
}
