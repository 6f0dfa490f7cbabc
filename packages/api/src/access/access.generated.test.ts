import { randomUUID } from 'node:crypto';
import { findUserById, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { DomainError, type TCapability, can, MEMBERSHIP_ROLES } from '@baton/domain';
import { TRPCError } from '@trpc/server';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../context';
import { runDownload } from '../downloads';
import { downloads } from '../downloads.index';
import { httpStatusOf } from '../errors';
import type { TDownloadFile } from '../reports/report.meta';
import { readPdf } from '../reports/reports.testing';
import { appRouter, createCaller } from '../router';
import { ACCESS_TABLE, DOWNLOAD_TABLE, useMatrix, type TAccessEntry } from '../testing/access-table';
import { buildAccessWorld, type TAccessWorld, type TRows } from '../testing/access-world';
import { TODAY, type Fixture } from '../testing/fixture';

/*
 * The generated access test. Every procedure of the app router and every download route must have an entry
 * in the access table (src/testing/access-table.ts); each is then called, with every input the table gives,
 * as each kind of caller that must be refused or must see only its own organisation:
 *   - a rival bidder with the other bidder's ids (and its own rows naming the other bidder's things);
 *   - a provider of another organisation, changing that organisation's rows;
 *   - the executive viewer, on every write;
 *   - a member of another programme;
 *   - nobody signed in;
 *   - every role without the capability a procedure needs.
 * A refused call must change nothing; no response, success or error, may contain a marker of another party's
 * data; and a row the caller may not see must answer exactly as a row that does not exist.
 */

let h: DbHandle;
let w: TAccessWorld;
beforeAll(async () => {
  h = await createTestDb();
  w = await buildAccessWorld(h.db);
  const admin = await w.fx.as('admin');
  useMatrix((await admin.risk.matrix({ programmeId: w.fx.tender.id })).matrix);
}, 120_000);
afterAll(() => h.close());

type TWho = keyof Fixture['users'] | null;
type TOutcome = { ok: true; body: unknown } | { ok: false; code: string; message: string; body: unknown };

const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def
    .procedures,
);

/** What crosses the wire: the value, or the error's message, field errors and any row it carries. */
function wire(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : Buffer.isBuffer(v) ? '<file>' : v,
  );
}

function outcomeOf(e: unknown): TOutcome {
  if (e instanceof TRPCError) {
    const cause = e.cause as (DomainError & { fieldErrors?: unknown; current?: unknown }) | undefined;
    const body = {
      message: e.message,
      fieldErrors: cause?.fieldErrors,
      current: cause?.current,
      issues: cause,
    };
    return { ok: false, code: e.code, message: e.message, body };
  }
  if (e instanceof DomainError) {
    const d = e as DomainError & { fieldErrors?: unknown; current?: unknown };
    return {
      ok: false,
      code: String(httpStatusOf(e)),
      message: e.message,
      body: { message: e.message, fieldErrors: d.fieldErrors, current: d.current },
    };
  }
  throw e;
}

async function callProcedure(who: TWho, path: string, input: unknown): Promise<TOutcome> {
  const user = who ? await findUserById(h.db, w.fx.users[who].id) : undefined;
  const caller = createCaller(
    createContextInner({
      db: h.db,
      session: user ? { user, tokenHash: `test-${user.id}` } : null,
      today: () => TODAY,
    }),
  ) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [ns, name] = path.split('.') as [string, string];
  try {
    return { ok: true, body: await caller[ns]![name]!(input) };
  } catch (e) {
    return outcomeOf(e);
  }
}

/** A downloaded file as text, whatever its format, so markers inside it can be searched for. */
async function fileText(file: TDownloadFile): Promise<string> {
  const body = Buffer.isBuffer(file.body) ? file.body : await bytesOf(file.body);
  return contentText(file.contentType, body);
}

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

async function contentText(contentType: string, body: Buffer): Promise<string> {
  if (
    contentType.startsWith('text/') ||
    contentType.startsWith('application/json') ||
    contentType.includes('+xml')
  )
    return body.toString('utf-8');
  if (contentType === 'application/pdf') return (await readPdf(body)).text;
  if (contentType === 'application/zip') {
    const parts: string[] = [];
    for (const [name, data] of Object.entries(unzipSync(new Uint8Array(body)))) {
      const type = name.endsWith('.pdf')
        ? 'application/pdf'
        : name.endsWith('.xlsx')
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/plain';
      parts.push(name, await contentText(type, Buffer.from(data)));
    }
    return parts.join('\n');
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text ?? cell.value ?? '')))),
  );
  return out.join('\n');
}

