/**
 * Generates src/generated/db.ts from the migrations: migrate a scratch database on the PostgreSQL named by
 * CODEGEN_DATABASE_URL (default: the local server), introspect it with kysely-codegen, drop it.
 * `--check` fails when the committed file differs (CI's drift check).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPostgresDb } from '../src/client';
import { migrateToLatest } from '../src/migrate';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '../src/generated/db.ts');
const check = process.argv.includes('--check');
const base =
  process.env.CODEGEN_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = `baton_codegen_${process.pid}`;
const url = new URL(base);

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${scratch}`);
try {
  url.pathname = `/${scratch}`;
  const handle = createPostgresDb(url.toString(), { max: 1 });
  await migrateToLatest(handle.db);
  await handle.close();
  const out = join(mkdtempSync(join(tmpdir(), 'baton-codegen-')), 'db.ts');
  execFileSync(
    'pnpm',
    [
      'exec',
      'kysely-codegen',
      '--dialect',
      'postgres',
      '--url',
      url.toString(),
      '--out-file',
      out,
      '--exclude-pattern',
      'kysely_*',
      '--date-parser',
      'string',
      '--numeric-parser',
      'number',
      '--type-mapping',
      JSON.stringify({ int8: 'ColumnType<number, bigint | number | string, bigint | number | string>' }),
    ],
    { stdio: 'inherit', cwd: join(here, '..') },
  );
  const generated = readFileSync(out, 'utf8');
  if (check) {
    if (readFileSync(target, 'utf8') !== generated) {
      console.error(
        'src/generated/db.ts is out of date with the migrations: run `pnpm db:codegen` and commit it.',
      );
      process.exitCode = 1;
    } else console.log('Generated table types match the migrations.');
  } else {
    writeFileSync(target, generated);
    console.log(`Wrote ${target}`);
  }
} finally {
  await admin.query(`drop database if exists ${scratch} with (force)`);
  await admin.end();
}
