import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from './router';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from './testing/fixture';
import { perturbed, stringFormatOf, zodArbitrary } from './testing/zod-arbitrary';

/*
 * Property: whatever a client sends to any mutation, the answer is never a 500, and a refused call changes
 * nothing (the row count, sum of versions and latest update of every table, the audit trail included).
 * Queries are tried too, fewer times: never a 500, and never a change.
 *
 * The procedures and their input schemas are read from the app router, so a new procedure is covered the
 * day it is added. Inputs come from the procedure's own zod schemas (./testing/zod-arbitrary): mostly
 * well-formed, with ids drawn from rows that exist so calls get past "not found" and reach the database, plus
 * near misses and hostile values (NUL and other control characters, lone surrogates, 2^31, 2^53, NaN,
 * Infinity, over-long text, the wrong type). Every call is made as the programme admin, who is also a system
 * admin, so access checks let as much as possible through.
 *
 * BAD_INPUT_RUNS (default 30) sets the calls per mutation, BAD_INPUT_QUERY_RUNS (default 8) per query.
 * Each run draws new values; the summary prints the seed, and BAD_INPUT_SEED=<seed> repeats a run.
 */

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 30);
const QUERY_RUNS = Number(process.env.BAD_INPUT_QUERY_RUNS ?? 8);
const SEED = Number(process.env.BAD_INPUT_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Each procedure its own stream of values, the same for the same seed. */
const seedFor = (name: string) =>
  [...name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED) >>> 0;

/** Procedures left out entirely, each with the reason. (The test fails when a listed name no longer exists.) */
const EXCLUDED: Record<string, string> = {};

/**
 * Tables a refused call may change, by design, with the reason. (The test fails when a listed procedure no
 * longer exists.)
 */
const CHANGES_WHEN_REFUSED: Record<string, { tables: string[]; reason: string }> = {
  'auth.signIn': {
    tables: ['login_attempts', 'audit_events'],
    reason:
      'a failed sign-in is recorded so that repeated failures can be slowed down (rate limiting), and one to a known account is audited against it',
  },
};

type AnyProcedure = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[] } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const procedureList = (type: 'query' | 'mutation') =>
  Object.entries(procedures)
    .filter(([, p]) => p._def.type === type)
    .map(([name, p]) => ({ name, type, inputs: p._def.inputs }))
    .sort((a, b) => a.name.localeCompare(b.name));
const mutations = procedureList('mutation');
const queries = procedureList('query');

/** tRPC parses every `.input()` and merges the results: the input must satisfy all of them. */
function inputSchemaOf(inputs: z.ZodType[]): z.ZodType | undefined {
  if (inputs.length === 0) return undefined;
  return inputs.reduce((a, b) => z.intersection(a, b));
}

let h: DbHandle;
let fx: Fixture;
let caller: Awaited<ReturnType<Fixture['as']>>;

/* ---------- the state a refused call must not change ---------- */

let fingerprintQuery: ReturnType<typeof sql.raw>;

/** Per table: row count, sum of versions, latest update (where those columns exist). One query. */
async function prepareFingerprint() {
  const cols = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.column_name`.execute(h.db);
  const tables = new Map<string, Set<string>>();
  for (const r of cols.rows) {
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Set());
    tables.get(r.table_name)!.add(r.column_name);
  }
  expect(tables.has('audit_events'), 'the audit trail is among the tables fingerprinted').toBe(true);
  const parts: string[] = [];
  for (const [t, c] of tables) {
    const q = `"${t}"`;
    parts.push(`'${t}', (select count(*) from ${q})::text`);
    if (c.has('version')) parts.push(`'${t}.version', (select coalesce(sum(version), 0) from ${q})::text`);
    if (c.has('updated_at')) parts.push(`'${t}.updated_at', (select max(updated_at) from ${q})::text`);
  }
  // json_build_object takes at most 100 arguments: one object per table.
  const objects = [...tables.keys()].map((t) => {
    const mine = parts.filter((p) => p.startsWith(`'${t}'`) || p.startsWith(`'${t}.`));
    return `json_build_object(${mine.join(', ')})::text`;
  });
  fingerprintQuery = sql.raw(`select ${objects.map((o, i) => `${o} as t${i}`).join(', ')}`);
}

async function fingerprint(): Promise<Record<string, string>> {
  const r = await fingerprintQuery.execute(h.db);
  const row = r.rows[0] as Record<string, string>;
  return Object.assign({}, ...Object.values(row).map((json) => JSON.parse(json) as Record<string, string>));
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}