async function callDownload(
  who: TWho,
  path: string,
  req: { params: Record<string, string>; query: Record<string, string> },
): Promise<TOutcome> {
  const d = downloads.find((x) => x.path === path)!;
  const user = who ? await findUserById(h.db, w.fx.users[who].id) : undefined;
  const ctx = createContextInner({
    db: h.db,
    session: user ? { user, tokenHash: `test-${user.id}` } : null,
    today: () => TODAY,
  });
  try {
    const file = await runDownload(ctx, d, req);
    return { ok: true, body: await fileText(file) };
  } catch (e) {
    return outcomeOf(e);
  }
}

/** Row counts of every table and the sum of every version: any write shows here. */
async function fingerprint(except: string[] = []): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(h.db);
  const names = tables.rows.map((t) => t.table_name).filter((t) => !except.includes(t));
  const parts = names.map((t) => sql`select ${t} as t, count(*)::text as n from ${sql.table(t)}`);
  const counts = await sql<{ t: string; n: string }>`${sql.join(parts, sql` union all `)}`.execute(h.db);
  const versions = await sql<{ t: string; n: string }>`select 'versions' as t, (
      coalesce((select sum(version) from risks), 0) + coalesce((select sum(version) from plan_tasks), 0) +
      coalesce((select sum(version) from mitigation_actions), 0) + coalesce((select sum(version) from transfers), 0) +
      coalesce((select sum(version) from meetings), 0) + coalesce((select sum(version) from lots), 0) +
      coalesce((select sum(version) from programmes), 0) + coalesce((select sum(version) from organisations), 0) +
      coalesce((select sum(version) from programme_memberships), 0) +
      coalesce((select sum(version) from tupe_staff_groups), 0) + coalesce((select sum(version) from estate_sites), 0) +
      coalesce((select sum(version) from it_systems), 0))::text as n`.execute(h.db);
  const read = await sql<{ t: string; n: string }>`select 'read' as t, count(*)::text as n from notifications
    where read_at is not null`.execute(h.db);
  return Object.fromEntries([...counts.rows, ...versions.rows, ...read.rows].map((r) => [r.t, r.n]));
}

/** The input with every id of the target's rows replaced by an id nobody uses. */
function withUnusedIds(input: unknown, target: TRows): unknown {
  const ids = new Set(
    Object.entries(target)
      .filter(([k, v]) => typeof v === 'string' && /Id$/.test(k) && k !== 'programmeId')
      .map(([, v]) => v as string),
  );
  const swaps = new Map<string, string>();
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v;
      for (const id of ids) {
        if (out.includes(id)) {
          if (!swaps.has(id)) swaps.set(id, randomUUID());
          out = out.split(id).join(swaps.get(id)!);
        }
      }
      return out;
    }
    if (Array.isArray(v)) return v.map(swap);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  return swap(input);
}

const counts = { procedures: 0, downloads: 0, calls: 0, refusals: 0, oracleChecks: 0 };
const leaks: string[] = [];
const failures: string[] = [];

function noMarkers(label: string, outcome: TOutcome, forbidden: string[]) {
  const text = typeof outcome.body === 'string' ? outcome.body : wire(outcome.body);
  for (const m of forbidden) if (text.includes(m)) leaks.push(`${label}: response contains ${m}`);
}

interface TScenario {
  name: string;
  who: TWho;
  self: () => TRows;
  target: () => TRows;
  /** Only inputs acting on the target's own rows (`target:`), or every input. */
  only: 'target' | 'all';
  forbidden: () => string[];
  /** What must happen to each kind of entry. */
  expect(entry: {
    scope: TAccessEntry['scope'];
    effect: TAccessEntry['effect'];
  }): 'refused' | 'any' | 'UNAUTHORIZED' | 'NOT_FOUND';
  /** Swap the target's ids for unused ones: the answer must not change. */
  oracle: boolean;
}

