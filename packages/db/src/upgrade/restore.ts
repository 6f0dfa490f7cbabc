import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { createPgliteDb, createPostgresDb, type Database, type DbEngine, type DbHandle } from '../client';
import type { DB } from '../generated/db';
import { PGliteDialect } from '../pglite-dialect';
import { readFixtureFacts } from './facts';
import { readFixtureSql, type TFixtureFacts, type TUpgradeFixture } from './fixtures';

/*
 * A fixture restored once into a template (unlike createTestDb, nothing is migrated), and checked against its
 * manifest, then copied into a fresh database for each check: on PGlite an in-memory database loaded from the
 * template's data directory (seconds faster than restoring the SQL again), on PostgreSQL (DATABASE_URL) a new
 * database created from a template database. Copies and templates are dropped on close.
 */

export interface RestoreOptions {
  /** Default: PostgreSQL when DATABASE_URL is set, PGlite otherwise. */
  engine?: DbEngine;
  /** The PostgreSQL server to create databases on (default DATABASE_URL). */
  databaseUrl?: string;
}

export interface RestoredFixture {
  fixture: TUpgradeFixture;
  engine: DbEngine;
  /** A fresh database holding the fixture as the old release left it (unmigrated); the caller closes it. */
  open(): Promise<DbHandle>;
  /** Drops the template. Copies already opened stay usable. */
  close(): Promise<void>;
}

/** Thrown when a fixture does not restore to what its manifest records (a broken fixture, not a bad upgrade). */
export class FixtureRestoreError extends Error {
  constructor(
    fixture: string,
    readonly problems: string[],
  ) {
    super(
      `Fixture ${fixture} did not restore as its manifest records:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'FixtureRestoreError';
  }
}

/** Runs a fixture's SQL (many statements, no COPY) in one transaction: all of it loads, or none. */
export async function execFixtureSql(h: Pick<DbHandle, 'executeSql'>, sqlText: string): Promise<void> {
  await h.executeSql(`begin;\n${sqlText}\n;commit;`);
}

/** Differences between what a manifest records and what a database holds (empty: they agree). */
export function diffFacts(expected: TFixtureFacts, actual: TFixtureFacts): string[] {
  const problems: string[] = [];
  const names = [...new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)])].sort();
  for (const name of names) {
    const e = expected.tables[name];
    const a = actual.tables[name];
    if (!a) problems.push(`table ${name} is missing`);
    else if (!e) problems.push(`table ${name} is not in the manifest`);
    else if (e.rows !== a.rows) problems.push(`${name}: ${e.rows} rows recorded, ${a.rows} found`);
    else if (e.keysSha256 !== a.keysSha256) problems.push(`${name}: the rows' keys differ from the manifest`);
  }
  const packs = new Map(actual.packs.map((p) => [p.id, p]));
  for (const e of expected.packs) {
    const a = packs.get(e.id);
    if (!a) problems.push(`frozen pack ${e.id} is missing`);
    else if (JSON.stringify(a) !== JSON.stringify(e))
      problems.push(`frozen pack ${e.id} differs from the manifest`);
  }
  if (actual.packs.length !== expected.packs.length)
    problems.push(`${expected.packs.length} frozen packs recorded, ${actual.packs.length} found`);
  const [ea, aa] = [expected.auditEvents, actual.auditEvents];
  if (ea.count !== aa.count || ea.maxId !== aa.maxId || ea.sha256 !== aa.sha256)
    problems.push(
      `audit trail: ${ea.count} events up to id ${ea.maxId} recorded (hash ${ea.sha256.slice(0, 12)}), ` +
        `${aa.count} up to id ${aa.maxId} found (hash ${aa.sha256.slice(0, 12)})`,
    );
  if (JSON.stringify(actual.migrations) !== JSON.stringify(expected.migrations))
    problems.push(
      `applied migrations: recorded ${expected.migrations.map((m) => m.name).join(', ')}; ` +
        `found ${actual.migrations.map((m) => m.name).join(', ')}`,
    );
  return problems;
}

async function verifyRestored(fixture: TUpgradeFixture, db: Database): Promise<void> {
  const problems = diffFacts(fixture.manifest, await readFixtureFacts(db));
  if (problems.length) throw new FixtureRestoreError(fixture.name, problems);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(baseUrl: string, run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

async function restoreIntoPglite(fixture: TUpgradeFixture): Promise<RestoredFixture> {
  const client = await PGlite.create();
  let dataDir: Blob;
  try {
    await client.exec(`begin;\n${readFixtureSql(fixture)}\n;commit;`);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
    await verifyRestored(fixture, db);
    await db.destroy();
    dataDir = await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
  return {
    fixture,
    engine: 'pglite',
    open: () => createPgliteDb(undefined, { loadDataDir: dataDir }),
    close: async () => {},
  };
}

async function restoreIntoPostgres(fixture: TUpgradeFixture, baseUrl: string): Promise<RestoredFixture> {
  const template = `baton_upgrade_tpl_${randomBytes(6).toString('hex')}`;
  const dropTemplate = () =>
    withAdmin(baseUrl, (a) => a.query(`drop database if exists ${template} with (force)`));
  await withAdmin(baseUrl, (a) => a.query(`create database ${template} template template0`));
  try {
    const h = createPostgresDb(withDatabase(baseUrl, template), { max: 1 });
    try {
      await execFixtureSql(h, readFixtureSql(fixture));
      await verifyRestored(fixture, h.db);
    } finally {
      await h.close();
    }
  } catch (e) {
    await dropTemplate();
    throw e;
  }
  return {
    fixture,
    engine: 'postgres',
    async open() {
      const name = `baton_upgrade_${randomBytes(6).toString('hex')}`;
      await withAdmin(baseUrl, async (a) => {
        // Copying needs the template idle: its last pool may take a moment to let go of its socket.
        for (let attempt = 0; ; attempt++) {
          try {
            await a.query(`create database ${name} template ${template}`);
            return;
          } catch (e) {
            if (attempt >= 50) throw e;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      });
      const h = createPostgresDb(withDatabase(baseUrl, name), { max: 5 });
      return {
        ...h,
        async close() {
          await h.close();
          await withAdmin(baseUrl, (a) => a.query(`drop database if exists ${name} with (force)`));
        },
      };
    },
    close: async () => {
      await dropTemplate();
    },
  };
}

/** Restores a fixture into a template and checks it holds what its manifest records. */
export async function restoreFixture(
  fixture: TUpgradeFixture,
  options: RestoreOptions = {},
): Promise<RestoredFixture> {
  const baseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const engine = options.engine ?? (baseUrl ? 'postgres' : 'pglite');
  if (engine === 'pglite') return restoreIntoPglite(fixture);
  if (!baseUrl) throw new Error('Restoring a fixture into PostgreSQL needs DATABASE_URL (or databaseUrl)');
  return restoreIntoPostgres(fixture, baseUrl);
}
