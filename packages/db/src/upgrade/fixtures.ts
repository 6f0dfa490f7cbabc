import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/*
 * Upgrade fixtures: databases made by earlier releases, kept as `fixtures/upgrade/<commit>.sql.gz` (a plain-SQL
 * dump of the public schema that PGlite and PostgreSQL both load) beside `<commit>.manifest.json` (what the
 * database held when it was dumped). scripts/make-upgrade-fixture.sh makes both; every pair in the folder is an
 * upgrade path the tests check, so a release adds its fixture and the tests pick it up.
 */

export const UPGRADE_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/upgrade/', import.meta.url));

/** A table as the fixture recorded it: its rows, and a hash over its primary keys (sorted), so none can go. */
export interface TTableFacts {
  rows: number;
  keysSha256: string;
}

/** A frozen steering group pack as the fixture recorded it. */
export interface TPackFacts {
  id: string;
  meetingId: string;
  programmeId: string;
  asAt: string;
  /** The SHA-256 recorded when the pack was frozen (over its canonical JSON): what the app checks. */
  sha256: string;
  /** SHA-256 of the stored pack column's text, exactly as the database hands it back. */
  storedSha256: string;
}

export interface TAuditFacts {
  count: number;
  /** The highest id: events after it were written after the fixture (by a later release). */
  maxId: string;
  /** SHA-256 over JSON lines of [id, entity_type, entity_id, action, summary], in id order. */
  sha256: string;
}

export interface TMigrationRow {
  name: string;
  timestamp: string;
}

/** Everything the upgrade check verifies against, read from a database (see readFixtureFacts). */
export interface TFixtureFacts {
  tables: Record<string, TTableFacts>;
  packs: TPackFacts[];
  auditEvents: TAuditFacts;
  migrations: TMigrationRow[];
}

export interface TUpgradeManifest extends TFixtureFacts {
  format: 1;
  /** The release that made the database. */
  release: string;
  /** The date the demo data was anchored to (the seed's "today"). */
  today: string;
  madeBy: string;
  madeAt: string;
  /** The demo's users sign in with this password. */
  demoPassword: string;
  /** A member who sees the whole programme (frozen packs), and that programme's id. */
  signIn: { email: string; programmeId: string; programmeCode: string };
}

export interface TUpgradeFixture {
  /** The release commit: the file names' stem. */
  name: string;
  sqlPath: string;
  manifestPath: string;
  manifest: TUpgradeManifest;
}

export function readManifest(path: string): TUpgradeManifest {
  const m = JSON.parse(readFileSync(path, 'utf8')) as TUpgradeManifest;
  if (m.format !== 1 || !m.release || !m.tables || !Array.isArray(m.packs) || !m.auditEvents) {
    throw new Error(`${path} is not an upgrade fixture manifest (format 1)`);
  }
  return m;
}

/** Every fixture in the folder, sorted by name (a commit says nothing about age). */
export function listUpgradeFixtures(dir: string = UPGRADE_FIXTURES_DIR): TUpgradeFixture[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir);
  const orphan = files.find(
    (f) => f.endsWith('.sql.gz') && !files.includes(f.replace(/\.sql\.gz$/, '.manifest.json')),
  );
  if (orphan) throw new Error(`Upgrade fixture ${orphan} has no manifest: run make-upgrade-fixture.sh`);
  return files
    .filter((f) => f.endsWith('.manifest.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.manifest.json'.length);
      const sqlPath = join(dir, `${name}.sql.gz`);
      if (!existsSync(sqlPath))
        throw new Error(`Upgrade fixture ${name} has a manifest but no ${name}.sql.gz`);
      const manifestPath = join(dir, f);
      return { name, sqlPath, manifestPath, manifest: readManifest(manifestPath) };
    });
}

export function readFixtureSql(fixture: Pick<TUpgradeFixture, 'sqlPath'>): string {
  return gunzipSync(readFileSync(fixture.sqlPath)).toString('utf8');
}