const SCENARIOS: TScenario[] = [
  {
    name: 'a rival bidder, with the other bidder’s ids',
    who: 'bidderA',
    self: () => w.tender.alpha,
    target: () => w.tender.beta,
    only: 'all',
    forbidden: () => [w.markers.beta, w.markers.tenderInternal],
    expect: (e) => (e.effect === 'write' ? 'refused' : 'any'),
    oracle: true,
  },
  {
    name: 'a provider changing another organisation’s rows',
    who: 'contributor',
    self: () => w.transition.outgoing,
    target: () => w.transition.incoming,
    only: 'target',
    forbidden: () => [w.markers.beta, w.markers.alpha, w.markers.tenderInternal, w.markers.tenderPublic],
    expect: (e) => (e.effect === 'write' ? 'refused' : 'any'),
    oracle: false,
  },
  {
    name: 'the executive viewer, on every write',
    who: 'viewer',
    self: () => w.transition.incoming,
    target: () => w.transition.incoming,
    only: 'target',
    forbidden: () => [w.markers.beta, w.markers.alpha, w.markers.tenderInternal, w.markers.tenderPublic],
    expect: (e) => (e.effect === 'write' ? 'refused' : 'any'),
    oracle: false,
  },
  {
    name: 'a member of another programme',
    who: 'bidderA',
    self: () => w.tender.alpha,
    target: () => w.transition.incoming,
    // Everything it names is in the other programme (its own rows are in its own programme).
    only: 'target',
    forbidden: () => [w.markers.transition],
    expect: (e) => (e.scope === 'programme' ? 'NOT_FOUND' : e.effect === 'write' ? 'refused' : 'any'),
    oracle: true,
  },
  {
    name: 'nobody signed in',
    who: null,
    self: () => w.tender.alpha,
    target: () => w.tender.beta,
    only: 'all',
    forbidden: () => [
      w.markers.alpha,
      w.markers.beta,
      w.markers.tenderInternal,
      w.markers.tenderPublic,
      w.markers.transition,
    ],
    expect: (e) => (e.scope === 'public' ? (e.effect === 'write' ? 'refused' : 'any') : 'UNAUTHORIZED'),
    oracle: false,
  },
];

function pick<T>(inputs: Record<string, T>, only: 'target' | 'all'): Array<[string, T]> {
  return Object.entries(inputs).filter(([k]) => only === 'all' || k.startsWith('target:'));
}

