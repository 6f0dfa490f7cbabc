import { CONSEQUENCE_LABELS, LIKELIHOOD_LABELS } from '@baton/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from '../risk/register.csv';
import { splitDescription } from './risk-import.service';
import { parseDateCell, parseLevelCell, readSpreadsheet, suggestMapping } from './risk-import.parse';

/* The pure parts of import/export: no database. */

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['-5 staff', "'-5 staff"],
    ['@risk, x', `"'@risk, x"`],
  ])('quotes %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('leaves numbers alone and writes CRLF records after a BOM', () => {
    expect(toCsv([['a', -3, null]])).toBe('\uFEFFa,-3,\r\n');
  });

  it('reads back what it writes, and what spreadsheets write', () => {
    const rows = [
      ['Ref', 'Title', 'Controls'],
      ['R-001', 'Staff, "TUPE"', 'line 1\r\nline 2'],
      ['R-002', '=HYPERLINK("x")', ''],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(parseCsv('a;b\n1;"x;y"\n')).toEqual([
      ['a', 'b'],
      ['1', 'x;y'],
    ]);
    expect(parseCsv('a\tb\r1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('cell values', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['01/12/2026', '2026-12-01'],
    ['1/2/2027', '2027-02-01'],
    ['01.12.26', '2026-12-01'],
    ['1 December 2026', '2026-12-01'],
    ['3rd Feb 2027', '2027-02-03'],
    ['46357', '2026-12-01'], // Excel serial day
    ['2026-12-01T00:00:00.000Z', '2026-12-01'],
    ['31/02/2027', undefined],
    ['12/31/2026', undefined], // US order is not a UK date
    ['soon', undefined],
  ])('reads the date %j as %j', (text, iso) => {
    expect(parseDateCell(text)).toBe(iso);
  });

  it('reads levels as numbers, "n - label" or the label itself', () => {
    expect(parseLevelCell('4', CONSEQUENCE_LABELS)).toBe(4);
    expect(parseLevelCell('4.0', CONSEQUENCE_LABELS)).toBe(4);
    expect(parseLevelCell('4 - Major', CONSEQUENCE_LABELS)).toBe(4);
    expect(parseLevelCell('catastrophic', CONSEQUENCE_LABELS)).toBe(5);
    expect(parseLevelCell('Almost certain', LIKELIHOOD_LABELS)).toBe(5);
    expect(parseLevelCell('Major', LIKELIHOOD_LABELS)).toBeUndefined();
    expect(parseLevelCell('6', LIKELIHOOD_LABELS)).toBeUndefined();
    expect(parseLevelCell('16', LIKELIHOOD_LABELS)).toBeUndefined();
  });

  it('splits a "Cause: … Event: … Effect: …" description', () => {
    expect(splitDescription('Cause: late ELI\nEvent: transfer slips\nEffect: gaps in rotas')).toEqual({
      cause: 'late ELI',
      event: 'transfer slips',
      effect: 'gaps in rotas',
    });
    expect(splitDescription('Event: only an event')).toEqual({ event: 'only an event' });
    expect(splitDescription('No labels at all')).toEqual({ event: 'No labels at all' });
  });
});

describe('reading files', () => {
  it('finds the headings below a title row, on the first sheet with data, with typed cells as text', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes');
    const ws = wb.addWorksheet('Trust register');
    ws.addRow([]);
    ws.addRow(['Risk ID', 'Risk', 'Residual impact', 'Residual probability', 'Review date']);
    ws.addRow([
      7,
      { richText: [{ text: 'Rich ' }, { text: 'title' }] },
      4,
      3,
      new Date('2026-11-02T00:00:00Z'),
    ]);
    ws.addRow([]);
    const sheet = await readSpreadsheet(
      'trust.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    );
    expect(sheet).toEqual({
      headers: ['Risk ID', 'Risk', 'Residual impact', 'Residual probability', 'Review date'],
      rows: [['7', 'Rich title', '4', '3', '2026-11-02']],
      firstRowNumber: 3,
      sheetName: 'Trust register',
      actionSheet: null,
    });
    expect(suggestMapping(sheet.headers)).toMatchObject({
      ref: 0,
      title: 1,
      currentC: 2,
      currentL: 3,
      lastReviewed: 4,
    });
  });
});
