import { createHash } from 'node:crypto';
import { canonicalJson } from '@baton/domain';
import { sql } from 'kysely';
import type { Executor } from '../client';
import type { TAuditFacts, TFixtureFacts, TMigrationRow, TPackFacts, TTableFacts } from './fixtures';

/*
 * What a database holds, read the same way on PGlite and PostgreSQL: the facts a fixture's manifest records
 * (row counts and keys per table, frozen packs, the audit trail, the applied migrations), and for the upgrade
 * check the whole content of every row, column by column, so that a migration that loses or rewrites a value
 * is caught and named.
 */

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const table = (name: string) => sql.raw(`public.${ident(name)}`);

export interface TTableShape {
  name: string;
  columns: string[];
  /** Primary key columns, in key order; empty when the table has none (rows are then told apart by content). */
  key: string[];
}

/** The public schema's tables (not views), with their columns and primary keys, by name. */
export async function readSchema(db: Executor): Promise<Map<string, TTableShape>> {
  const [tables, columns, keys] = await Promise.all([
    sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db),
    sql<{ table: string; column: string }>`
      select table_name as table, column_name as column from information_schema.columns
      where table_schema = 'public' order by table_name, ordinal_position`.execute(db),
    sql<{ table: string; column: string }>`
      select tc.table_name as table, k.column_name as column
      from information_schema.table_constraints tc
      join information_schema.key_column_usage k
        on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
        and k.table_name = tc.table_name
      where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
      order by tc.table_name, k.ordinal_position`.execute(db),
  ]);
  const shapes = new Map<string, TTableShape>(
    tables.rows.map((t) => [t.name, { name: t.name, columns: [], key: [] }]),
  );
  for (const c of columns.rows) shapes.get(c.table)?.columns.push(c.column);
  for (const k of keys.rows) shapes.get(k.table)?.key.push(k.column);
  return shapes;
}

/** A row's identity: its primary key as text, or (no key) the md5 of the whole row, with a repeat count. */
function keyExpression(shape: TTableShape, columns: readonly string[]): string {
  if (shape.key.length) return shape.key.map((k) => `${ident(k)}::text`).join(` || '|' || `);
  return `md5(row(${columns.map(ident).join(', ')})::text)`;
}

async function readKeys(db: Executor, shape: TTableShape): Promise<string[]> {
  const r = await sql<{ k: string }>`select ${sql.raw(keyExpression(shape, shape.columns))} as k
    from ${table(shape.name)}`.execute(db);
  return r.rows.map((row) => row.k);
}

function keysSha256(keys: string[]): string {
  return sha256([...keys].sort().join('\n'));
}

export async function readTableFacts(db: Executor, shape: TTableShape): Promise<TTableFacts> {
  const keys = await readKeys(db, shape);
  return { rows: keys.length, keysSha256: keysSha256(keys) };
}

/** The pack column of pack_snapshots: `pack` (jsonb) since 0005; `pack_json` should a release rename it. */
export function packColumnOf(shape: TTableShape | undefined): string | undefined {
  return ['pack', 'pack_json'].find((c) => shape?.columns.includes(c));
}

export interface TStoredPack extends TPackFacts {
  /** SHA-256 of the canonical JSON of the stored pack, as the app computes `intact`. */
  canonicalSha256: string;
}

/** Every frozen pack, with the hashes of its stored text and of its canonical JSON. */
export async function readPacks(db: Executor, shape: TTableShape | undefined): Promise<TStoredPack[]> {
  const column = packColumnOf(shape);
  if (!shape || !column) return [];
  const r = await sql<{
    id: string;
    meeting_id: string;
    programme_id: string;
    as_at: string;
    sha256: string;
    stored: string;
  }>`select id::text as id, meeting_id::text as meeting_id, programme_id::text as programme_id,
      as_at::text as as_at, sha256, ${sql.raw(ident(column))}::text as stored
    from public.pack_snapshots order by pack_snapshots.id`.execute(db);
  return r.rows.map((p) => ({
    id: p.id,
    meetingId: p.meeting_id,
    programmeId: p.programme_id,
    asAt: p.as_at,
    sha256: p.sha256,
    storedSha256: sha256(p.stored),
    canonicalSha256: sha256(canonicalJson(JSON.parse(p.stored))),
  }));
}

