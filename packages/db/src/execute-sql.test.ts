import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './client';
import { createTestDb, testEngine } from './testing/index';

/*
 * DbHandle.executeSql is how job libraries (pg-boss) reach the database. On PGlite (one session) it must wait
 * its turn behind any open transaction, never run inside it.
 */

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const countOrganisations = async () =>
  Number((await h.executeSql('select count(*)::int as n from organisations')).rows[0].n);

describe(`executeSql on ${testEngine()}`, () => {
  it('runs parameterised statements and multi-statement text', async () => {
    expect((await h.executeSql('select $1::int + $2::int as n', [2, 3])).rows).toEqual([{ n: 5 }]);
    const r = await h.executeSql(
      'create temporary table if not exists t_exec (x int); insert into t_exec values (1), (2); select count(*)::int as n from t_exec',
    );
    expect(r.rows).toEqual([{ n: 2 }]);
  });

  it('never sees (or joins) a transaction in progress', async () => {
    const before = await countOrganisations();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const trx = h.db
      .transaction()
      .execute(async (t) => {
        await t
          .insertInto('organisations')
          .values({ name: 'Uncommitted', short_name: 'U', kind: 'nhs_trust' })
          .execute();
        await held;
        throw new Error('roll back');
      })
      .catch(() => order.push('rolled back'));
    await new Promise((r) => setTimeout(r, 20));
    const during = countOrganisations().then((n) => {
      order.push('counted');
      return n;
    });
    await new Promise((r) => setTimeout(r, 50));
    release();
    const [n] = await Promise.all([during, trx]);
    expect(n).toBe(before);
    // PGlite is one session: the job's SQL waited for the transaction to end. PostgreSQL answers at once from
    // another connection, outside the transaction.
    expect(order).toEqual(h.engine === 'pglite' ? ['rolled back', 'counted'] : ['counted', 'rolled back']);
  });

  it('a failed multi-statement text does not leave the embedded session inside a transaction', async () => {
    await expect(h.executeSql('begin; select 1; select * from no_such_table; commit')).rejects.toThrow();
    for (let i = 0; i < 6; i++) expect((await h.executeSql('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    const n = await h.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThanOrEqual(0);
    await h.db.transaction().execute(async (t) => {
      await t.selectFrom('organisations').select('id').execute();
    });
  });
});
