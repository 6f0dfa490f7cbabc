import { NotFoundError, RuleViolationError, UnauthenticatedError } from '@baton/domain';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, TODAY, type Fixture } from '../../testing/fixture';
import { parseCsv } from './register.csv';
import { exportRiskRegister } from '../../testing/downloads';
import { caught, contextFor, raise, readWorkbook, sheetValues } from '../risk-import/risk-import.testing';

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  const admin = await fx.as('admin');
  const r1 = await raise(fx, 'admin', {
    title: 'Staff, "TUPE" transfer',
    cause: 'Employee liability information arrives late',
    event: 'Staff transfer is delayed',
    effect: 'Gaps in district nursing rotas',
    controls: 'Weekly HR call, chaired by the ICB\n"Tracker" in place',
    gaps: '=SUM(A1) no agreed timetable',
    ownerUserId: fx.users.admin.id,
    targetDate: '2027-03-01',
    proximity: 'one_to_3_months',
    lotIds: [fx.lot.id],
    workstream: 'workforce_tupe',
  });
  const action = { programmeId: fx.programme.id, riskId: r1.id, expectedEffect: 'likelihood' as const };
  await admin.risk.addAction({
    ...action,
    description: 'Agree the ELI timetable',
    organisationId: fx.orgs.outgoing.id,
    ownerUserId: fx.users.contributor.id,
    dueDate: '2026-12-01',
    status: 'in_progress',
  });
  await admin.risk.addAction({
    ...action,
    description: 'Brief the unions',
    organisationId: fx.orgs.icb.id,
    ownerUserId: null,
    dueDate: '2026-11-30',
    status: 'not_started',
    evidence: 'Minutes, 20 Nov',
  });
  await raise(fx, 'contributor', {
    title: 'Record migration slips',
    categoryKey: 'it_data',
    owningOrganisationId: fx.orgs.outgoing.id,
    ownerUserId: fx.users.contributor.id,
    initial: { consequence: 3, likelihood: 3 },
    current: { consequence: 2, likelihood: 2 },
    target: { consequence: 1, likelihood: 2 },
  });
  await raise(fx, 'admin', {
    title: 'Cost baseline unclear',
    categoryKey: 'finance',
    owningOrganisationId: fx.orgs.incoming.id,
    status: 'closed',
    initial: { consequence: 5, likelihood: 5 },
    current: { consequence: 5, likelihood: 3 },
    target: { consequence: 3, likelihood: 3 },
  });
});
afterAll(() => h.close());

const HEADERS = [
  'Ref',
  'Title',
  'Risk description',
  'Cause',
  'Event',
  'Effect',
  'Category',
  'Owner',
  'Organisation',
  'Status',
  'Initial C',
  'Initial L',
  'Initial score',
  'Current C',
  'Current L',
  'Current score',
  'Target C',
  'Target L',
  'Target score',
  'Target date',
  'Controls',
  'Gaps',
  'Actions',
  'Last reviewed',
  'Next review',
  'Escalated',
  'Proximity',
  'Lots',
  'Workstream',
];

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function download(
  who: Parameters<typeof contextFor>[2],
  o: Partial<Parameters<typeof exportRiskRegister>[1]> = {},
) {
  return exportRiskRegister(await contextFor(h.db, fx, who), {
    programmeId: fx.programme.id,
    format: 'xlsx',
    ...o,
  });
}

function byHeader(ws: ExcelJS.Worksheet, ref: string) {
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === ref) {
      return (header: string) => row.getCell(headers.indexOf(header) + 1);
    }
  }
  throw new Error(`no row for ${ref}`);
}

