import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  BATON_DATA_DIR: z.string().default(resolve(repoRoot, '.baton/data')),
  BATON_DEMO: flag.optional(),
  BATON_MIGRATE: flag.default(true),
  BATON_PUBLIC_URL: z.string().url().optional(),
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
  /** Secure cookies whenever the public address is https. */
  secureCookies: boolean;
  webDist: string;
  logLevel: string;
  /** Mail server for notification emails; unset: emails wait in the outbox, marked as not sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Run the background jobs (pg-boss workers) in this process; off for web-only instances. */
  jobs: boolean;
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
    secureCookies: e.BATON_PUBLIC_URL?.startsWith('https://') ?? false,
    webDist: e.BATON_WEB_DIST,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.BATON_SMTP_URL,
    mailFrom: e.BATON_MAIL_FROM,
    jobs: e.BATON_JOBS,
  };
}
