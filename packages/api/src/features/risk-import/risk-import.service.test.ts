import type { DbHandle } from '@baton/db';
import { riskHistory } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../../testing/fixture';
import { toCsv } from '../risk/register.csv';
import { exportRiskRegister } from '../../testing/downloads';
import { base64, caught, contextFor, countRows, raise } from './risk-import.testing';

let h: DbHandle;
let fx: Fixture;
const ids: Record<string, string> = {};
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  const r1 = await raise(fx, 'admin', {
    title: 'Staff, "TUPE" transfer',
    cause: 'ELI arrives late',
    event: 'Staff transfer is delayed',
    effect: 'Gaps in rotas',
    controls: '- Weekly HR call, chaired by the ICB\n"Tracker" in place',
    gaps: '=SUM(A1) no agreed timetable; budget £40k, café staff',
    ownerUserId: fx.users.admin.id,
    targetDate: '2027-03-01',
    proximity: 'one_to_3_months',
    lotIds: [fx.lot.id],
    workstream: 'workforce_tupe',
  });
  await (
    await fx.as('admin')
  ).risk.addAction({
    programmeId: fx.programme.id,
    riskId: r1.id,
    description: 'Agree the ELI timetable',
    organisationId: fx.orgs.outgoing.id,
    ownerUserId: fx.users.contributor.id,
    dueDate: '2026-12-01',
    status: 'in_progress',
  });
  const r2 = await raise(fx, 'contributor', {
    title: 'Record migration slips',
    categoryKey: 'it_data',
    owningOrganisationId: fx.orgs.outgoing.id,
    ownerUserId: fx.users.contributor.id,
    initial: { consequence: 3, likelihood: 3 },
    current: { consequence: 2, likelihood: 2 },
    target: { consequence: 1, likelihood: 2 },
  });
  const r3 = await raise(fx, 'admin', {
    title: 'Cost baseline unclear',
    categoryKey: 'finance',
    owningOrganisationId: fx.orgs.incoming.id,
    status: 'closed',
    initial: { consequence: 5, likelihood: 5 },
    current: { consequence: 5, likelihood: 3 },
    target: { consequence: 3, likelihood: 3 },
  });
  Object.assign(ids, { r1: r1.id, r2: r2.id, r3: r3.id });
});
afterAll(() => h.close());

type TWho = Parameters<Fixture['as']>[0] & string;

const HEADER = [
  'Ref',
  'Title',
  'Cause',
  'Event',
  'Effect',
  'Category',
  'Owner',
  'Organisation',
  'Status',
  'Initial C',
  'Initial L',
  'Current C',
  'Current L',
  'Target C',
  'Target L',
  'Target date',
  'Controls',
  'Gaps',
  'Last reviewed',
  'Proximity',
  'Workstream',
  'Lots',
];
type TRow = Partial<Record<(typeof HEADER)[number], string>>;
const line = (r: TRow) => HEADER.map((hd) => r[hd] ?? '');

const NEW_RISK: TRow = {
  Title: 'Lease assignment refused',
  Cause: 'Landlord consent outstanding',
  Event: 'The clinic lease cannot be assigned',
  Effect: 'Services have nowhere to run from',
  Category: 'Estates and facilities',
  Owner: 'lee.lead@test.example',
  Organisation: 'TV ICB',
  Status: 'Open',
  'Initial C': '4',
  'Initial L': '3',
  'Current C': '3',
  'Current L': '3',
  'Target C': '2',
  'Target L': '2',
  'Target date': '01/06/2027',
  Controls: 'Monthly estates board',
  'Last reviewed': '2026-11-01',
  Proximity: '3 to 6 months',
  Workstream: 'Estates and facilities',
  Lots: 'Lot 1',
};

/** R-002 as it stands, with the current likelihood raised from 2 to 4. */
const R2_MOVED: TRow = {
  Ref: 'R-002',
  Title: 'Record migration slips',
  Event: 'Something might happen',
  Category: 'it_data',
  Owner: 'Cat Contributor',
  Organisation: 'Old Mill Community NHS Trust',
  Status: 'Open',
  'Initial C': '3',
  'Initial L': '3',
  'Current C': '2',
  'Current L': '4',
  'Target C': '1',
  'Target L': '2',
  'Last reviewed': '23/11/2026',
};

