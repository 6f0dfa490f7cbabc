import type { Migration } from 'kysely';
import type { DbEngine, DbHandle } from '../client';
import { migrateToLatest } from '../migrate';
import { migrations as currentMigrations } from '../migrations/index';
import { changesFor, MIGRATION_DATA_CHANGES, type TDataChanges } from './data-changes';
import {
  packColumnOf,
  projectContent,
  readAudit,
  readMigrationRows,
  readPacks,
  readSchema,
  readTableContent,
  type TTableContent,
} from './facts';
import type { TUpgradeFixture } from './fixtures';
import { restoreFixture, type RestoredFixture, type RestoreOptions } from './restore';

/*
 * The upgrade check: a database made by an earlier release (a fixture) is restored into a fresh database,
 * checked against its manifest (so the fixture itself is known good; see restore.ts), read in full, migrated with
 * the current migrations (or a list a test passes), and read again. It fails, naming what was lost, unless:
 *   - every table, column and row the fixture had is still there with the same values (or the migration that
 *     changes them says so in MIGRATION_DATA_CHANGES, with its reason);
 *   - every frozen pack still verifies: its stored SHA-256 unchanged, the SHA-256 of its canonical JSON equal to
 *     it (the app's `intact`), and its stored text byte for byte what the fixture held;
 *   - the audit trail the fixture had is intact (the count and the hash over id, entity, action and summary);
 *   - the fixture's migration records are kept and every migration in the list is applied.
 */

export class UpgradeCheckError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'UpgradeCheckError';
  }
}

export interface UpgradeOptions extends RestoreOptions {
  /** Default: the current migrations index. */
  migrations?: Record<string, Migration>;
  /** Default: MIGRATION_DATA_CHANGES. */
  dataChanges?: TDataChanges;
}