/* ---------- rows that exist, so generated ids reach the database ---------- */

/** Ids per table (tables with a uuid `id`), refreshed before each mutation is tried. */
let pools = new Map<string, string[]>();
const tableOfId = new Map<string, string>();
let categoryKeys: string[] = [];
const inviteTokens: string[] = [];
let matrixExample: unknown;

async function refreshPools() {
  const tables = await sql<{ table_name: string; has_created: boolean }>`
    select c.table_name,
      exists (select 1 from information_schema.columns x
              where x.table_schema = 'public' and x.table_name = c.table_name and x.column_name = 'created_at')
        as has_created
    from information_schema.columns c
    where c.table_schema = 'public' and c.column_name = 'id' and c.data_type = 'uuid'`.execute(h.db);
  // Never hand out the admin's own membership: demoting or removing it would end the run's access.
  const own = await h.db
    .selectFrom('programme_memberships')
    .select('id')
    .where('user_id', '=', fx.users.admin.id)
    .execute();
  const ownIds = new Set(own.map((r) => r.id));
  pools = new Map();
  for (const { table_name: t, has_created } of tables.rows) {
    const order = has_created ? 'order by created_at desc' : '';
    const rows = await sql.raw<{ id: string }>(`select id from "${t}" ${order} limit 12`).execute(h.db);
    const ids = rows.rows.map((r) => r.id).filter((id) => !ownIds.has(id));
    pools.set(t, ids);
    for (const id of ids) tableOfId.set(id, t);
  }
  const m = await caller.risk.matrix({ programmeId: fx.programme.id });
  categoryKeys = m.matrix.categories.map((c) => c.key);
  matrixExample = m.matrix;
}

/** Words naming a table by another name. */
const ALIASES: Record<string, string> = {
  employer: 'organisations',
  controller: 'organisations',
  predecessor: 'plan_tasks',
  successor: 'plan_tasks',
};

/** The table an id field names: `riskId` -> risks, `staffGroupId` -> tupe_staff_groups, `lotIds` -> lots. */
function tableForKey(key: string | undefined): string | undefined {
  if (!key) return undefined;
  const words = key
    .replace(/Ids?$/, '')
    .replace(/(Before|After)$/, '')
    .split(/(?=[A-Z])/)
    .map((w) => w.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    const stem = words.slice(i).join('_');
    if (!stem) continue;
    for (const t of pools.keys()) {
      if (t === `${stem}s` || t.endsWith(`_${stem}s`) || t === `${stem}es`) return t;
      if (stem.endsWith('y') && (t === `${stem.slice(0, -1)}ies` || t.endsWith(`_${stem.slice(0, -1)}ies`)))
        return t;
    }
    if (ALIASES[stem]) return ALIASES[stem];
  }
  return undefined;
}

function idsFor(key: string | undefined): string[] {
  const t = tableForKey(key);
  if (t) return pools.get(t) ?? [];
  return [...pools.values()].flat();
}

const isUuid = (s: z.core.$ZodType) => {
  const f = stringFormatOf(s);
  return f === 'uuid' || f === 'guid';
};

function arbitraryFor(name: string, schema: z.ZodType): fc.Arbitrary<unknown> {
  return zodArbitrary(schema, {
    override: ({ key, schema: s, fallback }) => {
      const mostly = (xs: readonly unknown[], weight = 6) =>
        xs.length
          ? fc.oneof({ weight, arbitrary: fc.constantFrom(...xs) }, { weight: 1, arbitrary: fallback })
          : undefined;
      if (isUuid(s)) {
        if (key === 'programmeId')
          return fc.oneof(
            { weight: 12, arbitrary: fc.constant(fx.programme.id) },
            { weight: 1, arbitrary: fc.constant(fx.tender.id) },
            { weight: 1, arbitrary: fallback },
          );
        return mostly(idsFor(key));
      }
      if (key === 'categoryKey') return mostly(categoryKeys);
      // Random bands almost never cover every score: start from the programme's own matrix.
      if (key === 'matrix') return fc.oneof({ weight: 4, arbitrary: perturbed(matrixExample) }, fallback);
      // An import previews and commits rows that only mean something with their headers and mapping.
      if (name.startsWith('riskIo.') && key && key in IMPORT_EXAMPLE)
        return mostly([IMPORT_EXAMPLE[key as keyof typeof IMPORT_EXAMPLE]], 8);
      if (key === 'token') return mostly(inviteTokens, 2);
      // A search also finds a risk by its reference (R-12): numbers beyond an integer column too.
      if (key === 'search') return mostly(['R-1', 'r12', 'R-2147483648', 'R-99999999999', '%', '_', '\\'], 1);
      if (name === 'auth.signIn' && key === 'email')
        return mostly(
          Object.values(fx.users).map((u) => u.email),
          2,
        );
      if (key === 'password') return mostly([FIXTURE_PASSWORD], 1);
      return undefined;
    },
  });
}