/** The audit trail's count and hash, over every event or only those up to `maxId` (a fixture's own events). */
export async function readAudit(db: Executor, maxId?: string): Promise<TAuditFacts> {
  const r = await sql<{
    id: string;
    entity_type: string;
    entity_id: string;
    action: string;
    summary: string;
  }>`
    select id::text as id, entity_type, entity_id, action, summary from public.audit_events
    ${maxId === undefined ? sql`` : sql`where id <= ${maxId}::bigint`}
    order by audit_events.id`.execute(db);
  const hash = createHash('sha256');
  for (const e of r.rows) {
    hash.update(`${JSON.stringify([e.id, e.entity_type, e.entity_id, e.action, e.summary])}\n`);
  }
  return { count: r.rows.length, maxId: r.rows.at(-1)?.id ?? '0', sha256: hash.digest('hex') };
}

export async function readMigrationRows(db: Executor): Promise<TMigrationRow[]> {
  const r =
    await sql<TMigrationRow>`select name, timestamp from public.kysely_migration order by name`.execute(db);
  return r.rows.map((m) => ({ name: m.name, timestamp: m.timestamp }));
}

/** The facts a manifest records, read from a database. */
export async function readFixtureFacts(db: Executor): Promise<TFixtureFacts> {
  const schema = await readSchema(db);
  const tables: Record<string, TTableFacts> = {};
  for (const shape of schema.values()) tables[shape.name] = await readTableFacts(db, shape);
  const packs = (await readPacks(db, schema.get('pack_snapshots'))).map(({ canonicalSha256: _c, ...p }) => p);
  return {
    tables,
    packs,
    auditEvents: schema.has('audit_events')
      ? await readAudit(db)
      : { count: 0, maxId: '0', sha256: sha256('') },
    migrations: schema.has('kysely_migration') ? await readMigrationRows(db) : [],
  };
}

/** One table's rows: for each row identity, the md5 of each column's text (null for NULL), in column order. */
export interface TTableContent {
  shape: TTableShape;
  rows: Map<string, Array<string | null>>;
}

/** Rows keyed by primary key; without one, by their content, with a repeat count for identical rows. */
function keyed(shape: TTableShape, rows: Array<{ k: string; d: Array<string | null> }>): TTableContent {
  const out = new Map<string, Array<string | null>>();
  for (const row of rows) {
    let k = shape.key.length ? row.k : sha256(JSON.stringify(row.d));
    if (!shape.key.length) for (let n = 2; out.has(k); n++) k = `${k.replace(/#\d+$/, '')}#${n}`;
    out.set(k, row.d);
  }
  return { shape, rows: out };
}

/**
 * The content of every row of a table, column by column. `columns` restricts (and orders) the columns read:
 * after a migration, the check reads only the columns the fixture had.
 */
export async function readTableContent(
  db: Executor,
  shape: TTableShape,
  columns: readonly string[] = shape.columns,
): Promise<TTableContent> {
  const digests = columns.map((c) => `md5(${ident(c)}::text)`);
  const key = shape.key.length ? shape.key.map((k) => `${ident(k)}::text`).join(` || '|' || `) : `''`;
  const r = await sql<{ k: string; d: Array<string | null> }>`
    select ${sql.raw(key)} as k, array[${sql.raw(digests.length ? digests.join(', ') : `''`)}]::text[] as d
    from ${table(shape.name)}`.execute(db);
  const rows = digests.length ? r.rows : r.rows.map((row) => ({ k: row.k, d: [] }));
  return keyed({ ...shape, columns: [...columns] }, rows);
}

/** The same rows seen through fewer columns (those a migration kept), re-keyed if the table has no key. */
export function projectContent(content: TTableContent, columns: readonly string[]): TTableContent {
  const at = columns.map((c) => content.shape.columns.indexOf(c));
  if (at.some((i) => i < 0))
    throw new Error(`${content.shape.name} has no column ${columns[at.indexOf(-1)]}`);
  const rows = [...content.rows].map(([k, d]) => ({ k, d: at.map((i) => d[i] ?? null) }));
  return keyed({ ...content.shape, columns: [...columns] }, rows);
}