const BAD_ROW: TRow = {
  Title: 'ab',
  Event: 'Something bad',
  Category: 'Weather',
  Owner: 'Nobody Known',
  Organisation: 'Faraway Trust',
  'Initial C': '7',
  'Initial L': '3',
  'Current C': '3',
  'Current L': '3',
  'Target C': '2',
  'Target L': '2',
  'Target date': '31/02/2027',
};

async function parseFile(
  who: TWho,
  fileName: string,
  content: string | Buffer,
  programmeId = fx.programme.id,
) {
  const caller = await fx.as(who);
  const parsed = await caller.riskIo.parse({ programmeId, fileName, contentBase64: base64(content) });
  const input = {
    programmeId,
    headers: parsed.headers,
    rows: parsed.rows,
    mapping: parsed.suggestedMapping,
    firstRowNumber: parsed.firstRowNumber,
  };
  return { caller, parsed, input };
}

async function previewCsv(who: TWho, rows: TRow[], options: { addOrganisations?: boolean } = {}) {
  const parsed = await parseFile(who, 'register.csv', toCsv([HEADER, ...rows.map(line)]));
  const { caller } = parsed;
  const input = { ...parsed.input, ...options };
  return { caller, input, preview: await caller.riskIo.preview(input) };
}

async function snapshot() {
  return {
    risks: await countRows(h.db, 'risks'),
    audit: await countRows(h.db, 'audit_events'),
    history: await countRows(h.db, 'risk_history'),
    versions: (await h.db.selectFrom('risks').select(['number', 'version']).orderBy('number').execute()).map(
      (r) => `${r.number}:${r.version}`,
    ),
  };
}

async function trpcError(p: Promise<unknown>): Promise<TRPCError> {
  const e = await caught(p);
  if (!(e instanceof TRPCError)) throw e;
  return e;
}

async function exported(who: TWho, format: 'xlsx' | 'csv') {
  return exportRiskRegister(await contextFor(h.db, fx, who), { programmeId: fx.programme.id, format });
}

