import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, shapeOf } from '../../testing/errors';
import { auditCount, buildFixture, TODAY, type Fixture } from '../../testing/fixture';
import { contextFor } from '../risk-import/risk-import.testing';
import { memberContext } from '../../testing/downloads';
import { raidWorkbook } from './raid.files';

/* Importing a programme office's own RAID log. The fixture's today is 2026-11-23. */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

const P = () => ({ programmeId: fx.programme.id });
const count = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from raid_items`.execute(h.db)).rows[0]!.n);
const csv = (text: string) => ({ fileName: 'raid.csv', contentBase64: Buffer.from(text).toString('base64') });

async function workbook(sheets: Record<string, string[][]>) {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return {
    fileName: 'raid.xlsx',
    contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
  };
}

describe(`RAID log import on ${testEngine()}`, () => {
  it('reads a one-sheet RAID log with a Type column, UK dates and owners by name, skipping risks and dependencies', async () => {
    const lead = await fx.as('lead');
    const file = await workbook({
      'RAID Log': [
        ['Community services transition: RAID log (v7)'],
        [],
        [
          'RAID ID',
          'Type',
          'Description',
          'Owner',
          'Organisation',
          'Status',
          'Priority',
          'Date Raised',
          'Target Date',
          'Update',
        ],
        [
          'I01',
          'Issue',
          'Payroll extract incomplete',
          'Cat Contributor',
          'Old Mill',
          'Open',
          'High',
          '02/11/2026',
          '30/11/2026',
          'Chased',
        ],
        ['R04', 'Risk', 'Staff may not transfer', 'Lee Lead', '', 'Open', '', '01/11/2026', '', ''],
        [
          'A02',
          'Assumption',
          'CQC variation approved within 10 weeks',
          'Director of HR',
          '',
          'Open',
          '',
          '01/10/2026',
          '15/12/2026',
          '',
        ],
        [
          'D03',
          'Decision',
          'Go/no-go held at the steering group',
          '',
          '',
          'Approved',
          '',
          '26/10/2026',
          '',
          'Agreed by the SRO',
        ],
        ['DEP1', 'Dependency', 'New EPR instance', '', '', 'Open', '', '', '', ''],
        [
          'AC5',
          'Action',
          'Circulate criteria',
          'lee.lead@test.example',
          '',
          'Complete',
          '',
          '26/10/2026',
          '02/11/2026',
          '',
        ],
      ],
    });
    const preview = await lead.raid.importPreview({ ...P(), ...file });
    expect(preview.counts).toEqual({ create: 4, update: 0, skip: 2, error: 0 });
    expect(preview.rows.map((r) => [r.row, r.kind, r.action])).toEqual([
      [4, 'issue', 'create'],
      [5, null, 'skip'],
      [6, 'assumption', 'create'],
      [7, 'decision', 'create'],
      [8, null, 'skip'],
      [9, 'action', 'create'],
    ]);
    expect(preview.rows[2]!.notes).toContain(
      'Owner “Director of HR” is not a member of this programme: left without an owner.',
    );
    const [before, audits] = [await count(), await auditCount(h.db)];
    expect(await count()).toBe(before); // the preview wrote nothing

    const result = await lead.raid.importCommit({ ...P(), ...file });
    expect(result).toEqual({ created: 4, updated: 0, skipped: 2 });
    expect(await count()).toBe(before + 4);
    expect(await auditCount(h.db)).toBeGreaterThanOrEqual(audits + 4);
    const log = await lead.raid.list(P());
    const issue = log.find((i) => i.title === 'Payroll extract incomplete')!;
    expect(issue).toMatchObject({
      kind: 'issue',
      status: 'open',
      priority: 'high',
      raisedOn: '2026-11-02',
      dueOn: '2026-11-30',
      resolution: 'Chased',
      owner: { id: fx.users.contributor.id },
      owningOrganisation: { id: fx.orgs.outgoing.id },
    });
    expect(issue.description).toContain('Reference in the file: I01.');
    expect(log.find((i) => i.kind === 'decision')).toMatchObject({
      status: 'agreed',
      closedOn: '2026-10-26',
    });
    expect(log.find((i) => i.kind === 'action')).toMatchObject({
      status: 'done',
      owner: { id: fx.users.lead.id },
      closedOn: TODAY,
    });
  });

  it('reads a PMO template: title block, "Type (R/A/I/D)", real dates, "Raised by" left alone, Closed decisions', async () => {
    const lead = await fx.as('lead');
    const file = await workbook({
      RAID: [
        ['NHS Test Vale ICB – Community Services Transition'],
        ['RAID Log', '', 'Version 3.2', 'Last updated 20/11/2026'],
        [],
        [
          'Ref',
          'Date Raised',
          'Raised By',
          'Type (R/A/I/D)',
          'Description',
          'Impact',
          'Owner',
          'Actions',
          'Target Date',
          'Status',
          'RAG',
        ],
        [
          '1',
          '12/10/2026',
          'PMO',
          'I',
          'Estates survey not received',
          'Cannot plan moves',
          'Lee Lead',
          'Escalated to COO',
          '01/12/2026',
          'Open',
          'Red',
        ],
        [
          '2',
          '12/10/2026',
          'PMO',
          'A',
          'Pension admission agreement in place',
          'NFD breach',
          'Sam Steering',
          '',
          '31/01/2027',
          'Open',
          'Amber',
        ],
        [
          '3',
          '01/10/2026',
          'SRO',
          'D',
          'Go-live date confirmed as 1 April 2027',
          '',
          'Ada Admin',
          'Agreed at board',
          '',
          'Closed',
          'Green',
        ],
        ['4', '05/10/2026', 'PMO', 'Dep', 'New EPR instance', '', '', '', '', 'Open', ''],
      ],
    });
    const preview = await lead.raid.importPreview({ ...P(), ...file });
    expect(preview.rows.map((r) => [r.row, r.kind, r.action])).toEqual([
      [5, 'issue', 'create'],
      [6, 'assumption', 'create'],
      [7, 'decision', 'create'],
      [8, null, 'skip'],
    ]);
    await lead.raid.importCommit({ ...P(), ...file });
    const log = await lead.raid.list({ ...P(), state: 'all' });
    expect(log.find((i) => i.title === 'Estates survey not received')).toMatchObject({
      raisedOn: '2026-10-12',
      dueOn: '2026-12-01',
      priority: 'high',
      resolution: 'Escalated to COO',
      impact: 'Cannot plan moves',
      owner: { id: fx.users.lead.id },
    });
    expect(log.find((i) => i.title.startsWith('Go-live date'))).toMatchObject({
      kind: 'decision',
      status: 'agreed',
      closedOn: '2026-10-01',
      resolution: 'Agreed at board',
    });
  });

  it('reads Baton’s own download back: its references update the items, nothing is duplicated', async () => {
    const lead = await fx.as('lead');
    const ctx = await contextFor(h.db, fx, 'lead');
    const file = await raidWorkbook(await memberContext(ctx, fx.programme.id));
    const before = await count();
    const preview = await lead.raid.importPreview({
      ...P(),
      fileName: file.fileName,
      contentBase64: file.body.toString('base64'),
    });
    expect(preview.counts.create).toBe(0);
    expect(preview.counts.error).toBe(0);
    expect(preview.counts.update).toBe(before);
    await lead.raid.importCommit({
      ...P(),
      fileName: file.fileName,
      contentBase64: file.body.toString('base64'),
    });
    expect(await count()).toBe(before);
  });

  it('names every row that needs correcting, by its spreadsheet row, and imports nothing', async () => {
    const lead = await fx.as('lead');
    const file = csv(
      [
        'Type,Title,Status,Priority,Raised,Due,Organisation',
        'Issue,Fine issue,Open,Low,01/11/2026,,',
        'Issue,Bad date,Open,Low,31/02/2026,,',
        'Assumption,Wrong status,Sort of,,01/11/2026,,',
        'Issue,Unknown org,Open,Low,01/11/2026,,Faraway Trust',
        'Issue,Due before raised,Open,Urgent,10/11/2026,01/11/2026,',
        'Spreadsheet,Not a kind,Open,,,,',
      ].join('\n'),
    );
    const preview = await lead.raid.importPreview({ ...P(), ...file });
    expect(preview.rows.filter((r) => r.action === 'error').map((r) => r.row)).toEqual([3, 4, 5, 6, 7]);
    expect(preview.rows[1]!.errors).toEqual(['Raised: “31/02/2026” is not a date (write 31/12/2026)']);
    expect(preview.rows[3]!.errors).toEqual([
      'Organisation: “Faraway Trust” does not take part in this programme',
    ]);
    const [before, audits] = [await count(), await auditCount(h.db)];
    const e = await caught(lead.raid.importCommit({ ...P(), ...file }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(shapeOf(e).data.fieldErrors?.file?.[0]).toMatch(/^row 3: /);
    expect([await count(), await auditCount(h.db)]).toEqual([before, audits]);
  });

  it('lets a bidder import only its own items, never naming the other bidder', async () => {
    const alpha = await fx.as('bidderA');
    const file = csv(
      ['Type,Title,Organisation', 'Issue,Our issue,Alpha', 'Issue,Their issue,Beta'].join('\n'),
    );
    const preview = await alpha.raid.importPreview({ programmeId: fx.tender.id, ...file });
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'error']);
    expect(preview.rows[1]!.errors[0]).toContain('“Beta” does not take part in this programme');
  });

  it('refuses files it cannot read with a clear message', async () => {
    const lead = await fx.as('lead');
    const e1 = await caught(
      lead.raid.importPreview({
        ...P(),
        fileName: 'old.xls',
        contentBase64: Buffer.from('\xd0\xcf\x11\xe0rest', 'latin1').toString('base64'),
      }),
    );
    expect(e1.message).toContain('.xls');
    const e2 = await caught(lead.raid.importPreview({ ...P(), ...csv('Colour,Size\nRed,Big') }));
    expect(e2.message).toContain('No column headings were recognised');
  });
});