describe(`generated access test on ${testEngine()}`, () => {
  it('has an access table entry for every procedure and every download route', () => {
    const paths = procedures.map(([p]) => p).sort();
    expect(paths.filter((p) => !ACCESS_TABLE[p])).toEqual([]);
    expect(Object.keys(ACCESS_TABLE).filter((p) => !paths.includes(p))).toEqual([]);
    const routes = downloads.map((d) => d.path).sort();
    expect(routes.filter((p) => !DOWNLOAD_TABLE[p])).toEqual([]);
    expect(Object.keys(DOWNLOAD_TABLE).filter((p) => !routes.includes(p as never))).toEqual([]);
    // Downloads declare the capability the table expects, and every table entry names the procedure's kind.
    for (const d of downloads) expect(d.capability).toBe(DOWNLOAD_TABLE[d.path]!.capability);
    for (const [p, def] of procedures) {
      const e = ACCESS_TABLE[p]!;
      if (def._def.type === 'query') expect(e.effect, p).toBe('read');
      if (e.scope === 'programme') expect(e.capability, p).toBeDefined();
    }
    counts.procedures = paths.length;
    counts.downloads = routes.length;
  });

  for (const s of SCENARIOS) {
    it(`refuses and hides as it must: ${s.name}`, async () => {
      leaks.length = 0;
      failures.length = 0;
      const self = s.self();
      const target = s.target();
      for (const [path, entry] of Object.entries(ACCESS_TABLE)) {
        const expected = s.expect(entry);
        for (const [label, input] of pick(entry.inputs(self, target), s.only)) {
          const name = `${path} (${label})`;
          const watch = entry.effect !== 'read';
          const before = watch ? await fingerprint(entry.mayWrite) : null;
          const out = await callProcedure(s.who, path, input);
          const after = watch ? await fingerprint(entry.mayWrite) : null;
          counts.calls++;
          if (!out.ok) counts.refusals++;
          noMarkers(`${s.name}: ${name}`, out, s.forbidden());
          if (expected === 'refused' && out.ok) failures.push(`${s.name}: ${name} succeeded`);
          if ((expected === 'UNAUTHORIZED' || expected === 'NOT_FOUND') && (out.ok || out.code !== expected))
            failures.push(`${s.name}: ${name} answered ${out.ok ? 'ok' : out.code}, not ${expected}`);
          if (!out.ok && entry.effect !== 'personal' && wire(before) !== wire(after))
            failures.push(`${s.name}: ${name} was refused but changed the database`);
          if (s.oracle) {
            const swapped = withUnusedIds(input, target);
            if (wire(swapped) !== wire(input)) {
              counts.oracleChecks++;
              const missing = await callProcedure(s.who, path, swapped);
              const a = out.ok ? 'ok' : `${out.code}: ${out.message} ${wire(out.body)}`;
              const b = missing.ok ? 'ok' : `${missing.code}: ${missing.message} ${wire(missing.body)}`;
              if (out.ok !== missing.ok || (!out.ok && !missing.ok && a !== b))
                failures.push(
                  `${s.name}: ${name} tells a hidden row from a missing one:\n    hidden:  ${a}\n    missing: ${b}`,
                );
            }
          }
        }
      }
      for (const [path, entry] of Object.entries(DOWNLOAD_TABLE)) {
        for (const [label, req] of pick(entry.inputs(self, target), s.only)) {
          const name = `GET ${path} (${label})`;
          const out = await callDownload(s.who, path, req);
          counts.calls++;
          if (!out.ok) counts.refusals++;
          noMarkers(`${s.name}: ${name}`, out, s.forbidden());
          const expected = s.expect({ scope: 'programme', effect: 'read' });
          if (expected === 'UNAUTHORIZED' && (out.ok || out.code !== '401'))
            failures.push(`${s.name}: ${name} answered ${out.ok ? 'ok' : out.code}, not 401`);
          if (expected === 'NOT_FOUND' && (out.ok || out.code !== '404'))
            failures.push(`${s.name}: ${name} answered ${out.ok ? 'ok' : out.code}, not 404`);
          if (s.oracle) {
            const swapped = withUnusedIds(req, target) as typeof req;
            if (wire(swapped) !== wire(req)) {
              counts.oracleChecks++;
              const missing = await callDownload(s.who, path, swapped);
              const a = out.ok ? 'ok' : `${out.code}: ${out.message}`;
              const b = missing.ok ? 'ok' : `${missing.code}: ${missing.message}`;
              if (a !== b)
                failures.push(`${s.name}: ${name} tells a hidden row from a missing one: ${a} / ${b}`);
            }
          }
        }
      }
      expect(leaks).toEqual([]);
      expect(failures).toEqual([]);
    }, 300_000);
  }

  it('refuses every role that lacks the capability a procedure or download needs', async () => {
    failures.length = 0;
    const t = w.transition.icb;
    const roles = {
      steering_group_member: 'steering',
      transition_lead: 'lead',
      provider_contributor: 'contributor',
      executive_viewer: 'viewer',
      programme_admin: 'admin',
    } as const;
    expect(Object.keys(roles).sort()).toEqual([...MEMBERSHIP_ROLES].sort());
    const refusal = 'Your role in this programme does not allow that.';
    const check = (
      role: keyof typeof roles,
      capability: TCapability | undefined,
      name: string,
      out: TOutcome,
    ) => {
      counts.calls++;
      const refused = !out.ok && out.message === refusal;
      if (refused) counts.refusals++;
      if (capability && !can(role, capability) && !refused)
        failures.push(`${role}: ${name} was not refused for lacking ${capability}`);
      if (capability && can(role, capability) && refused)
        failures.push(`${role}: ${name} was refused although the role has ${capability}`);
    };
    for (const [role, who] of Object.entries(roles) as Array<[keyof typeof roles, TWho]>) {
      for (const [path, entry] of Object.entries(ACCESS_TABLE)) {
        if (entry.scope !== 'programme') continue;
        const [label, input] = pick(entry.inputs(t, t), 'target')[0]!;
        const before = entry.effect === 'write' ? await fingerprint() : null;
        const out = await callProcedure(who, path, input);
        check(role, entry.capability, `${path} (${label})`, out);
        if (before && !out.ok && out.message === refusal && wire(before) !== wire(await fingerprint()))
          failures.push(`${role}: ${path} was refused but changed the database`);
      }
      for (const [path, entry] of Object.entries(DOWNLOAD_TABLE)) {
        const [label, req] = pick(entry.inputs(t, t), 'target')[0]!;
        check(role, entry.capability, `GET ${path} (${label})`, await callDownload(who, path, req));
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('prints what it covered', () => {
    console.log(
      `access test (${testEngine()}): ${counts.procedures} procedures and ${counts.downloads} download routes, ` +
        `${counts.calls} calls, ${counts.refusals} refusals, ${counts.oracleChecks} hidden-versus-missing checks, ` +
        `${leaks.length} leaks`,
    );
    expect(counts.procedures).toBeGreaterThan(0);
  });
});