describe(`risk register import on ${testEngine()}`, () => {
  it('reads a CSV and suggests a mapping from the headings', async () => {
    const headings = [
      'Risk Ref',
      'Risk title',
      'Risk description',
      'Risk category',
      'Risk owner',
      'Owning organisation',
      'Inherent consequence',
      'Inherent likelihood',
      'Initial score',
      'Residual Consequence (1-5)',
      'Residual likelihood (1-5)',
      'Target score',
      'Target date',
      'Existing controls',
      'Gaps in control',
      'Date last reviewed',
      'Next review',
      'Proximity',
      'Workstream',
      'Status',
    ];
    const { parsed } = await parseFile('admin', 'theirs.csv', toCsv([headings, headings.map(() => 'x'), []]));
    expect(parsed.headers).toEqual(headings);
    expect(parsed.rows).toHaveLength(1); // the trailing blank line is dropped
    expect(parsed.firstRowNumber).toBe(2);
    const at = (h: string) => headings.indexOf(h);
    expect(parsed.suggestedMapping).toEqual({
      ref: at('Risk Ref'),
      title: at('Risk title'),
      description: at('Risk description'),
      cause: null,
      event: null,
      effect: null,
      category: at('Risk category'),
      owner: at('Risk owner'),
      organisation: at('Owning organisation'),
      status: at('Status'),
      initialC: at('Inherent consequence'),
      initialL: at('Inherent likelihood'),
      currentC: at('Residual Consequence (1-5)'),
      currentL: at('Residual likelihood (1-5)'),
      // A score column feeds the score, read in whichever shape it is written.
      targetC: null,
      targetL: null,
      initialScore: at('Initial score'),
      currentScore: null,
      targetScore: at('Target score'),
      targetDate: at('Target date'),
      controls: at('Existing controls'),
      gaps: at('Gaps in control'),
      actions: null,
      raised: null,
      lastReviewed: at('Date last reviewed'),
      proximity: at('Proximity'),
      workstream: at('Workstream'),
      lots: null,
    });
  });

  it('previews a CSV with a bad row: that row’s errors, the other rows’ plans, and nothing written', async () => {
    const before = await snapshot();
    const { preview } = await previewCsv('admin', [NEW_RISK, BAD_ROW, R2_MOVED, {}]);
    expect(preview.totals).toMatchObject({
      rows: 3,
      create: 1,
      update: 1,
      unchanged: 0,
      error: 1,
      skipped: 0,
    });
    const [created, bad, updated] = preview.rows;

    expect(created).toMatchObject({ rowNumber: 2, action: 'create', errors: [] });
    expect(created!.values).toMatchObject({
      title: 'Lease assignment refused',
      categoryKey: 'estates',
      ownerUserId: fx.users.lead.id,
      owningOrganisationId: fx.orgs.icb.id,
      status: 'open',
      initial: { consequence: 4, likelihood: 3 },
      targetDate: '2027-06-01',
      lastReviewedOn: '2026-11-01',
      proximity: 'three_to_6_months',
      workstream: 'estates_facilities',
      lotIds: [fx.lot.id],
    });

    expect(bad!.rowNumber).toBe(3);
    expect(bad!.action).toBe('error');
    // Errors name the column as the file heads it; an unknown owner is kept by name, not refused, and an
    // admin's file may bring new categories ("Weather" would be added if the row were otherwise right).
    expect(Object.fromEntries(bad!.errors.map((e) => [e.column ?? e.field, e.message]))).toEqual({
      'Initial C': '“7” is not a level: use a whole number from 1 to 5 or its name.',
      'Target date': '“31/02/2027” is not a date: write it like 01/12/2026 (day first) or 2026-12-01.',
      Title: 'Give the risk a short title',
    });
    expect(bad!.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        'Nobody Known is not a Baton user: kept as the named owner, to be matched to a member later.',
        '“Weather” is a new category: it will be added to the programme’s categories.',
        'Faraway Trust will join the programme as a partner with the import.',
      ]),
    );
    // Offered only for rows that will be imported.
    expect(preview.newCategories).toEqual([]);
    expect(preview.newOrganisations).toEqual([]);

    // Without permission to add organisations, an unknown one is an error naming the programme's own.
    const strict = await previewCsv('admin', [BAD_ROW], { addOrganisations: false });
    expect(strict.preview.rows[0]!.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /^Faraway Trust does not take part in this programme \(.*\)\. Allow new organisations to add it\.$/,
      ),
    );

    expect(updated).toMatchObject({
      rowNumber: 4,
      action: 'update',
      reference: 'R-002',
      riskId: ids.r2,
      version: 1,
      changes: ['currentL'],
      errors: [],
    });
    expect(preview.versions).toEqual({ 'R-002': 1 });

    expect(await snapshot()).toEqual(before);
  });

  it('commits all rows or none', async () => {
    const before = await snapshot();
    const { caller, input, preview } = await previewCsv('admin', [NEW_RISK, BAD_ROW, R2_MOVED]);
    const refused = await trpcError(caller.riskIo.commit({ ...input, versions: preview.versions }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toBe('One row needs correcting; nothing was imported.');
    expect(Object.keys((refused.cause as unknown as { fieldErrors: object }).fieldErrors)).toEqual(['row 3']);
    expect(await snapshot()).toEqual(before);

    // A failure half-way through the writes (here, the database refusing the last row) undoes the rest.
    await sql`create function baton_test_explode() returns trigger language plpgsql as $$
      begin if new.title = 'Explodes on insert' then raise exception 'boom'; end if; return new; end $$`.execute(
      h.db,
    );
    await sql`create trigger baton_test_explode before insert on risks
      for each row execute function baton_test_explode()`.execute(h.db);
    try {
      const boom = await previewCsv('admin', [
        NEW_RISK,
        R2_MOVED,
        { ...NEW_RISK, Title: 'Explodes on insert' },
      ]);
      expect(boom.preview.totals).toMatchObject({ create: 2, update: 1, error: 0 });
      const failed = await trpcError(
        boom.caller.riskIo.commit({ ...boom.input, versions: boom.preview.versions }),
      );
      expect(failed.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await snapshot()).toEqual(before);
    } finally {
      await sql`drop trigger baton_test_explode on risks`.execute(h.db);
      await sql`drop function baton_test_explode()`.execute(h.db);
    }

    const good = await previewCsv('admin', [NEW_RISK, R2_MOVED]);
    const result = await good.caller.riskIo.commit({
      ...good.input,
      versions: good.preview.versions,
      fileName: 'register.csv',
    });
    expect(result).toMatchObject({
      created: 1,
      updated: 1,
      unchanged: 0,
      skipped: 0,
      categoriesAdded: [],
      references: { created: ['R-004'], updated: ['R-002'] },
    });
    const after = await snapshot();
    expect(after.risks).toBe(before.risks + 1);
    expect(after.audit).toBe(before.audit + 3); // each risk, and the import itself

    const admin = await fx.as('admin');
    const { risk: r2 } = await admin.risk.get({ programmeId: fx.programme.id, riskId: ids.r2! });
    expect(r2.current).toMatchObject({ consequence: 2, likelihood: 4, score: 8 });
    expect(r2.version).toBe(2);
    expect((await riskHistory(h.db, ids.r2!)).map((x) => x.kind)).toEqual(['raised', 'import']);
    const list = await admin.risk.list({ programmeId: fx.programme.id, filter: { search: 'R-004' } });
    expect(list.items[0]).toMatchObject({
      reference: 'R-004',
      title: 'Lease assignment refused',
      raisedOn: '2026-11-01',
      lastReviewedOn: '2026-11-01',
      owner: { id: fx.users.lead.id },
      lotIds: [fx.lot.id],
    });
    const audit = await admin.audit.list({ programmeId: fx.programme.id });
    expect(audit.items.slice(0, 3).map((e) => e.summary)).toEqual([
      'Imported register.csv: 1 added, 1 updated, 0 unchanged',
      'R-002 updated by import (Current L)',
      'R-004 imported: Lease assignment refused',
    ]);
  });

  it.each(['xlsx', 'csv'] as const)(
    'round-trips an exported %s: every row unchanged, nothing written',
    async (format) => {
      const file = await exported('admin', format);
      const { caller, parsed, input } = await parseFile('admin', file.fileName, file.body);
      if (format === 'xlsx') expect(parsed.sheetName).toBe('Register');
      const preview = await caller.riskIo.preview(input);
      expect(preview.rows.filter((r) => r.action !== 'unchanged')).toEqual([]);
      expect(preview.totals).toMatchObject({ rows: 4, create: 0, update: 0, unchanged: 4, error: 0 });
      const before = await snapshot();
      expect(await caller.riskIo.commit({ ...input, versions: preview.versions })).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 4,
      });
      expect(await snapshot()).toEqual(before);
    },
  );

  it('fails the whole import with CONFLICT when a risk changed after the preview', async () => {
    const { caller, input, preview } = await previewCsv('admin', [
      NEW_RISK,
      { ...R2_MOVED, 'Current L': '3' },
    ]);
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'update']);
    const { risk } = await caller.risk.get({ programmeId: fx.programme.id, riskId: ids.r2! });
    await caller.risk.update({
      programmeId: fx.programme.id,
      riskId: ids.r2!,
      version: risk.version,
      gaps: 'Meanwhile',
    });
    const before = await snapshot();
    const e = await trpcError(caller.riskIo.commit({ ...input, versions: preview.versions }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/^R-002 changed after the import was previewed/);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a provider contributor import only their own organisation’s risks', async () => {
    const before = await snapshot();
    const own = {
      ...NEW_RISK,
      Title: 'Old Mill caseload backlog',
      Owner: 'Cat Contributor',
      Organisation: 'Old Mill',
    };
    const icbRisk = { ...NEW_RISK, Owner: '' };
    const { caller, input, preview } = await previewCsv('contributor', [
      own,
      icbRisk,
      { ...R2_MOVED, 'Current L': '3' },
    ]);
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'error', 'update']);
    expect(preview.rows[1]!.errors).toEqual([
      {
        field: 'organisation',
        column: 'Organisation',
        message: 'You can only import risks owned by your own organisation.',
      },
    ]);
    const refused = await trpcError(caller.riskIo.commit({ ...input, versions: preview.versions }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(await snapshot()).toEqual(before);

    // Nor may they change another organisation's risk: R-001 belongs to the ICB.
    const ws = await exported('contributor', 'csv');
    const exportedFile = await parseFile('contributor', ws.fileName, ws.body);
    const rows = exportedFile.input.rows.map((r) => [...r]);
    const titleAt = exportedFile.input.headers.indexOf('Title');
    const r1 = rows.find((r) => r[0] === 'R-001')!;
    r1[titleAt] = 'Renamed by Old Mill';
    const changed = await caller.riskIo.preview({ ...exportedFile.input, rows });
    expect(changed.rows.find((r) => r.reference === 'R-001')).toMatchObject({
      action: 'error',
      errors: [
        { field: 'organisation', message: 'You can only import risks owned by your own organisation.' },
      ],
    });
    // Rows they leave as they are stay unchanged, whoever owns them.
    expect(changed.totals).toMatchObject({ unchanged: 3, error: 1 });

    // Without an Organisation column, new rows are the importer's organisation's.
    const header = [
      'Title',
      'Event',
      'Category',
      'Initial C',
      'Initial L',
      'Current C',
      'Current L',
      'Target C',
      'Target L',
    ];
    const csv = toCsv([
      header,
      [
        'Waiting list transfer',
        'Waiting lists are lost in transfer',
        'clinical_quality',
        '4',
        '4',
        '4',
        '3',
        '2',
        '2',
      ],
    ]);
    const bare = await parseFile('contributor', 'mine.csv', csv);
    const bp = await caller.riskIo.preview(bare.input);
    expect(bp.rows[0]).toMatchObject({
      action: 'create',
      values: { owningOrganisationId: fx.orgs.outgoing.id },
    });
    const done = await caller.riskIo.commit({ ...bare.input, versions: bp.versions });
    expect(done).toMatchObject({ created: 1 });
    const [created] = (
      await caller.risk.list({ programmeId: fx.programme.id, filter: { search: 'Waiting list transfer' } })
    ).items;
    expect(created!.owningOrganisation.id).toBe(fx.orgs.outgoing.id);
  });

  it('refuses outsiders (NOT_FOUND) and read-only members (FORBIDDEN)', async () => {
    const csv = base64(toCsv([HEADER, line(NEW_RISK)]));
    const body = { headers: HEADER, rows: [line(NEW_RISK)], mapping: { title: 1 } };
    for (const who of ['outsider', 'bidderA'] as const) {
      const caller = await fx.as(who);
      const programmeId = fx.programme.id;
      expect(
        (await trpcError(caller.riskIo.parse({ programmeId, fileName: 'a.csv', contentBase64: csv }))).code,
      ).toBe('NOT_FOUND');
      expect((await trpcError(caller.riskIo.preview({ programmeId, ...body }))).code).toBe('NOT_FOUND');
      expect((await trpcError(caller.riskIo.commit({ programmeId, ...body }))).code).toBe('NOT_FOUND');
    }
    const viewer = await fx.as('viewer');
    expect((await trpcError(viewer.riskIo.preview({ programmeId: fx.programme.id, ...body }))).code).toBe(
      'FORBIDDEN',
    );
    const anon = await fx.as(null);
    expect((await trpcError(anon.riskIo.preview({ programmeId: fx.programme.id, ...body }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('rejects files it cannot read', async () => {
    const admin = await fx.as('admin');
    const parse = (fileName: string, content: Buffer) =>
      trpcError(
        admin.riskIo.parse({ programmeId: fx.programme.id, fileName, contentBase64: base64(content) }),
      );
    const xls = await parse('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(xls.code).toBe('BAD_REQUEST');
    expect(xls.message).toMatch(/\.xls\) cannot be read/);
    const broken = await parse('broken.xlsx', Buffer.from('PK\x03\x04 not really a zip'));
    expect(broken.message).toBe('That file could not be read as an Excel workbook (.xlsx).');
    const empty = await parse('empty.csv', Buffer.from('\uFEFF\r\n'));
    expect(empty.message).toMatch(/no rows/);
  });
});
