import { sql, type Kysely, type Migration } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index';
import { testEngine } from '../testing/index';
import {
  MIGRATION_DATA_CHANGES,
  UpgradeCheckError,
  checkUpgrade,
  listUpgradeFixtures,
  restoreFixture,
  type RestoredFixture,
  type TDataChanges,
} from './index';

/*
 * Every database an earlier release made (fixtures/upgrade/<commit>.sql.gz) opens in this one with nothing lost:
 * restored into PGlite (or, with DATABASE_URL, PostgreSQL), migrated with the current index, and checked. A new
 * release's fixture is picked up from the folder. Then the check itself is shown to fail when a migration loses
 * data, with destructive migrations that exist only in this file (appended to a copy of the index).
 */

const fixtures = listUpgradeFixtures();
const engine = testEngine();

/** Each fixture is restored (and checked against its manifest) once per file; every check runs on a copy. */
const restoring = new Map<string, Promise<RestoredFixture>>();
const restored = (name: string) => {
  const fixture = fixtures.find((f) => f.name === name);
  if (!fixture) throw new Error(`No upgrade fixture ${name}`);
  if (!restoring.has(name)) restoring.set(name, restoreFixture(fixture));
  return restoring.get(name)!;
};
afterAll(async () => {
  for (const r of restoring.values()) await (await r).close();
});

describe('upgrade fixtures', () => {
  it('include the release at 874247c', () => {
    expect(fixtures.map((f) => f.name)).toContain('874247c');
  });

  it('declare data changes only for migrations in the index', () => {
    expect(Object.keys(MIGRATION_DATA_CHANGES).filter((name) => !(name in migrations))).toEqual([]);
  });
});

describe.each(fixtures)('upgrading the database of release $name', (fixture) => {
  it(`migrates to the current schema on ${engine} with every row, frozen pack and audit event intact`, async () => {
    const report = await checkUpgrade(await restored(fixture.name));
    const had = new Set(fixture.manifest.migrations.map((m) => m.name));
    expect(report.engine).toBe(engine);
    expect(report.applied).toEqual(Object.keys(migrations).filter((name) => !had.has(name)));
    expect(report.packs).toBe(fixture.manifest.packs.length);
    expect(report.auditEvents).toBe(fixture.manifest.auditEvents.count);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The check fails when a migration loses data

const destructive = (up: (db: Kysely<any>) => Promise<void>): Migration => ({ up });
const withExtra = (m: Migration) => ({ ...migrations, '9999-destructive-test': m });

const LOSSES: Array<[string, Migration, RegExp]> = [
  [
    'deletes some risk history',
    destructive(async (db) => {
      await sql`delete from risk_history where id in (select id from risk_history order by id limit 5)`.execute(
        db,
      );
    }),
    /risk_history: 5 of \d+ fixture rows are gone/,
  ],
  [
    "rewrites a frozen pack's JSON around the immutability trigger",
    destructive(async (db) => {
      await sql`alter table pack_snapshots disable trigger pack_snapshots_no_update`.execute(db);
      await sql`update pack_snapshots set pack = jsonb_set(pack, '{asAt}', '"2000-01-01"')
        where id = (select id from pack_snapshots order by id limit 1)`.execute(db);
      await sql`alter table pack_snapshots enable trigger pack_snapshots_no_update`.execute(db);
    }),
    /frozen pack [0-9a-f-]+ \(meeting [0-9a-f-]+, as at [0-9-]+\) no longer verifies/,
  ],
  [
    'truncates the audit trail',
    destructive(async (db) => {
      await sql`truncate audit_events`.execute(db);
    }),
    /audit trail: the fixture's \d+ events now read as 0/,
  ],
  [
    'blanks a column',
    destructive(async (db) => {
      await sql`update risks set cause = ''`.execute(db);
    }),
    /risks\.cause changed in \d+ of \d+ fixture rows/,
  ],
  [
    'drops a column',
    destructive(async (db) => {
      await db.schema.alterTable('mitigation_actions').dropColumn('evidence').execute();
    }),
    /column mitigation_actions\.evidence is gone/,
  ],
];

describe(`the upgrade check on ${engine}`, () => {
  it.each(LOSSES)('fails when a migration %s, naming what was lost', async (_, migration, expected) => {
    const error = await checkUpgrade(await restored('874247c'), { migrations: withExtra(migration) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UpgradeCheckError);
    expect((error as Error).message).toMatch(/Upgrading the database of release 874247c/);
    expect((error as Error).message).toMatch(expected);
    if (process.env.UPGRADE_VERBOSE) console.log((error as Error).message);
  });

  it('passes when the migration declares the change, with its reason', async () => {
    const prune = destructive(async (db) => {
      await sql`delete from risk_history where id in (select id from risk_history order by id limit 5)`.execute(
        db,
      );
    });
    const dataChanges: TDataChanges = {
      '9999-destructive-test': [
        { table: 'risk_history', change: 'removes-rows', reason: 'test: a declared pruning is allowed' },
      ],
    };
    const report = await checkUpgrade(await restored('874247c'), {
      migrations: withExtra(prune),
      dataChanges,
    });
    expect(report.applied.at(-1)).toBe('9999-destructive-test');
  });
});
