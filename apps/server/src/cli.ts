import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import {
  createPgliteDb,
  createDb,
  DataDirBusyError,
  migrateToLatest,
  restoreBackup,
  writeBackup,
} from '@baton/db';
import { loadConfig } from './config';
import { createAdmin } from './admin/create-admin';
import { ssoCommand, SSO_USAGE } from './admin/sso-admin';
import { resolveSecretKey } from './secret-key';
import { printDemoSignIns } from './demo/print-sign-ins';
import { seedDemo } from './demo/demo.seed';
import { jobsCommand, JOBS_USAGE, runWorker } from './jobs/worker';
import { serve } from './serve';

const USAGE = `Usage: baton <command>
  serve                      migrate (unless BATON_MIGRATE=0), load demo data if enabled, serve HTTP
  migrate                    apply pending database migrations
  seed                       load the demo programme into an empty database
  create-admin --email E --name N --organisation O [--password P]
                             create the first system administrator (for real deployments)
  worker                     run only the background jobs (notifications, email), no HTTP
  backup <file>              back up the embedded database to <file> (.tar.gz); PostgreSQL: use pg_dump
  restore <file>             replace the embedded database with a backup (the old one is kept beside it)
${SSO_USAGE}
${JOBS_USAGE}`;

/** A file named on the command line, relative to where the person typed it (pnpm runs us elsewhere). */
const fromCaller = (file: string) => resolve(process.env.INIT_CWD ?? process.cwd(), file);

const PG_DUMP_HELP = `Baton is using PostgreSQL (DATABASE_URL): back it up with PostgreSQL's own tools, e.g.
  pg_dump --format=custom --file=baton.dump "$DATABASE_URL"
and restore into an empty database with
  pg_restore --no-owner --dbname="$DATABASE_URL" baton.dump`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return;
    case 'worker':
      await runWorker(config);
      return;
    case 'jobs':
      await jobsCommand(config, rest);
      return;
    case 'migrate': {
      const handle = await createDb(config);
      const applied = await migrateToLatest(handle.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      await handle.close();
      return;
    }
    case 'seed': {
      const handle = await createDb(config);
      await migrateToLatest(handle.db);
      const result = await seedDemo(handle.db);
      if (result.loaded) printDemoSignIns(result);
      else console.log('The database already has programmes: demo data not loaded.');
      await handle.close();
      return;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          organisation: { type: 'string' },
          password: { type: 'string' },
        },
      });
      const handle = await createDb(config);
      await migrateToLatest(handle.db);
      try {
        const result = await createAdmin(handle.db, values);
        console.log(`Created system administrator ${result.email} (${result.organisation}).`);
        if (result.generatedPassword)
          console.log(`Password (shown once, change it after signing in): ${result.generatedPassword}`);
      } finally {
        await handle.close();
      }
      return;
    }
    case 'sso': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          organisation: { type: 'string' },
          name: { type: 'string' },
          issuer: { type: 'string' },
          'client-id': { type: 'string' },
          'client-secret-env': { type: 'string' },
          domains: { type: 'string' },
          'require-sso': { type: 'boolean' },
          disabled: { type: 'boolean' },
        },
      });
      const handle = await createDb(config);
      await migrateToLatest(handle.db);
      try {
        console.log(
          await ssoCommand(handle.db, resolveSecretKey(config, handle.engine), positionals, values),
        );
      } finally {
        await handle.close();
      }
      return;
    }
    case 'backup': {
      const [file] = rest;
      if (!file) throw new Error('Usage: baton backup <file>');
      if (config.databaseUrl) throw new Error(PG_DUMP_HELP);
      const handle = await createPgliteDb(config.dataDir).catch((e: unknown) => {
        if (e instanceof DataDirBusyError)
          throw new Error(
            `${e.message}\nWhile the server runs it takes a consistent backup itself every night at 02:00 into ` +
              `${config.backupDir} (BATON_BACKUP_DIR), keeping the newest ${config.backupKeep}.`,
          );
        throw e;
      });
      try {
        const info = await writeBackup(handle, fromCaller(file));
        console.log(`Backed up the embedded database to ${info.file} (${Math.round(info.bytes / 1024)} KB).`);
      } finally {
        await handle.close();
      }
      return;
    }
    case 'restore': {
      const [file] = rest;
      if (!file) throw new Error('Usage: baton restore <file>');
      if (config.databaseUrl) throw new Error(PG_DUMP_HELP);
      const r = await restoreBackup(config.dataDir, fromCaller(file));
      console.log(
        `Restored ${r.programmes} programme(s), ${r.risks} risk(s) and ${r.auditEvents} audit events` +
          (r.lastChangeAt ? ` (last change ${r.lastChangeAt.toISOString()})` : '') +
          ` into ${config.dataDir}.` +
          (r.previousDataDir ? ` The database it replaced is kept at ${r.previousDataDir}.` : ''),
      );
      return;
    }
    default:
      console.log(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
