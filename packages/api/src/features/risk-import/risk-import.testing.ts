import { findUserById, type Database } from '@baton/db';
import ExcelJS from 'exceljs';
import { createContextInner, type Context } from '../../context';
import type { createCaller } from '../../router';
import { TODAY, type Fixture } from '../../testing/fixture';

/* Helpers shared by the import/export suites (not a test file itself). */

type TCaller = ReturnType<typeof createCaller>;
export type TRiskCreate = Parameters<TCaller['risk']['create']>[0];
type TUser = keyof Fixture['users'];

/** Raises a risk through the API as `who`, with sensible defaults for what the test does not care about. */
export async function raise(fx: Fixture, who: TUser, over: Partial<TRiskCreate> = {}) {
  return (await fx.as(who)).risk.create({
    programmeId: fx.programme.id,
    title: 'Risk title',
    event: 'Something might happen',
    categoryKey: 'workforce_tupe',
    ownerUserId: null,
    owningOrganisationId: fx.orgs.icb.id,
    initial: { consequence: 4, likelihood: 4 },
    current: { consequence: 3, likelihood: 4 },
    target: { consequence: 2, likelihood: 2 },
    ...over,
  });
}

/** The context the HTTP layer builds for a signed-in user (or nobody). */
export async function contextFor(db: Database, fx: Fixture, who: TUser | null): Promise<Context> {
  const user = who ? await findUserById(db, fx.users[who].id) : undefined;
  return createContextInner({
    db,
    session: user ? { user, tokenHash: `test-${user.id}` } : null,
    today: () => TODAY,
  });
}

export async function countRows(
  db: Database,
  table: 'risks' | 'audit_events' | 'risk_history',
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
}

/** A sheet's rows as plain values, header first. */
export function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => {
    const values = row.values as unknown[];
    out.push(values.slice(1));
  });
  return out;
}

export const base64 = (content: string | Buffer) =>
  (typeof content === 'string' ? Buffer.from(content, 'utf-8') : content).toString('base64');

export async function caught(p: Promise<unknown>): Promise<Error & { code?: string; cause?: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected the call to fail');
}