/** A sheet of one risk that imports cleanly, as the import's parse step would return it. */
const IMPORT_EXAMPLE = {
  headers: ['Title', 'Event', 'Category', 'Organisation', 'IC', 'IL', 'CC', 'CL', 'TC', 'TL'],
  rows: [['Imported risk', 'Something happens', 'Finance', 'TV ICB', '3', '3', '3', '3', '2', '2']],
  mapping: {
    title: 0,
    event: 1,
    category: 2,
    organisation: 3,
    initialC: 4,
    initialL: 5,
    currentC: 6,
    currentL: 7,
    targetC: 8,
    targetL: 9,
  },
};

/**
 * Updates name the version they read. Half the time, put the row's current version in (in objects naming one
 * known row), so the call gets past the version check to the write itself.
 */
async function withCurrentVersions(input: unknown): Promise<unknown> {
  if (Array.isArray(input)) return Promise.all(input.map(withCurrentVersions));
  if (!input || typeof input !== 'object') return input;
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) o[k] = await withCurrentVersions(v);
  if ('version' in o) {
    const rows = Object.entries(o)
      .filter(([k, v]) => k !== 'programmeId' && typeof v === 'string' && tableOfId.has(v))
      .map(([, v]) => [v as string, tableOfId.get(v as string)!] as const);
    if (rows.length === 1) {
      const [id, table] = rows[0]!;
      const r = await sql
        .raw<{ version: number }>(`select version from "${table}" where id = '${id}'`)
        .execute(h.db)
        .catch(() => ({ rows: [] as Array<{ version: number }> }));
      if (r.rows[0]) o.version = r.rows[0].version;
    }
  }
  return o;
}

/* ---------- the run ---------- */

interface Finding {
  procedure: string;
  problem: string;
  input: unknown;
}
const newStats = () => ({
  procedures: 0,
  calls: 0,
  refused: 0,
  succeeded: 0,
  codes: {} as Record<string, number>,
});
const stats = { mutation: newStats(), query: newStats() };
const findings: Finding[] = [];

/** Short, readable JSON of an input (long strings cut, control characters escaped). */
function show(v: unknown): string {
  const s = JSON.stringify(v, (_k, x) => {
    if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
    if (typeof x === 'string' && x.length > 80) return `${x.slice(0, 40)}…(${x.length} chars)`;
    if (x === undefined) return '(undefined)';
    return x;
  });
  return s === undefined ? 'undefined' : s.length > 600 ? `${s.slice(0, 600)}…` : s;
}

function causeOf(e: unknown): string {
  if (e instanceof TRPCError) {
    const c = e.cause as { message?: string; code?: string } | undefined;
    return c?.message ? `${c.message}${c.code ? ` (${c.code})` : ''}` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  caller = await fx.as('admin');
  await prepareFingerprint();
  await seed();
  await refreshPools();
}, 120_000);

afterAll(async () => {
  for (const [kind, st] of Object.entries(stats)) {
    const total = kind === 'mutation' ? mutations.length : queries.length;
    const share = st.calls ? Math.round((st.refused / st.calls) * 100) : 0;
    console.log(
      `bad input (${testEngine()}), ${kind === 'mutation' ? 'mutations' : 'queries'}: ${st.procedures} of ${total} ` +
        `covered, ${st.calls} calls, ${st.refused} refused (${share}%), ${st.succeeded} succeeded; ` +
        `errors by code ${JSON.stringify(st.codes)}`,
    );
  }
  if (Object.keys(EXCLUDED).length) console.log(`excluded: ${JSON.stringify(EXCLUDED)}`);
  console.log(`${findings.length} findings (BAD_INPUT_SEED=${SEED} repeats this run)`);
  if (findings.length) {
    // One line per procedure and kind of problem (numbers in the message aside), with the shortest input.
    const distinct = new Map<string, Finding>();
    for (const f of findings) {
      const k = `${f.procedure}: ${f.problem.replace(/\d+/g, 'N')}`;
      const seen = distinct.get(k);
      if (!seen || show(f.input).length < show(seen.input).length) distinct.set(k, f);
    }
    console.log(
      [...distinct.values()]
        .map((f) => `- ${f.procedure}: ${f.problem}\n    input ${show(f.input)}`)
        .join('\n'),
    );
  }
  await h?.close();
});

