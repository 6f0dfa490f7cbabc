import ExcelJS from 'exceljs';
import { NHS_BLUE } from './report.format';
import { PROTECTIVE_MARKING } from './report.meta';

/*
 * Spreadsheet helpers for the report workbooks, styled like the risk register export: a blue header row that
 * stays in view, an autofilter, dates as real dates. Text is always written as a string value, never as a
 * formula, so a title that starts with "=" stays text when the workbook opens.
 */

export type TColKind = 'text' | 'longText' | 'number' | 'date' | 'percent';
export interface TCol {
  header: string;
  width: number;
  kind?: TColKind;
}

export const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
export const solid = (hex: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: argb(hex) },
});

/** Fill a cell with a colour and the AA text colour that goes with it. */
export function paint(cell: ExcelJS.Cell, fill: string, text: string, bold = true) {
  cell.fill = solid(fill);
  cell.font = { ...cell.font, bold, color: { argb: argb(text) } };
}

export function newWorkbook(title: string, created: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Baton';
  wb.title = title;
  wb.created = created;
  wb.modified = created;
  return wb;
}

/** A sheet holding one table: header row 1 (frozen, filtered, printed on every page), then the rows. */
export function tableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  cols: readonly TCol[],
  rows: ReadonlyArray<ReadonlyArray<ExcelJS.CellValue>>,
  opts: { landscape?: boolean; xSplit?: number } = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: opts.xSplit ?? 0, ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: opts.landscape === false ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  for (const values of rows) {
    const row = ws.addRow([...values]);
    cols.forEach((c, i) => formatCell(row.getCell(i + 1), c.kind ?? 'text'));
  }
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (let c = 1; c <= cols.length; c++) header.getCell(c).fill = solid(NHS_BLUE);
  header.height = 30;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  ws.pageSetup.printTitlesRow = '1:1';
  return ws;
}

function formatCell(cell: ExcelJS.Cell, kind: TColKind) {
  if (kind === 'date') cell.numFmt = 'dd/mm/yyyy';
  if (kind === 'percent') cell.numFmt = '0"%"';
  cell.alignment =
    kind === 'number' || kind === 'percent'
      ? { vertical: 'top', horizontal: 'right' }
      : { vertical: 'top', wrapText: kind === 'longText' };
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The protective marking in the printed header and footer of every sheet, with page numbers. */
export function markEverySheet(wb: ExcelJS.Workbook, marking: string = PROTECTIVE_MARKING) {
  wb.eachSheet((ws) => {
    ws.headerFooter.oddHeader = `&C&"-,Bold"${marking}`;
    ws.headerFooter.oddFooter = `&L${marking}&RPage &P of &N`;
  });
}
