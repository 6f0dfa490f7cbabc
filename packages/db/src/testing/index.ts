import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPgliteDb, createPostgresDb, type DbHandle } from '../client';
import { migrateToLatest } from '../migrate';
import { migrations } from '../migrations/index';

/*
 * A fresh, migrated database per test file. Without DATABASE_URL: in-memory PGlite. With it: a new database
 * on that server copied from a migrated template, so suites never see each other's rows and runs never
 * collide. The template is named after a hash of the migrations, so a changed migration builds a new one.
 */

const migrationsHash = createHash('sha256')
  .update(
    Object.entries(migrations)
      .map(([name, m]) => name + m.up.toString())
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 12);

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function ensureTemplate(admin: pg.Client, baseUrl: string): Promise<string> {
  const template = `baton_tpl_${migrationsHash}`;
  await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${template}`);
      const h = createPostgresDb(withDatabase(baseUrl, template), { max: 1 });
      try {
        await migrateToLatest(h.db);
      } catch (e) {
        await h.close();
        await admin.query(`drop database ${template}`);
        throw e;
      }
      await h.close();
    }
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
  }
  return template;
}

export async function createTestDb(): Promise<DbHandle> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const h = await createPgliteDb();
    await migrateToLatest(h.db);
    return h;
  }
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const template = await ensureTemplate(admin, baseUrl);
    const name = `baton_test_${randomBytes(6).toString('hex')}`;
    // Copying a template needs it idle: retry briefly if another file is copying it at this moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        break;
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const h = createPostgresDb(withDatabase(baseUrl, name), { max: 5 });
    return {
      ...h,
      async close() {
        await h.close();
        const a = new pg.Client({ connectionString: baseUrl });
        await a.connect();
        // The pool reports itself closed a moment before its sockets are gone: wait for them rather than
        // force-terminating, which would surface as a stray error in the suite that just finished.
        for (let attempt = 0; ; attempt++) {
          const open = await a.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
            name,
          ]);
          if (open.rows[0].n === 0 || attempt >= 50) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  } finally {
    await admin.end();
  }
}

export const testEngine = (): 'postgres' | 'pglite' => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