/** A few rows of every kind, made through the API, so generated ids point at something. */
async function seed() {
  const p = fx.programme.id;
  const admin = caller;
  const lead = await fx.as('lead');
  const org = fx.orgs;
  const t1 = await admin.transition.createTransfer({
    programmeId: p,
    name: 'Property transfer with plan',
    lotId: fx.lot.id,
    outgoingOrganisationId: org.outgoing.id,
    incomingOrganisationId: org.incoming.id,
    plannedTransferDate: '2027-04-01',
    applyTemplate: true,
  } as never);
  const t2 = await admin.transition.createTransfer({
    programmeId: p,
    name: 'Property transfer without plan',
    lotId: fx.lot.id,
    outgoingOrganisationId: org.outgoing.id,
    incomingOrganisationId: org.incoming.id,
    plannedTransferDate: '2027-06-01',
    applyTemplate: false,
  } as never);
  const task = (title: string, assigneeUserId: string | null) =>
    admin.transition.createTask({
      programmeId: p,
      transferId: t2.transfer.id,
      title,
      workstream: 'workforce_tupe',
      owningOrganisationId: org.outgoing.id,
      assigneeUserId,
      startDate: '2026-11-01',
      dueDate: '2026-12-15',
    } as never);
  const a = await task('Send ELI', fx.users.contributor.id);
  const b = await task('Consult staff', null);
  await admin.transition.addDependency({ programmeId: p, predecessorId: a.id, successorId: b.id } as never);
  const risk = (title: string, c: number, by = admin) =>
    by.risk.create({
      programmeId: p,
      title,
      event: 'Something that might happen',
      categoryKey: 'workforce_tupe',
      ownerUserId: fx.users.admin.id,
      owningOrganisationId: org.icb.id,
      initial: { consequence: c, likelihood: c },
      current: { consequence: c, likelihood: c },
      target: { consequence: 1, likelihood: 1 },
    } as never);
  const r1 = await risk('Staff may not transfer', 3);
  await risk('Records may not migrate', 2);
  await risk('Escalated by the lead', 5, lead); // notifies the admin
  await admin.risk.addAction({
    programmeId: p,
    riskId: r1.id,
    description: 'Agree the measures letter',
    ownerUserId: null,
    organisationId: org.icb.id,
    dueDate: '2026-12-01',
    taskId: a.id,
  } as never);
  await admin.risk.setTransferLinks({
    programmeId: p,
    riskId: r1.id,
    transferIds: [t1.transfer.id],
  } as never);
  const onTransfer = { programmeId: p, transferId: t1.transfer.id };
  await admin.registers.createStaffGroup({
    ...onTransfer,
    outgoingEmployerId: org.outgoing.id,
    incomingEmployerId: org.incoming.id,
    service: 'District nursing',
    headcount: 10,
    wte: 8.5,
  } as never);
  await admin.registers.createSite({
    ...onTransfer,
    name: 'Riverside Health Centre',
    landlordType: 'nhs_property_services',
    tenure: 'lease',
    route: 'assign',
  } as never);
  await admin.registers.createSystem({
    ...onTransfer,
    name: 'SystmOne',
    systemType: 'clinical_record',
    dataControllerBeforeId: org.outgoing.id,
    dataControllerAfterId: org.incoming.id,
    migrationMethod: 'extract_and_load',
  } as never);
  await admin.meeting.create({ programmeId: p, title: 'Steering group', heldOn: '2026-11-01' } as never);
  await admin.meeting.create({
    programmeId: p,
    title: 'Steering group (next)',
    heldOn: '2026-12-01',
  } as never);
  await admin.lot.create({ programmeId: p, code: 'Lot 2', name: 'Therapies', annualValueGbp: 1000 } as never);
  await admin.party.add({ programmeId: p, organisationId: org.elsewhere.id, role: 'partner', lotId: null });
  await admin.organisation.create({ name: 'Gamma Community Interest Co', shortName: 'Gamma', kind: 'vcse' });
  for (const who of ['Ivy Invitee', 'Ike Invitee']) {
    const inv = await admin.member.invite({
      programmeId: p,
      email: `${who.toLowerCase().replace(' ', '.')}@test.example`,
      name: who,
      organisationId: org.outgoing.id,
      role: 'provider_contributor',
    });
    expect(inv.inviteUrl, 'an invitation link').toMatch(/\/invite\/./);
    inviteTokens.push(inv.inviteUrl!.split('/').pop()!);
  }
}