describe(`risk register export on ${testEngine()}`, () => {
  it('exports an XLSX board paper: Register, Actions and Matrix sheets with the right figures', async () => {
    const file = await download('steering');
    expect(file.fileName).toBe(`TVCS-risk-register-${TODAY}.xlsx`);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = await readWorkbook(file.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Register', 'Actions', 'Matrix']);

    const ws = wb.getWorksheet('Register')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    // Highest current score first, as the register lists them.
    expect(
      sheetValues(ws)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['R-003', 'R-001', 'R-002']);

    const cell = byHeader(ws, 'R-001');
    const value = (header: string) => cell(header).value;
    expect(value('Title')).toBe('Staff, "TUPE" transfer');
    expect(value('Risk description')).toBe(
      'Cause: Employee liability information arrives late\nEvent: Staff transfer is delayed\nEffect: Gaps in district nursing rotas',
    );
    expect(value('Category')).toBe('Workforce and TUPE');
    expect(value('Owner')).toBe('Ada Admin');
    expect(value('Organisation')).toBe('NHS Test Vale ICB');
    expect(value('Status')).toBe('Open');
    expect(
      ['Initial C', 'Initial L', 'Initial score', 'Current C', 'Current L', 'Current score'].map(value),
    ).toEqual([4, 4, 16, 3, 4, 12]);
    expect(['Target C', 'Target L', 'Target score'].map(value)).toEqual([2, 2, 4]);
    expect(value('Target date')).toEqual(day('2027-03-01'));
    expect(cell('Target date').numFmt).toBe('dd/mm/yyyy');
    expect(value('Controls')).toBe('Weekly HR call, chaired by the ICB\n"Tracker" in place');
    expect(value('Gaps')).toBe('=SUM(A1) no agreed timetable');
    expect(cell('Gaps').type).toBe(3); // ExcelJS.ValueType.String: text, never a formula
    expect(value('Actions')).toBe(
      '• Brief the unions (TV ICB, due 2026-11-30, Not started)\n' +
        '• Agree the ELI timetable (Old Mill, Cat Contributor, due 2026-12-01, In progress)',
    );
    expect(value('Last reviewed')).toEqual(day(TODAY));
    expect(value('Next review')).toEqual(day('2026-12-23')); // High band: every 30 days
    expect(value('Escalated')).toBe('No');
    expect(value('Proximity')).toBe('1 to 3 months');
    expect(value('Lots')).toBe('Lot 1');
    expect(value('Workstream')).toBe('Workforce and TUPE');
    expect(cell('Controls').alignment?.wrapText).toBe(true);

    // Score cells carry their band's colours from the programme's matrix.
    const fill = (header: string) => (cell(header).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill('Initial score')).toBe('FFD5281B'); // 16: Extreme
    expect(cell('Initial score').font.color?.argb).toBe('FFFFFFFF');
    expect(fill('Current score')).toBe('FFED8B00'); // 12: High
    expect(cell('Current score').font.color?.argb).toBe('FF212B32');
    expect(fill('Target score')).toBe('FFFFEB3B'); // 4: Moderate

    const closed = byHeader(ws, 'R-003');
    expect(closed('Status').value).toBe('Closed');
    expect(closed('Escalated').value).toBe('Yes');
    expect(closed('Owner').value).toBeNull();
    expect((closed('Current score').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD5281B');
    expect((byHeader(ws, 'R-002')('Target score').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      'FF007F3B',
    );

    const actions = sheetValues(wb.getWorksheet('Actions')!);
    expect(actions[0]).toEqual([
      'Risk ref',
      'Description',
      'Organisation',
      'Owner',
      'Due',
      'Status',
      'Expected effect',
      'Evidence',
      'Completed',
    ]);
    expect(actions.slice(1)).toEqual([
      [
        'R-001',
        'Brief the unions',
        'NHS Test Vale ICB',
        undefined,
        day('2026-11-30'),
        'Not started',
        'Reduces likelihood',
        'Minutes, 20 Nov',
      ],
      [
        'R-001',
        'Agree the ELI timetable',
        'Old Mill Community NHS Trust',
        'Cat Contributor',
        day('2026-12-01'),
        'In progress',
        'Reduces likelihood',
      ],
    ]);

    const matrix = wb.getWorksheet('Matrix')!;
    const labels = sheetValues(matrix).map((r) => r[0]);
    expect(labels).toEqual(
      expect.arrayContaining(['Low', 'Moderate', 'High', 'Extreme', 'Escalation threshold']),
    );
    let extreme: ExcelJS.Cell | undefined;
    matrix.eachRow((row) => {
      if (row.getCell(1).value === 'Extreme') extreme = row.getCell(1);
    });
    expect((extreme!.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD5281B');
  });

  it('exports CSV with the register columns, RFC 4180 quoting and a BOM for Excel', async () => {
    const file = await download('admin', { format: 'csv', sort: 'reference', direction: 'asc' });
    expect(file.fileName).toBe(`TVCS-risk-register-${TODAY}.csv`);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const text = file.body.toString('utf-8');
    expect(text.startsWith('\uFEFFRef,Title,Risk description,Cause,Event,Effect,Category,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('R-001,"Staff, ""TUPE"" transfer",');
    expect(text).toContain(',"Weekly HR call, chaired by the ICB\n""Tracker"" in place",');
    // Text a spreadsheet would run as a formula is defused.
    expect(text).toContain(",'=SUM(A1) no agreed timetable,");
    expect(text).toContain(',2027-03-01,');

    const rows = parseCsv(text);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.map((r) => r[0])).toEqual(['Ref', 'R-001', 'R-002', 'R-003']);
    const r1 = Object.fromEntries(HEADERS.map((hd, i) => [hd, rows[1]![i]]));
    expect(r1).toMatchObject({
      Title: 'Staff, "TUPE" transfer',
      Controls: 'Weekly HR call, chaired by the ICB\n"Tracker" in place',
      Gaps: '=SUM(A1) no agreed timetable',
      'Initial score': '16',
      'Target date': '2027-03-01',
      Owner: 'Ada Admin',
      Escalated: 'No',
    });
  });

  it('respects the register filters', async () => {
    const closed = await readWorkbook((await download('admin', { filter: { statuses: ['closed'] } })).body);
    expect(
      sheetValues(closed.getWorksheet('Register')!)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['R-003']);
    const mine = await readWorkbook(
      (await download('admin', { filter: { organisationIds: [fx.orgs.outgoing.id] } })).body,
    );
    expect(
      sheetValues(mine.getWorksheet('Register')!)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['R-002']);
    expect(sheetValues(mine.getWorksheet('Actions')!)).toHaveLength(1); // header only
  });

  it('gives a bidder only their own organisation’s risks', async () => {
    const base = {
      programmeId: fx.tender.id,
      categoryKey: 'procurement_legal',
      event: 'Our bid is late',
    };
    await raise(fx, 'bidderA', {
      ...base,
      title: 'Alpha bid risk',
      owningOrganisationId: fx.orgs.bidderA.id,
    });
    await raise(fx, 'bidderB', { ...base, title: 'Beta bid risk', owningOrganisationId: fx.orgs.bidderB.id });
    const titles = async (who: 'bidderA' | 'admin') => {
      const file = await download(who, { programmeId: fx.tender.id, format: 'csv' });
      return parseCsv(file.body.toString('utf-8'))
        .slice(1)
        .map((r) => r[1])
        .sort();
    };
    expect(await titles('bidderA')).toEqual(['Alpha bid risk']);
    expect(await titles('admin')).toEqual(['Alpha bid risk', 'Beta bid risk']);
  });

  it('refuses anonymous callers, outsiders and bad filters', async () => {
    expect(await caught(download(null))).toBeInstanceOf(UnauthenticatedError);
    expect(await caught(download('outsider'))).toBeInstanceOf(NotFoundError);
    expect(await caught(download('bidderA'))).toBeInstanceOf(NotFoundError);
    expect(await caught(download('admin', { programmeId: 'not-a-uuid' }))).toBeInstanceOf(NotFoundError);
    const bad = await caught(download('admin', { filter: { statuses: ['nonsense'] } as never }));
    expect(bad).toBeInstanceOf(RuleViolationError);
    // A read-only member may download.
    expect((await download('viewer')).body.length).toBeGreaterThan(1000);
  });
});
