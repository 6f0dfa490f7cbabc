/**
 * The last step of make-upgrade-fixture.sh (run it through that script): turns a release's raw `pg_dump --inserts`
 * output into fixtures/upgrade/<commit>.sql.gz, restores that file into PGlite, checks it holds exactly what the
 * source database holds (every table, row and value), and writes <commit>.manifest.json beside it.
 *
 *   tsx scripts/upgrade-fixture/write-fixture.ts --commit C --today YYYY-MM-DD --dump raw.sql --source URL
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { createPgliteDb, createPostgresDb } from '../../src/client';
import { readSchema, readTableContent } from '../../src/upgrade/facts';
import {
  UPGRADE_FIXTURES_DIR,
  cleanDump,
  diffFacts,
  execFixtureSql,
  readFixtureFacts,
  type TUpgradeManifest,
} from '../../src/upgrade/index';

const { values } = parseArgs({
  options: {
    commit: { type: 'string' },
    today: { type: 'string' },
    dump: { type: 'string' },
    source: { type: 'string' },
    programme: { type: 'string', default: 'SVCMH' },
    email: { type: 'string', default: 'helen.marsh@severnvale-icb.example' },
    password: { type: 'string', default: 'baton-demo-password' },
  },
});
const { commit, today, dump, source } = values;
if (!commit || !today || !dump || !source) {
  throw new Error('Usage: write-fixture.ts --commit C --today YYYY-MM-DD --dump raw.sql --source URL');
}

const sqlText = cleanDump(readFileSync(dump, 'utf8'));
const sqlPath = join(UPGRADE_FIXTURES_DIR, `${commit}.sql.gz`);
writeFileSync(sqlPath, gzipSync(sqlText, { level: 9 }));

// Compare in one time zone: a timestamp's text depends on the session's.
const sourceUrl = new URL(source);
sourceUrl.searchParams.set('options', '-c timezone=UTC');
const src = createPostgresDb(sourceUrl.toString(), { max: 1 });
const lite = await createPgliteDb();
try {
  await execFixtureSql(lite, sqlText);
  await lite.executeSql(`set timezone to 'UTC'`);

  const facts = await readFixtureFacts(src.db);
  const problems = diffFacts(facts, await readFixtureFacts(lite.db));
  const [srcSchema, liteSchema] = [await readSchema(src.db), await readSchema(lite.db)];
  for (const shape of srcSchema.values()) {
    const restored = liteSchema.get(shape.name);
    if (!restored || restored.columns.join() !== shape.columns.join()) {
      problems.push(`${shape.name}: the restored table's columns differ`);
      continue;
    }
    const [a, b] = [await readTableContent(src.db, shape), await readTableContent(lite.db, shape)];
    const differ = [...a.rows].filter(([k, d]) => JSON.stringify(b.rows.get(k)) !== JSON.stringify(d));
    if (differ.length || a.rows.size !== b.rows.size)
      problems.push(`${shape.name}: ${differ.length} rows differ after the restore into PGlite`);
  }
  if (problems.length) throw new Error(`The dump does not restore faithfully:\n${problems.join('\n')}`);

  const programme = await sql<{
    id: string;
  }>`select id::text as id from programmes where code = ${values.programme}`
    .execute(src.db)
    .then((r) => r.rows[0]);
  if (!programme) throw new Error(`No programme ${values.programme} in the source database`);
  const manifest: TUpgradeManifest = {
    format: 1,
    release: commit,
    today,
    madeBy: 'packages/db/scripts/make-upgrade-fixture.sh',
    madeAt: new Date().toISOString(),
    demoPassword: values.password!,
    signIn: { email: values.email!, programmeId: programme.id, programmeCode: values.programme! },
    ...facts,
  };
  writeFileSync(
    join(UPGRADE_FIXTURES_DIR, `${commit}.manifest.json`),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  const rows = Object.values(facts.tables).reduce((n, t) => n + t.rows, 0);
  console.log(
    `${commit}: ${Object.keys(facts.tables).length} tables, ${rows} rows, ${facts.packs.length} frozen packs, ` +
      `${facts.auditEvents.count} audit events; ${sqlText.length} bytes of SQL restored into PGlite and checked.`,
  );
} finally {
  await src.close();
  await lite.close();
}