describe(`bad input to every procedure (${testEngine()})`, () => {
  it('covers the procedures of the app router, and every exclusion names one of them', () => {
    expect(mutations.length).toBeGreaterThan(30);
    expect(queries.length).toBeGreaterThan(20);
    const names = new Set(Object.keys(procedures));
    for (const n of Object.keys(EXCLUDED))
      expect(names.has(n), `${n} is excluded but is not a procedure of the app router`).toBe(true);
    for (const n of Object.keys(CHANGES_WHEN_REFUSED))
      expect(names.has(n), `${n} is listed but is not a procedure of the app router`).toBe(true);
  });

  it('the pools hold rows of the kinds the inputs name', () => {
    for (const key of [
      'riskId',
      'actionId',
      'transferIds',
      'taskId',
      'predecessorId',
      'staffGroupId',
      'siteId',
    ])
      expect(idsFor(key).length, key).toBeGreaterThan(0);
    for (const key of ['systemId', 'meetingId', 'lotIds', 'membershipId', 'partyId', 'dependencyId'])
      expect(idsFor(key).length, key).toBeGreaterThan(0);
    expect(tableForKey('outgoingEmployerId')).toBe('organisations');
    expect(tableForKey('ownerUserId')).toBe('users');
    expect(tableForKey('owningOrganisationId')).toBe('organisations');
    expect(tableForKey('dataControllerAfterId')).toBe('organisations');
    expect(inviteTokens).toHaveLength(2);
  });

  for (const m of [...mutations, ...queries]) {
    if (EXCLUDED[m.name]) continue;
    const what =
      m.type === 'mutation' ? 'no 500, and a refused call changes nothing' : 'no 500, and nothing changes';
    const runs = Math.min(m.type === 'mutation' ? RUNS : QUERY_RUNS, m.inputs.length ? Infinity : 3);
    it(`${m.name}: ${what}`, { timeout: 20_000 + runs * 1_000 }, async () => {
      const st = stats[m.type];
      st.procedures++;
      await refreshPools();
      const schema = inputSchemaOf(m.inputs);
      const allowed = new Set(CHANGES_WHEN_REFUSED[m.name]?.tables ?? []);
      const mine: Finding[] = [];
      const [group, name] = m.name.split('.') as [string, string];
      // Only calls change the database here: the state after one call is the state before the next.
      let before = await fingerprint();
      const call = async (raw: unknown, currentVersions: boolean) => {
        const input = currentVersions ? await withCurrentVersions(raw) : raw;
        st.calls++;
        let refusal: string | undefined;
        try {
          await (caller as any)[group][name](input);
          st.succeeded++;
        } catch (e) {
          st.refused++;
          refusal = e instanceof TRPCError ? e.code : 'not a TRPCError';
          st.codes[refusal] = (st.codes[refusal] ?? 0) + 1;
          if (refusal === 'INTERNAL_SERVER_ERROR' || !(e instanceof TRPCError))
            mine.push({ procedure: m.name, problem: `500: ${causeOf(e)}`, input });
        }
        const after = await fingerprint();
        if (refusal || m.type === 'query') {
          const changed = changedTables(before, after).filter((k) => !allowed.has(k.split('.')[0]!));
          if (changed.length)
            mine.push({
              procedure: m.name,
              problem: `${refusal ? `refused with ${refusal}` : 'a query'} but changed ${changed.join(', ')}`,
              input,
            });
        }
        before = after;
      };
      const arb = schema ? arbitraryFor(m.name, schema) : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(arb, fc.boolean(), async (input, currentVersions) => {
          await call(input, currentVersions);
        }),
        { numRuns: runs, seed: seedFor(m.name), endOnFailure: true },
      );
      findings.push(...mine);
      const distinct = [...new Map(mine.map((f) => [f.problem.replace(/\d+/g, 'N'), f])).values()];
      expect(
        distinct.map((f) => `${f.problem} <- ${show(f.input)}`),
        `${m.name}: ${distinct.length} distinct problems in ${runs} calls`,
      ).toEqual([]);
    });
  }
});
