import { RuleViolationError, toIsoDate, ZIsoDate } from '@baton/domain';
import ExcelJS from 'exceljs';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type TImportField } from '../risk/register.columns';
import { parseCsv } from '../risk/register.csv';
import { MAX_IMPORT_BYTES, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from './risk-import.schema';

export interface TParsedSheet {
  headers: string[];
  rows: string[][];
  /** The file row (1-based) that `rows[0]` came from: preview reports rows by the numbers people see. */
  firstRowNumber: number;
  sheetName: string | null;
}

const fail = (message: string) => new RuleViolationError(message, { file: [message] });

/* ---------- reading files ---------- */

type TXlsxInput = Parameters<ExcelJS.Xlsx['load']>[0];

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : toIsoDate(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
  if ('error' in v) return '';
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || (typeof result === 'object' && result !== null && 'error' in result))
      return '';
    return cellText(result as ExcelJS.CellValue);
  }
  return '';
}

const recognised = (row: readonly string[]) =>
  Object.values(suggestMapping(row.map((c) => c.trim()))).filter((v) => v !== null).length;

/** Drops empty trailing rows and columns, and rejects sheets too large to import in one go. */
function trimmed(table: string[][], firstRowNumber: number, sheetName: string | null): TParsedSheet {
  const firstFilled = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (firstFilled < 0) throw fail('The file has no rows. Put the column headings in the first row.');
  // Registers often open with a title block ("Corporate Risk Register, Q3"): the headings are the row,
  // among the first few, that names the most fields.
  let headerAt = firstFilled;
  let best = recognised(table[firstFilled]!);
  for (let i = firstFilled + 1; i < Math.min(table.length, firstFilled + 15); i++) {
    const n = recognised(table[i]!);
    if (n > best) [headerAt, best] = [i, n];
  }
  const headerRow = table[headerAt]!.map((h) => h.trim());
  let width = headerRow.length;
  while (width > 0 && headerRow[width - 1] === '') width--;
  if (width > MAX_IMPORT_COLUMNS) throw fail(`The file has more than ${MAX_IMPORT_COLUMNS} columns.`);
  const body = table.slice(headerAt + 1).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  let height = body.length;
  while (height > 0 && body[height - 1]!.every((c) => c.trim() === '')) height--;
  if (height > MAX_IMPORT_ROWS) {
    throw fail(
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows; split it into smaller files.`,
    );
  }
  return {
    headers: headerRow.slice(0, width),
    rows: body.slice(0, height),
    firstRowNumber: firstRowNumber + headerAt + 1,
    sheetName,
  };
}

export function tableOf(ws: ExcelJS.Worksheet): string[][] {
  if (ws.rowCount > MAX_IMPORT_ROWS * 4 + 50) {
    throw fail(
      `The sheet “${ws.name}” has more than ${(MAX_IMPORT_ROWS * 4).toLocaleString('en-GB')} rows; split it into smaller files.`,
    );
  }
  const table: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    const n = Math.min(row.cellCount, MAX_IMPORT_COLUMNS + 1);
    for (let c = 1; c <= n; c++) cells.push(cellText(row.getCell(c).value));
    table.push(cells);
  }
  return table;
}

/** A sheet of mitigation actions: a column naming the risk and one describing the action. */
const ACTION_SHEET_REF = /^(risk )?(ref|reference|id|no|number|risk id|risk ref)$/;
const ACTION_SHEET_TEXT = /\b(action|actions|mitigation|mitigations|description|task)\b/;

export interface TActionSheet {
  sheetName: string;
  headers: string[];
  rows: string[][];
  firstRowNumber: number;
  /** Columns found from the headings: which names the risk, the action, its owner, due date and status. */
  columns: {
    ref: number;
    description: number;
    owner: number | null;
    due: number | null;
    status: number | null;
  };
}

function actionSheetOf(ws: ExcelJS.Worksheet): TActionSheet | null {
  const table = tableOf(ws).slice(0, MAX_IMPORT_ROWS * 4 + 20);
  for (let i = 0; i < Math.min(table.length, 15); i++) {
    const heads = (table[i] ?? []).map((h) => words(h));
    const ref = heads.findIndex((h) => ACTION_SHEET_REF.test(h));
    const description = heads.findIndex(
      (h, j) => j !== ref && ACTION_SHEET_TEXT.test(h) && !/status|date|due/.test(h),
    );
    if (ref < 0 || description < 0) continue;
    const find = (re: RegExp) => {
      const j = heads.findIndex((h, k) => k !== ref && k !== description && re.test(h));
      return j < 0 ? null : j;
    };
    const rows = table
      .slice(i + 1)
      .map((r) => heads.map((_, j) => r[j] ?? ''))
      .filter((r) => r.some((c) => c.trim() !== ''));
    return {
      sheetName: ws.name,
      headers: (table[i] ?? []).slice(0, heads.length),
      rows,
      firstRowNumber: i + 2,
      columns: {
        ref,
        description,
        owner: find(/owner|lead|responsible/),
        due: find(/due|deadline|target date|by when|completion date/),
        status: find(/status|progress/),
      },
    };
  }
  return null;
}

async function readXlsx(bytes: Buffer): Promise<TParsedSheet & { actionSheet: TActionSheet | null }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as TXlsxInput);
  } catch {
    throw fail('That file could not be read as an Excel workbook (.xlsx).');
  }
  const sheets = wb.worksheets.filter((s) => s.actualRowCount > 0);
  if (!sheets.length) throw fail('The workbook has no sheets with rows.');
  // The register is the sheet whose headings name the most register fields ("Register" wins a tie).
  const scored = sheets.map((ws) => {
    const table = tableOf(ws);
    const best = Math.max(0, ...table.slice(0, 15).map((r) => recognised(r)));
    return { ws, table, score: best + (ws.name === 'Register' ? 0.5 : 0) };
  });
  scored.sort((a, b) => b.score - a.score);
  const register = scored[0]!;
  const sheet = trimmed(register.table, 1, register.ws.name);
  // Actions kept on a second sheet, one row per action, naming the risk by its reference.
  let actionSheet: TActionSheet | null = null;
  for (const other of sheets) {
    if (other === register.ws) continue;
    if (!/action|mitigation/i.test(other.name) && sheets.length > 2) continue;
    actionSheet = actionSheetOf(other);
    if (actionSheet) break;
  }
  return { ...sheet, actionSheet };
}

function readCsv(bytes: Buffer): TParsedSheet {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return trimmed(parseCsv(text), 1, null);
}

/** A spreadsheet or CSV file as headings and rows of text, whatever the cells' types were. */
export async function readSpreadsheet(
  fileName: string,
  contentBase64: string,
): Promise<TParsedSheet & { actionSheet: TActionSheet | null }> {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw fail('The file is empty.');
  if (bytes.length > MAX_IMPORT_BYTES) throw fail('The file is larger than 5 MB.');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (isOle || ext === 'xls')
    throw fail('Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv.');
  if (isZip) return readXlsx(bytes);
  if (ext === 'xlsx') throw fail('That file could not be read as an Excel workbook (.xlsx).');
  return { ...readCsv(bytes), actionSheet: null };
}

/* ---------- suggesting a mapping ---------- */

const words = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Exact headings (after lower-casing and dropping punctuation) that name a field outright. */
const SYNONYMS: Record<TImportField, string[]> = {
  ref: [
    'ref',
    'reference',
    'risk ref',
    'risk reference',
    'ref no',
    'risk no',
    'risk number',
    'risk id',
    'id',
    'no',
    'datix id',
    'datix ref',
    'risk ref no',
  ],
  title: ['title', 'risk title', 'risk name', 'name', 'short title', 'summary', 'risk summary', 'risk'],
  description: [
    'description',
    'risk description',
    'description of risk',
    'cause event effect',
    'risk description cause event effect',
    'risk description if then',
    'the risk',
  ],
  cause: ['cause', 'causes', 'risk cause', 'cause s'],
  event: ['event', 'risk event', 'events'],
  effect: ['effect', 'effects', 'risk effect', 'effect s', 'impact on'],
  category: ['category', 'risk category', 'type', 'risk type', 'domain', 'risk domain', 'risk area'],
  owner: [
    'owner',
    'risk owner',
    'lead',
    'risk lead',
    'owned by',
    'responsible',
    'responsible officer',
    'responsible person',
    'responsible lead',
    'accountable officer',
    'executive lead',
    'lead director',
    'risk handler',
    'manager',
  ],
  organisation: [
    'organisation',
    'organization',
    'org',
    'owning organisation',
    'owning organization',
    'provider',
    'trust',
  ],
  status: ['status', 'risk status', 'open closed'],
  initialC: [],
  initialL: [],
  currentC: ['consequence', 'impact', 'severity', 'c'],
  currentL: ['likelihood', 'probability', 'l', 'p'],
  targetC: [],
  targetL: [],
  initialScore: [],
  currentScore: [
    'score',
    'rating',
    'risk score',
    'risk rating',
    'rag',
    'cxl',
    'c x l',
    'lxc',
    'l x c',
    'cxl s',
    'c x l s',
  ],
  targetScore: [],
  targetDate: ['target date', 'target completion date', 'date to reach target'],
  controls: ['controls', 'existing controls', 'controls in place', 'current controls', 'key controls'],
  gaps: ['gaps', 'gaps in control', 'gaps in controls', 'control gaps'],
  actions: [
    'actions',
    'action',
    'mitigation',
    'mitigations',
    'mitigating actions',
    'mitigation actions',
    'action plan',
    'actions planned',
    'planned actions',
    'further actions',
    'further actions required',
    'actions required',
    'additional actions',
    'treatment',
  ],
  raised: [
    'date raised',
    'raised',
    'raised on',
    'date identified',
    'identified',
    'date logged',
    'logged',
    'date opened',
    'opened',
    'date added',
    'date entered',
    'date recorded',
    'date risk identified',
  ],
  lastReviewed: [
    'last reviewed',
    'last review',
    'date reviewed',
    'reviewed on',
    'last review date',
    'review date',
    'date of last review',
    'date last reviewed',
  ],
  proximity: ['proximity'],
  workstream: ['workstream', 'work stream', 'directorate', 'service area', 'division', 'area', 'care group'],
  lots: ['lots', 'lot'],
};

const STAGE: Record<string, 'initial' | 'current' | 'target'> = {
  initial: 'initial',
  inherent: 'initial',
  original: 'initial',
  gross: 'initial',
  unmitigated: 'initial',
  pre: 'initial',
  current: 'current',
  residual: 'current',
  present: 'current',
  net: 'current',
  post: 'current',
  mitigated: 'current',
  target: 'target',
  planned: 'target',
  desired: 'target',
  tolerable: 'target',
};
const DIMENSION: Record<string, 'C' | 'L'> = {
  c: 'C',
  consequence: 'C',
  impact: 'C',
  severity: 'C',
  l: 'L',
  likelihood: 'L',
  probability: 'L',
};
const SCORE_WORDS = new Set(['score', 'rating', 'rag', 'cxl', 'lxc', 'grading', 'level']);

/** Looser rules for headings that only contain the right words: "Residual likelihood (1-5)". */
function looseField(h: string): TImportField | null {
  const t = new Set(h.split(' '));
  const stages = [...new Set([...t].map((w) => STAGE[w]).filter(Boolean))];
  const dims = [...new Set([...t].map((w) => DIMENSION[w]).filter(Boolean))];
  const scoreWord = [...t].some((w) => SCORE_WORDS.has(w)) || /\b[cl] x [cl]\b/.test(h);
  if (t.has('date') && t.has('target')) return 'targetDate';
  if (t.has('date') && (t.has('raised') || t.has('identified') || t.has('logged') || t.has('opened')))
    return 'raised';
  if (stages.length <= 1 && !t.has('date') && !t.has('action') && !t.has('actions')) {
    const stage = stages[0] ?? 'current';
    // "Residual score (C x L)", "Inherent risk rating": a score, whichever way it is written.
    if (scoreWord || dims.length === 2) return `${stage}Score` as TImportField;
    if (dims.length === 1 && (stages.length === 1 || t.size <= 3))
      return `${stage}${dims[0]}` as TImportField;
  }
  if (t.has('gap') || t.has('gaps')) return 'gaps';
  if (t.has('control') || t.has('controls')) return 'controls';
  if (t.has('mitigation') || t.has('mitigating') || t.has('actions') || t.has('action')) return 'actions';
  if (t.has('last') && (t.has('review') || t.has('reviewed'))) return 'lastReviewed';
  if (t.has('description')) return 'description';
  if (t.has('category')) return 'category';
  if (t.has('organisation') || t.has('organization')) return 'organisation';
  if (t.has('owner') || t.has('responsible')) return 'owner';
  if (t.has('status')) return 'status';
  if (t.has('proximity')) return 'proximity';
  if (t.has('workstream') || t.has('directorate')) return 'workstream';
  if (t.has('cause')) return 'cause';
  if (t.has('effect')) return 'effect';
  if (t.has('title')) return 'title';
  if (t.has('ref') || t.has('reference') || t.has('id')) return 'ref';
  return null;
}

/** Baton's own export headings ("Initial C", "Current L", "Last reviewed") name their fields exactly. */
const OWN_LABELS = new Map(IMPORT_FIELDS.map((f) => [words(IMPORT_FIELD_LABELS[f]), f]));

export type TMapping = Partial<Record<TImportField, number | null>>;

/**
 * Which heading feeds which field, from the headings' wording. Each heading feeds at most one field, exact
 * names win over loose ones, and a score column alone never stands in for consequence and likelihood.
 */
export function suggestMapping(headers: readonly string[]): Record<TImportField, number | null> {
  const candidates: Array<{ field: TImportField; index: number; strength: number }> = [];
  headers.forEach((raw, index) => {
    const h = words(raw);
    if (!h) return;
    const own = OWN_LABELS.get(h);
    if (own) candidates.push({ field: own, index, strength: 3 });
    for (const field of IMPORT_FIELDS)
      if (SYNONYMS[field].includes(h)) candidates.push({ field, index, strength: 2 });
    const loose = looseField(h);
    if (loose) candidates.push({ field: loose, index, strength: 1 });
  });
  candidates.sort((a, b) => b.strength - a.strength || a.index - b.index);
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Record<
    TImportField,
    number | null
  >;
  const used = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || used.has(c.index)) continue;
    mapping[c.field] = c.index;
    used.add(c.index);
  }
  return mapping;
}

/* ---------- reading cell values ---------- */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return ZIsoDate.safeParse(s).success ? s : null;
}

/**
 * A calendar date from what people type or spreadsheets store: 2026-12-01, 01/12/2026 (UK order), 1 Dec 2026,
 * or an Excel serial day number. Returns undefined when the text is not a date.
 */
export function parseDateCell(text: string): string | undefined {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!) ?? undefined;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    return iso(y, +m[2]!, +m[1]!) ?? undefined;
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)[\s,-]+(\d{4})$/i.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    return month >= 0 ? (iso(+m[3]!, month + 1, +m[1]!) ?? undefined) : undefined;
  }
  m = /^(\d{4,6})(?:\.\d+)?$/.exec(s);
  if (m) {
    // Excel's 1900 date system: serial 1 is 1900-01-01, and it counts a 29 February 1900 that never was.
    const serial = +m[1]!;
    if (serial < 61 || serial > 2_958_465) return undefined;
    return toIsoDate(new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000));
  }
  return undefined;
}

/** A 1-5 level from "4", "4.0", "4 - Major" or the level's label ("Major", "Likely"). */
export function parseLevelCell(text: string, labels: Record<number, string>): number | undefined {
  const s = text.trim();
  const m = /^([1-5])(?:\.0+)?(?:\s*[-–:(].*)?$/.exec(s);
  if (m) return Number(m[1]);
  const byLabel = Object.entries(labels).find(([, label]) => label.toLowerCase() === s.toLowerCase());
  return byLabel ? Number(byLabel[0]) : undefined;
}

/** Compares names the way people mean them: case, spacing and punctuation aside. */
export const sameName = (a: string, b: string) => words(a) === words(b) && words(a) !== '';

/** The file's headings as one key: the same layout finds the same remembered mapping. */
export const headingsKey = (headers: readonly string[]) =>
  headers
    .map((h) => words(h))
    .join('|')
    .slice(0, 2000);
