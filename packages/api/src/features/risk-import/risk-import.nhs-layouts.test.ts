import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { bandOf, DEFAULT_RISK_MATRIX } from '@baton/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../../testing/fixture';
import { toCsv } from '../risk/register.csv';
import { base64 } from './risk-import.testing';

/*
 * Registers laid out the way NHS organisations keep them (column sets of published NHS trust and ICB register
 * templates): a title block above the headings, scores written "CxL=S", owners given as job titles, dd/mm/yyyy
 * dates, "Date Raised" beside "Review Date". Each must import without hand-fixing the mapping and flag exactly
 * the rows that are wrong.
 */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

async function xlsx(rows: string[][], actions?: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Corporate Risk Register');
  for (const r of rows) ws.addRow(r);
  if (actions) {
    const sheet = wb.addWorksheet('Action Plan');
    for (const r of actions) sheet.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFile(fileName: string, content: string | Buffer) {
  const caller = await fx.as('admin');
  const programmeId = fx.programme.id;
  const parsed = await caller.riskIo.parse({ programmeId, fileName, contentBase64: base64(content) });
  const input = {
    programmeId,
    headers: parsed.headers,
    rows: parsed.rows,
    mapping: parsed.suggestedMapping,
    firstRowNumber: parsed.firstRowNumber,
    actionSheet: parsed.actionSheet,
  };
  const preview = await caller.riskIo.preview(input);
  return { caller, parsed, input, preview };
}

const bandCounts = (scores: number[]) => {
  const counts: Record<string, number> = {};
  for (const s of scores) {
    const band = bandOf(s, DEFAULT_RISK_MATRIX).label;
    counts[band] = (counts[band] ?? 0) + 1;
  }
  return counts;
};

describe(`registers as NHS organisations keep them, on ${testEngine()}`, () => {
  it('a trust register: title block, CxL=S scores, job-title owners, dd/mm/yyyy, a duplicate ID, a blank owner, an impossible likelihood', async () => {
    const file = await xlsx(
      [
        ['Tamar Valley ICB: Corporate Risk Register'],
        ['Version 3.2, reviewed by the Audit and Risk Committee'],
        [],
        [
          'Risk ID',
          'Description',
          'Category',
          'Risk Owner',
          'Existing Controls',
          'Inherent Risk (CxL=S)',
          'Current Risk (CxL=S)',
          'Target Risk (CxL=S)',
          'Further Actions Required',
          'Date Raised',
          'Review Date',
          'Status',
        ],
        [
          'CSR-01',
          'If the estates data room is incomplete then bidders price the lease risk. This drives up bids.',
          'Estates',
          'Director of Estates',
          'Weekly data room check',
          '4x4=16',
          '4x3=12',
          '4x1=4',
          '1. Chase landlord\n2. Publish lease summaries',
          '03/03/2026',
          '01/02/2027',
          'Open',
        ],
        [
          'CSR-02',
          'Staff may not transfer on time because ELI is late',
          'Workforce',
          'Director of HR',
          'TUPE working group',
          '5x4=20',
          '5x3=15',
          '3x2=6',
          'Agree ELI timetable; Weekly HR call',
          '14/04/2026',
          '02/11/2026',
          'Open',
        ],
        [
          'CSR-03',
          'Patient records migration slips',
          'Information governance',
          '',
          'Migration rehearsal',
          '4x3=12',
          '3x3=9',
          '2x2=4',
          '',
          '21/05/2026',
          '15/10/2026',
          'Open',
        ],
        [
          'CSR-02',
          'Duplicate of the ELI risk',
          'Workforce',
          'Director of HR',
          '',
          '3x3=9',
          '3x3=9',
          '2x2=4',
          '',
          '14/04/2026',
          '',
          'Open',
        ],
        [
          'CSR-05',
          'Finance: activity baseline disputed',
          'Finance',
          'Chief Finance Officer',
          'Monthly reconciliation',
          '4x6=24',
          '3x3=9',
          '2x2=4',
          '',
          '30/06/2026',
          '',
          'Open',
        ],
        [
          'CSR-06',
          'Subcontract novation refused',
          'Contractual',
          'Head of Contracts',
          'Legal review',
          '3x3=9',
          '2x2=4',
          '1x1=1',
          '',
          '07/07/2026',
          '',
          'Open',
        ],
      ],
      [
        ['Risk ID', 'Action', 'Action Owner', 'Due Date', 'Status'],
        ['CSR-06', 'Instruct solicitors on novation', 'Lee Lead', '15/01/2027', 'Open'],
        ['CSR-03', 'Book migration rehearsal 2', 'Head of Digital', '20/12/2026', 'In progress'],
        ['CSR-03', 'First rehearsal', '', '01/10/2026', 'Complete'],
        ['CSR-99', 'Action for a risk not in the file', '', '', 'Open'],
      ],
    );
    const { caller, parsed, input, preview } = await importFile('corporate-register.xlsx', file);

    // The headings are found below the title block, and every column maps without help.
    expect(parsed.firstRowNumber).toBe(5);
    expect(parsed.suggestedMapping).toMatchObject({
      ref: 0,
      description: 1,
      category: 2,
      owner: 3,
      controls: 4,
      initialScore: 5,
      currentScore: 6,
      targetScore: 7,
      actions: 8,
      raised: 9,
      lastReviewed: 10,
      status: 11,
    });

    // Exactly the duplicate and the impossible score are wrong, on the rows the spreadsheet shows.
    const bad = preview.rows.filter((r) => r.action === 'error');
    expect(bad.map((r) => r.rowNumber)).toEqual([8, 9]);
    expect(bad[0]!.errors).toEqual([
      {
        field: 'ref',
        column: 'Risk ID',
        message: 'CSR-02 is also on row 6: each risk can appear only once in the file.',
      },
    ]);
    expect(bad[1]!.errors[0]).toMatchObject({ column: 'Inherent Risk (CxL=S)' });
    expect(bad[1]!.errors[0]!.message).toMatch(/4x6=24/);

    // Job titles are kept as named owners; the blank owner is a warning; categories are offered.
    const ok = preview.rows.filter((r) => r.action === 'create');
    expect(ok).toHaveLength(4);
    expect(ok.map((r) => r.namedOwner ?? '')).toEqual([
      'Director of Estates',
      'Director of HR',
      '',
      'Head of Contracts',
    ]);
    expect(ok[2]!.warnings.map((w) => w.message)).toContain(
      'No owner: the risk is imported without one. Give it an owner after the import.',
    );
    // "Estates" is the programme's estates category (by key); the others are new and offered.
    expect(preview.newCategories.map((k) => k.label)).toEqual(['Workforce', 'Contractual']);

    // Leave out the two bad rows and commit the rest.
    const again = await caller.riskIo.preview({ ...input, excludedRows: [8, 9] });
    expect(again.totals).toMatchObject({ create: 4, error: 0, skipped: 2 });
    const result = await caller.riskIo.commit({ ...input, excludedRows: [8, 9], versions: again.versions });
    // Two actions from the register's own column on each of two risks, and two open ones from the Action Plan sheet.
    expect(again.unplacedActions).toBe(1);
    expect(result).toMatchObject({ created: 4, skipped: 2, actions: 6 });
    const { rows: planned } = await sql<{ description: string; due_date: string; owner: string | null }>`
      select a.description, a.due_date::text, u.email as owner from mitigation_actions a
      join risks r on r.id = a.risk_id left join users u on u.id = a.owner_user_id
      where r.source_reference in ('CSR-03', 'CSR-06') order by a.description`.execute(h.db);
    expect(planned).toEqual([
      {
        description: 'Book migration rehearsal 2 (owner named in the file: Head of Digital)',
        due_date: '2026-12-20',
        owner: null,
      },
      { description: 'Instruct solicitors on novation', due_date: '2027-01-15', owner: fx.users.lead.email },
    ]);

    const rows = await sql<{
      number: number;
      source_reference: string | null;
      named_owner: string;
      current_score: number;
      raised_on: string;
      last_reviewed_on: string;
      title: string;
    }>`select number, source_reference, named_owner, current_score, raised_on::text, last_reviewed_on::text, title
       from risks where programme_id = ${fx.programme.id} and source_reference like 'CSR-%' order by number`.execute(
      h.db,
    );
    // The file's own numbers are kept (they were free), with the file's references beside them.
    expect(rows.rows.map((r) => [r.number, r.source_reference])).toEqual([
      [1, 'CSR-01'],
      [2, 'CSR-02'],
      [3, 'CSR-03'],
      [6, 'CSR-06'],
    ]);
    // Numbering continues after the highest.
    const { rows: next1 } = await sql<{ n: number }>`select next_risk_number as n from programmes
      where id = ${fx.programme.id}`.execute(h.db);
    expect(Number(next1[0]!.n)).toBe(7);
    expect(rows.rows[0]).toMatchObject({
      named_owner: 'Director of Estates',
      raised_on: '2026-03-03',
      // "Review Date" 01/02/2027 is in the future: the next review, so the last review is the date raised.
      last_reviewed_on: '2026-03-03',
      title: 'If the estates data room is incomplete then bidders price the lease risk',
    });
    expect(rows.rows[1]).toMatchObject({ raised_on: '2026-04-14', last_reviewed_on: '2026-11-02' });
    expect(bandCounts(rows.rows.map((r) => r.current_score))).toEqual({ High: 2, Extreme: 1, Moderate: 1 });

    // The mapping is remembered for the next file laid out the same way.
    const next = await caller.riskIo.parse({
      programmeId: fx.programme.id,
      fileName: 'corporate-register.xlsx',
      contentBase64: base64(file),
    });
    expect(next.rememberedMapping).toBe(true);
  });

  it('separate likelihood and consequence columns, inherent/residual naming, single scores only where unambiguous', async () => {
    const csv = toCsv([
      [
        'Ref',
        'Risk Title',
        'Risk Description',
        'Risk Category',
        'Lead',
        'Inherent Likelihood',
        'Inherent Consequence',
        'Residual Likelihood',
        'Residual Consequence',
        'Target Score',
        'Date Identified',
        'Directorate',
      ],
      [
        '',
        'Bank staff gap at go-live',
        'Not enough bank staff',
        'Workforce',
        'Director of HR',
        '4',
        '4',
        '3',
        '4',
        '9',
        '02/09/2026',
        'Workforce',
      ],
      [
        '',
        'Rota system access',
        'Rota system accounts not ready',
        'Digital',
        'CIO',
        'Likely',
        'Major',
        '2',
        '3',
        '12',
        '02/09/2026',
        'Digital',
      ],
      [
        '',
        'Single score, unambiguous',
        'A risk scored 25',
        'Digital',
        'CIO',
        '5',
        '5',
        '5',
        '5',
        '25',
        '02/09/2026',
        '',
      ],
    ]);
    const { preview } = await importFile('directorate.csv', csv);
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'error', 'create']);
    // "12" for the target could be 3x4 or 4x3: the person is asked, not guessed for.
    expect(preview.rows[1]!.errors[0]).toMatchObject({ column: 'Target Score' });
    expect(preview.rows[1]!.errors[0]!.message).toMatch(
      /could be consequence 3 × likelihood 4 or consequence 4 × likelihood 3/,
    );
    expect(preview.rows[0]!.values).toMatchObject({
      initial: { consequence: 4, likelihood: 4 },
      current: { consequence: 4, likelihood: 3 },
      target: { consequence: 3, likelihood: 3 },
    });
  });

  it('only the current score is required: initial and target default to it, with a warning', async () => {
    const csv = toCsv([
      ['Risk Ref', 'Risk', 'Category', 'Owner', 'Score (L x C)', 'Date Logged'],
      ['RR-9', 'Interpreter contract lapses', 'Contractual', 'Head of Contracts', '2x5=10', '2026-10-01'],
    ]);
    const { preview } = await importFile('minimal.csv', csv);
    expect(preview.rows[0]).toMatchObject({ action: 'create' });
    // Written likelihood first, as the heading says.
    expect(preview.rows[0]!.values).toMatchObject({
      current: { consequence: 5, likelihood: 2 },
      initial: { consequence: 5, likelihood: 2 },
      target: { consequence: 5, likelihood: 2 },
    });
    expect(preview.rows[0]!.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        'No initial score: taken as the current score (5 × 2).',
        'No target score: taken as the current score (5 × 2).',
      ]),
    );
  });

  it('organisations not yet in the programme are offered, and join it as partners with the import', async () => {
    const csv = toCsv([
      ['Risk Ref', 'Risk', 'Category', 'Owner', 'Provider', 'Current score', 'Date Logged'],
      [
        'KC-1',
        'Kestrel caseload data late',
        'Contractual',
        'Head of Contracts',
        'Kestrel Community Health CIC',
        '3x3=9',
        '2026-10-01',
      ],
      [
        'KC-2',
        'Kestrel estates survey',
        'Estates',
        'Director of Estates',
        'Kestrel Community Health CIC',
        '2x2=4',
        '2026-10-02',
      ],
    ]);
    const { caller, input, preview } = await importFile('kestrel.csv', csv);
    expect(preview.totals).toMatchObject({ create: 2, error: 0 });
    expect(preview.newOrganisations).toEqual([
      expect.objectContaining({
        name: 'Kestrel Community Health CIC',
        kind: 'social_enterprise',
        rows: 2,
        existingId: null,
      }),
    ]);
    const result = await caller.riskIo.commit({ ...input, versions: preview.versions });
    expect(result).toMatchObject({ created: 2, organisationsAdded: ['Kestrel Community Health CIC'] });
    const { rows } = await sql<{ role: string; n: number }>`select p.role, count(r.id)::int as n
      from programme_parties p join organisations o on o.id = p.organisation_id
      left join risks r on r.owning_organisation_id = o.id
      where p.programme_id = ${fx.programme.id} and o.name = 'Kestrel Community Health CIC' group by p.role`.execute(
      h.db,
    );
    expect(rows).toEqual([{ role: 'partner', n: 2 }]);
  });
});
