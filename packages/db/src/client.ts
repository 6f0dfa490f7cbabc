import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type LogConfig, type Transaction } from 'kysely';
import { lockDataDir } from './embedded/data-dir-lock';
import { startPGliteThread, type TPGliteLike } from './embedded/pglite-thread';
import { PGliteDialect } from './pglite-dialect';
import pg from 'pg';
import type { DB } from './generated/db';

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Repository functions take either: a caller composes several inside one transaction. */
export type Executor = Database | Tx;

export type DbEngine = 'postgres' | 'pglite';

export interface DbHandle {
  db: Database;
  engine: DbEngine;
  /**
   * Raw SQL for job libraries (pg-boss): text may hold several statements when there are no values. On PGlite
   * it waits its turn in the same queue as Kysely's connections, so a job's SQL never runs inside a request's
   * open transaction; never call it (or anything that uses it) from inside a Kysely transaction.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  /**
   * The embedded database only: its whole data folder as a gzipped tarball, taken between two queries (no
   * transaction is open) after a checkpoint, so it is consistent while the server runs.
   */
  dumpDataDir?(): Promise<Buffer>;
  close(): Promise<void>;
}

/*
 * Both engines hand back the same JS shapes: calendar dates stay 'YYYY-MM-DD' strings (a Date would shift
 * with the server's time zone), numeric and bigint become numbers (money here is pounds with pence, counts
 * are small), timestamps are Dates.
 */
const OID_DATE = 1082;
const OID_NUMERIC = 1700;
const OID_INT8 = 20;
const identity = (v: string) => v;
const toNumber = (v: string) => Number(v);

pg.types.setTypeParser(OID_DATE, identity);
pg.types.setTypeParser(OID_NUMERIC, toNumber);
pg.types.setTypeParser(OID_INT8, toNumber);

const pgliteParsers = {
  [OID_DATE]: identity,
  [OID_NUMERIC]: toNumber,
  [OID_INT8]: toNumber,
  [pgliteTypes.TIMESTAMPTZ]: (v: string) => new Date(v),
};

export interface DbOptions {
  /** Kysely's query log hook: benchmarks count queries with it. */
  log?: LogConfig;
}

export function createPostgresDb(
  connectionString: string,
  options: DbOptions & { max?: number } = {},
): DbHandle {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection the server closes (a restart, a failover, an administrator ending sessions) is an
  // 'error' on the pool: without a listener it would end the process. The pool drops the connection and opens
  // another when next needed; a query in flight still fails with its own error.
  pool.on('error', (e: Error & { code?: string }) => {
    if (e.code !== '57P01') console.warn(`PostgreSQL closed an idle connection: ${e.message}`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: options.log });
  return {
    db,
    engine: 'postgres',
    async executeSql(text, values) {
      const client = await pool.connect();
      try {
        const result = (await client.query(text, values)) as pg.QueryResult | pg.QueryResult[];
        return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows };
      } catch (e) {
        // A failed multi-statement text can leave its BEGIN open: never pool a connection mid-transaction.
        await client.query('rollback').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/**
 * Embedded PostgreSQL (WASM). `dataDir` undefined keeps it in memory (tests). A data folder is locked to this
 * process while it is open (see lockDataDir).
 */
export async function createPgliteDb(
  dataDir?: string,
  options: DbOptions & {
    loadDataDir?: Blob;
    /** Run PGlite in its own thread, so queries never block this thread's event loop (the server does). */
    thread?: boolean;
  } = {},
): Promise<DbHandle> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  let client: TPGliteLike;
  try {
    client = options.thread
      ? await startPGliteThread({
          ...(dataDir ? { dataDir } : {}),
          ...(options.loadDataDir ? { loadDataDir: await options.loadDataDir.arrayBuffer() } : {}),
        })
      : await PGlite.create({
          dataDir,
          parsers: pgliteParsers,
          loadDataDir: options.loadDataDir,
        });
  } catch (e) {
    release();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client), log: options.log });
  return {
    db,
    engine: 'pglite',
    // Holding a Kysely connection is holding PGlite's one session: the SQL waits for any open transaction.
    executeSql: (text, values) =>
      db.connection().execute(async () => {
        try {
          if (values?.length) return { rows: (await client.query(text, values)).rows };
          // Without values the text may be several statements, which only exec() accepts.
          const results = await client.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        } catch (e) {
          // A failed multi-statement text can leave its BEGIN open: never hand the session on mid-transaction.
          if (await client.isInTransaction()) await client.exec('rollback').catch(() => {});
          throw e;
        }
      }),
    dumpDataDir: () =>
      db.connection().execute(async () => {
        await client.exec('checkpoint');
        const tarball = await client.dumpDataDir('gzip');
        return Buffer.from(await tarball.arrayBuffer());
      }),
    async close() {
      await db.destroy();
      if (!client.closed) await client.close();
      release();
    },
  };
}

export interface DbConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/**
 * DATABASE_URL set: PostgreSQL. Unset: embedded PGlite persisted under dataDir, in its own thread unless
 * `thread` is false (BATON_EMBEDDED_THREAD=0 keeps it in the web server's thread, as tests do).
 */
export async function createDb(config: DbConfig & { thread?: boolean }): Promise<DbHandle> {
  return config.databaseUrl
    ? createPostgresDb(config.databaseUrl)
    : createPgliteDb(config.dataDir, {
        thread: config.thread ?? process.env.BATON_EMBEDDED_THREAD !== '0',
      });
}
