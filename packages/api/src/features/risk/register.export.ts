import { CONSEQUENCE_LABELS, LEVELS, LIKELIHOOD_LABELS, bandOf, type TRiskMatrix } from '@baton/domain';
import { listActionsForRisks, listLots, listRisks, type Executor, type TActionRow } from '@baton/db';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { TMember } from '../../access/membership';
import { riskVisibility } from './risk.access';
import { toRepositoryFilter } from './risk.filter';
import {
  ACTION_COLUMNS,
  REGISTER_COLUMNS,
  type TCellValue,
  type TColumnKind,
  type TExportLookups,
  type TExportRisk,
} from './register.columns';
import { toCsv } from './register.csv';
import type { ZExportInput } from './risk.schema';

const PAGE = 500;
const NHS_BLUE = '#005eb8';

/* ---------- loading the register ---------- */

export interface TRegisterData {
  risks: TExportRisk[];
  lookups: TExportLookups;
}

/** The register under the given filters, as the caller may see it, with every risk's actions. */
export async function loadRegister(
  db: Executor,
  member: TMember,
  input: z.output<typeof ZExportInput>,
  today: string,
  matrix: TRiskMatrix,
): Promise<TRegisterData> {
  const filter = toRepositoryFilter(member.programmeId, input.filter, matrix, today, riskVisibility(member));
  const rows: Awaited<ReturnType<typeof listRisks>>['items'] = [];
  let cursor: { v: string | number; n: number } | undefined;
  do {
    const page = await listRisks(db, filter, {
      sort: input.sort,
      direction: input.direction,
      limit: PAGE,
      cursor,
    });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const actions: TActionRow[] = [];
  for (let i = 0; i < rows.length; i += PAGE) {
    actions.push(
      ...(await listActionsForRisks(
        db,
        rows.slice(i, i + PAGE).map((r) => r.id),
      )),
    );
  }
  const byRisk = new Map<string, TActionRow[]>();
  for (const a of actions) byRisk.set(a.riskId, [...(byRisk.get(a.riskId) ?? []), a]);
  const lots = await listLots(db, member.programmeId);
  return {
    risks: rows.map((risk) => ({ risk, actions: byRisk.get(risk.id) ?? [] })),
    lookups: { matrix, lotCodes: new Map(lots.map((l) => [l.id, l.code])) },
  };
}

/* ---------- CSV ---------- */

export function registerCsv(data: TRegisterData): string {
  return toCsv([
    REGISTER_COLUMNS.map((c) => c.header),
    ...data.risks.map((r) => REGISTER_COLUMNS.map((c) => c.value(r, data.lookups))),
  ]);
}

/* ---------- XLSX ---------- */

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
const solid = (hex: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: argb(hex) },
});

function excelValue(kind: TColumnKind, v: TCellValue): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (kind === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
  return v;
}

function styleHeader(ws: ExcelJS.Worksheet, columns: number) {
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (let c = 1; c <= columns; c++) header.getCell(c).fill = solid(NHS_BLUE);
  header.height = 30;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } };
}

function formatCell(cell: ExcelJS.Cell, kind: TColumnKind) {
  if (kind === 'date') cell.numFmt = 'dd/mm/yyyy';
  cell.alignment =
    kind === 'number' || kind === 'score'
      ? { vertical: 'top', horizontal: 'center' }
      : { vertical: 'top', wrapText: kind === 'longText' };
}

function paintScore(cell: ExcelJS.Cell, score: number, matrix: TRiskMatrix) {
  const band = bandOf(score, matrix);
  cell.fill = solid(band.colour);
  cell.font = { bold: true, color: { argb: argb(band.textColour) } };
}

function addRegisterSheet(wb: ExcelJS.Workbook, data: TRegisterData) {
  const ws = wb.addWorksheet('Register', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1, activeCell: 'C2' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = REGISTER_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  for (const r of data.risks) {
    const row = ws.addRow(REGISTER_COLUMNS.map((c) => excelValue(c.kind, c.value(r, data.lookups))));
    REGISTER_COLUMNS.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      formatCell(cell, col.kind);
      if (col.kind === 'score' && typeof cell.value === 'number')
        paintScore(cell, cell.value, data.lookups.matrix);
    });
  }
  styleHeader(ws, REGISTER_COLUMNS.length);
  ws.pageSetup.printTitlesRow = '1:1';
}

function addActionsSheet(wb: ExcelJS.Workbook, data: TRegisterData) {
  const ws = wb.addWorksheet('Actions', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ACTION_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  for (const { risk, actions } of data.risks) {
    for (const a of actions) {
      const row = ws.addRow(ACTION_COLUMNS.map((c) => excelValue(c.kind, c.value(a, risk.number))));
      ACTION_COLUMNS.forEach((col, i) => formatCell(row.getCell(i + 1), col.kind));
    }
  }
  styleHeader(ws, ACTION_COLUMNS.length);
}

/** The bands, the 5x5 grid they colour, escalation and each category's appetite: how to read the scores. */
function addMatrixSheet(wb: ExcelJS.Workbook, matrix: TRiskMatrix) {
  const ws = wb.addWorksheet('Matrix');
  ws.columns = [
    { width: 26 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 20 },
  ];
  const heading = (text: string) => {
    const row = ws.addRow([text]);
    row.font = { bold: true, size: 12 };
  };
  const tableHeader = (values: string[]) => {
    const row = ws.addRow(values);
    row.font = { bold: true };
  };

  heading('Score bands (score = consequence × likelihood)');
  tableHeader(['Band', 'From score', 'To score', 'Review every (days)', 'Colour']);
  for (const b of matrix.bands) {
    const row = ws.addRow([b.label, b.min, b.max, b.reviewEveryDays, b.colour]);
    row.getCell(1).fill = solid(b.colour);
    row.getCell(1).font = { bold: true, color: { argb: argb(b.textColour) } };
  }
  ws.addRow([]);
  ws.addRow(['Escalation threshold', matrix.escalationThreshold]).getCell(1).font = { bold: true };
  ws.addRow(['Risks whose current score reaches the threshold escalate to the next tier.']);
  ws.addRow([]);

  heading('Matrix');
  tableHeader(['Likelihood \\ Consequence', ...LEVELS.map((c) => `${c} ${CONSEQUENCE_LABELS[c]}`)]);
  for (const l of [...LEVELS].reverse()) {
    const row = ws.addRow([`${l} ${LIKELIHOOD_LABELS[l]}`, ...LEVELS.map((c) => c * l)]);
    LEVELS.forEach((c, i) => {
      const cell = row.getCell(i + 2);
      cell.alignment = { horizontal: 'center' };
      paintScore(cell, c * l, matrix);
    });
  }
  ws.addRow([]);

  heading('Categories and appetite');
  tableHeader(['Category', 'Tolerance (highest acceptable target score)']);
  for (const c of matrix.categories) ws.addRow([c.label, c.tolerance]);
}

export async function registerXlsx(data: TRegisterData, meta: { title: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Baton';
  wb.title = meta.title;
  wb.created = new Date();
  addRegisterSheet(wb, data);
  addActionsSheet(wb, data);
  addMatrixSheet(wb, data.lookups.matrix);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