export interface UpgradeReport {
  fixture: string;
  engine: DbEngine;
  /** The migrations the upgrade applied, in order. */
  applied: string[];
  tables: number;
  rows: number;
  packs: number;
  auditEvents: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** A few of the rows' keys (primary key values, `|`-joined when composite), for the message. */
const examples = (keys: string[]) =>
  `keys ${keys.slice(0, 3).join(', ')}${keys.length > 3 ? `, and ${keys.length - 3} more` : ''}`;

/** Every table's full content, column by column. */
async function readAllContent(h: DbHandle): Promise<Map<string, TTableContent>> {
  const out = new Map<string, TTableContent>();
  for (const shape of (await readSchema(h.db)).values())
    out.set(shape.name, await readTableContent(h.db, shape));
  return out;
}

/** What the migrations did to the rows the fixture had: a list of problems (empty: nothing lost). */
async function compareAfterUpgrade(
  h: DbHandle,
  fixture: TUpgradeFixture,
  before: Map<string, TTableContent>,
  applied: string[],
  migrationNames: string[],
  declared: TDataChanges,
): Promise<string[]> {
  const problems: string[] = [];
  const schema = await readSchema(h.db);

  for (const [name, old] of before) {
    const changes = changesFor(declared, applied, name);
    const allowed = (change: string) => changes.some((c) => c.change === change);
    if (changes.some((c) => c.change === 'drops' && !c.columns)) continue;
    const shape = schema.get(name);
    if (!shape) {
      problems.push(`table ${name} is gone, with its ${plural(old.rows.size, 'fixture row')}`);
      continue;
    }
    const dropped = new Set(changes.flatMap((c) => (c.change === 'drops' ? (c.columns ?? []) : [])));
    const rewritten = new Set(changes.flatMap((c) => (c.change === 'rewrites' ? c.columns : [])));
    const gone = old.shape.columns.filter((c) => !shape.columns.includes(c) && !dropped.has(c));
    for (const c of gone)
      problems.push(`column ${name}.${c} is gone (${plural(old.rows.size, 'fixture row')})`);
    const kept = old.shape.columns.filter((c) => shape.columns.includes(c));
    if (!old.shape.key.every((k) => kept.includes(k))) {
      problems.push(`${name}: its primary key columns (${old.shape.key.join(', ')}) are gone`);
      continue;
    }
    const was = projectContent(old, kept);
    const now = await readTableContent(h.db, { ...shape, key: old.shape.key }, kept);

    const missing = [...was.rows.keys()].filter((k) => !now.rows.has(k));
    if (missing.length && !allowed('removes-rows')) {
      problems.push(
        `${name}: ${missing.length} of ${plural(was.rows.size, 'fixture row')} are gone (${examples(missing)})`,
      );
    }
    const added = now.rows.size - (was.rows.size - missing.length);
    const expectedAdded = name === 'kysely_migration' ? applied.length : 0;
    if (added !== expectedAdded && !allowed('adds-rows')) {
      problems.push(
        `${name}: ${plural(was.rows.size, 'row')} before the upgrade, ${now.rows.size} after` +
          (name === 'kysely_migration' ? ` (${plural(applied.length, 'migration')} applied)` : ''),
      );
    }
    const changedByColumn = new Map<string, string[]>();
    for (const [k, digests] of was.rows) {
      const after = now.rows.get(k);
      if (!after) continue;
      kept.forEach((column, i) => {
        if (after[i] !== digests[i] && !rewritten.has(column)) {
          const list = changedByColumn.get(column) ?? [];
          list.push(k);
          changedByColumn.set(column, list);
        }
      });
    }
    for (const [column, keys] of changedByColumn) {
      problems.push(
        `${name}.${column} changed in ${keys.length} of ${plural(was.rows.size, 'fixture row')} (${examples(keys)})`,
      );
    }
  }

  // Frozen packs: the evidence of what a steering group saw. Checked as the app checks them, and byte for byte.
  const packShape = schema.get('pack_snapshots');
  const packs = new Map((await readPacks(h.db, packShape)).map((p) => [p.id, p]));
  const packRewritten = changesFor(declared, applied, 'pack_snapshots').some(
    (c) => c.change === 'rewrites' && c.columns.includes(packColumnOf(packShape) ?? 'pack'),
  );
  for (const recorded of fixture.manifest.packs) {
    const p = packs.get(recorded.id);
    const which = `frozen pack ${recorded.id} (meeting ${recorded.meetingId}, as at ${recorded.asAt})`;
    if (!p) {
      problems.push(`${which} is gone`);
      continue;
    }
    if (p.sha256 !== recorded.sha256)
      problems.push(`${which}: its recorded SHA-256 changed from ${recorded.sha256} to ${p.sha256}`);
    if (p.canonicalSha256 !== recorded.sha256)
      problems.push(
        `${which} no longer verifies: its content hashes to ${p.canonicalSha256}, not ${recorded.sha256}`,
      );
    if (p.storedSha256 !== recorded.storedSha256 && !packRewritten)
      problems.push(`${which}: its stored content no longer reads back as it was frozen`);
  }

  // The audit trail the fixture had, as recorded: later events (a later release's) are not part of it.
  const audit = await readAudit(h.db, fixture.manifest.auditEvents.maxId);
  const expected = fixture.manifest.auditEvents;
  if (audit.count !== expected.count || audit.sha256 !== expected.sha256) {
    problems.push(
      `audit trail: the fixture's ${expected.count} events now read as ${audit.count} ` +
        `(hash ${audit.sha256.slice(0, 12)}, recorded ${expected.sha256.slice(0, 12)})`,
    );
  }

  const recorded = new Set((await readMigrationRows(h.db)).map((m) => m.name));
  const unapplied = migrationNames.filter((n) => !recorded.has(n));
  if (unapplied.length) problems.push(`migrations not applied: ${unapplied.join(', ')}`);
  return problems;
}

/**
 * Migrates a copy of the restored fixture and checks nothing was lost; resolves to the migrated database (the
 * caller closes it), so a test can go on to start the app over it. Throws UpgradeCheckError naming every loss.
 * Given a fixture rather than a restored one, restores it first (and drops the template once copied).
 */
export async function upgradeFixture(
  source: TUpgradeFixture | RestoredFixture,
  options: UpgradeOptions = {},
): Promise<{ handle: DbHandle; report: UpgradeReport }> {
  const migrations = options.migrations ?? currentMigrations;
  const restored = 'open' in source ? source : await restoreFixture(source, options);
  const { fixture } = restored;
  let h: DbHandle;
  try {
    h = await restored.open();
  } finally {
    if (restored !== source) await restored.close();
  }
  try {
    const before = await readAllContent(h);
    const applied = await migrateToLatest(h.db, { migrations });
    const problems = await compareAfterUpgrade(
      h,
      fixture,
      before,
      applied,
      Object.keys(migrations),
      options.dataChanges ?? MIGRATION_DATA_CHANGES,
    );
    if (problems.length) {
      throw new UpgradeCheckError(
        `Upgrading the database of release ${fixture.name} (applying ${applied.join(', ') || 'nothing'}) lost or changed data`,
        problems,
      );
    }
    const rows = [...before.values()].reduce((n, t) => n + t.rows.size, 0);
    return {
      handle: h,
      report: {
        fixture: fixture.name,
        engine: h.engine,
        applied,
        tables: before.size,
        rows,
        packs: fixture.manifest.packs.length,
        auditEvents: fixture.manifest.auditEvents.count,
      },
    };
  } catch (e) {
    await h.close();
    throw e;
  }
}

/** The upgrade check on its own: copy the restored fixture, migrate, verify, close. */
export async function checkUpgrade(
  source: TUpgradeFixture | RestoredFixture,
  options: UpgradeOptions = {},
): Promise<UpgradeReport> {
  const { handle, report } = await upgradeFixture(source, options);
  await handle.close();
  return report;
}
