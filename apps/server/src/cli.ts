import { parseArgs } from 'node:util';
import { createDb, migrateToLatest } from '@baton/db';
import { loadConfig } from './config';
import { createAdmin } from './admin/create-admin';
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
${JOBS_USAGE}`;

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
    default:
      console.log(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
