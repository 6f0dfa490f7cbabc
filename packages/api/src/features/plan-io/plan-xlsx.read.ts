import { TASK_STATUSES, TASK_STATUS_LABELS, type TTaskKind, type TTaskStatus } from '@baton/domain';
import ExcelJS from 'exceljs';
import { parseDateCell, tableOf } from '../risk-import/risk-import.parse';
import {
  LINK_TYPES,
  MAX_PLAN_LINKS,
  MAX_PLAN_TASKS,
  PlanFileError,
  type TPlanFile,
  type TPlanFileLink,
  type TPlanFileTask,
} from './plan-file';

/*
 * A plan kept in Excel: one row per task, with headings people use (Task name, Start, Finish or Due,
 * Duration, Predecessors as Project writes them, "3FS+2d", % Complete, Resource names or Owner, Workstream
 * or Phase). Baton's own plan download reads back too (its predecessors are task titles).
 */

type TField =
  | 'id'
  | 'batonId'
  | 'transfer'
  | 'title'
  | 'group'
  | 'start'
  | 'finish'
  | 'duration'
  | 'predecessors'
  | 'percent'
  | 'resources'
  | 'status'
  | 'kind'
  | 'milestone'
  | 'actualStart'
  | 'actualFinish'
  | 'conditionPrecedent'
  | 'notes'
  | 'outline'
  | 'summary';

const words = (h: string) =>
  h
    .toLowerCase()
    .replace(/[_\n\r]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Heading patterns, most specific first: a column is claimed by the first field that matches it. */
const HEADINGS: Array<[TField, RegExp]> = [
  ['batonId', /^baton id$/],
  ['actualStart', /^actual start( date)?$/],
  ['actualFinish', /^(actual (finish|end)( date)?|date completed|completed on|done on)$/],
  ['conditionPrecedent', /condition precedent|^cp$/],
  ['transfer', /^transfer$/],
  ['id', /^(id|task id|unique id|uid|#|no\.?|task no\.?|ref|reference|row id)$/],
  [
    'title',
    /^(task|task name|name|title|activity|activity name|task title|task description|milestone name)$/,
  ],
  ['group', /^(workstream|work stream|phase|stage|group|area|theme|work package|category|section)$/],
  ['start', /^(start|start date|planned start|planned start date|begin|begin date|from)$/],
  [
    'finish',
    /^(finish|finish date|end|end date|due|due date|planned finish|planned end|planned end date|deadline|target date|completion date|to)$/,
  ],
  ['duration', /^(duration|planned duration|days)$/],
  ['predecessors', /^(predecessors?|depends on|dependencies|dependency|after)$/],
  ['percent', /^(% ?complete|percent complete|complete %|% done|progress|percentage complete)$/],
  [
    'resources',
    /^(resource names?|resources?|owner|owner organisation|owning organisation|organisation|responsible|lead|assigned to|assignee|owner name)$/,
  ],
  ['status', /^(status|task status)$/],
  ['kind', /^(kind|type|task type)$/],
  ['milestone', /^milestone\??$/],
  ['notes', /^(notes?|comments?|description|details)$/],
  ['outline', /^(outline level|outline|level|indent)$/],
  ['summary', /^(summary|summary task)\??$/],
];

export function planColumns(headers: readonly string[]): Map<TField, number[]> {
  const out = new Map<TField, number[]>();
  headers.forEach((h, i) => {
    const w = words(h);
    const hit = HEADINGS.find(([, re]) => re.test(w));
    if (!hit) return;
    const [field] = hit;
    // Only resources may come from several columns (an owner organisation and an assignee).
    if (field !== 'resources' && out.has(field)) return;
    out.set(field, [...(out.get(field) ?? []), i]);
  });
  return out;
}

/** "Mon 04/01/27", "04/01/2027 09:00", "2027-01-04T08:00:00": the date in it. */
export function planDateOf(text: string): string | undefined {
  const s = text
    .trim()
    .replace(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
    .replace(/\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]m)?$/i, '');
  return parseDateCell(s);
}

const STATUS_WORDS: Record<string, TTaskStatus> = {
  ...Object.fromEntries(TASK_STATUSES.map((s) => [s.replace('_', ' '), s])),
  ...Object.fromEntries(TASK_STATUSES.map((s) => [TASK_STATUS_LABELS[s].toLowerCase(), s])),
  complete: 'done',
  completed: 'done',
  'on hold': 'blocked',
  started: 'in_progress',
  open: 'not_started',
  'not due': 'not_started',
};

/** Project's predecessor notation: "3", "3FS+2 days", "5SS-1d", "12FF" (several separated by , or ;). */
const PREDECESSOR =
  /^(.+?)\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(\d+(?:\.\d+)?)\s*(e?d|e?days?|e?w|e?wks?|e?weeks?|e?h|e?hrs?|e?hours?)?)?$/i;

function lagInDays(sign: string | undefined, amount: string | undefined, unit: string | undefined): number {
  if (!amount) return 0;
  const n = Number(amount) * (sign === '-' ? -1 : 1);
  const u = (unit ?? 'd').toLowerCase().replace(/^e/, '');
  if (u.startsWith('w')) return Math.round(n * 7);
  if (u.startsWith('h')) return Math.round(n / 8);
  return Math.round(n);
}

export async function readPlanXlsx(
  bytes: Buffer,
  fileName: string,
  transferName?: string,
): Promise<TPlanFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw new PlanFileError(
      'That file could not be read as an Excel workbook (.xlsx) or Microsoft Project XML.',
    );
  }
  // The plan is the sheet whose headings name a task, a start and a finish ("Tasks" wins among several).
  let best: { table: string[][]; header: number; columns: Map<TField, number[]>; score: number } | null =
    null;
  for (const ws of wb.worksheets) {
    if (ws.actualRowCount === 0) continue;
    const table = tableOf(ws);
    for (let i = 0; i < Math.min(15, table.length); i++) {
      const columns = planColumns(table[i] ?? []);
      if (
        !columns.has('title') ||
        !columns.has('start') ||
        !(columns.has('finish') || columns.has('duration'))
      )
        continue;
      const score = columns.size + (/task|plan/i.test(ws.name) ? 0.5 : 0);
      if (!best || score > best.score) best = { table, header: i, columns, score };
      break;
    }
  }
  if (!best)
    throw new PlanFileError(
      'No sheet has the columns a plan needs: a task name, a start date and a finish (or due) date or a duration, with the headings in one of the first rows.',
    );
  const { table, header, columns } = best;
  const col = (f: TField) => columns.get(f)?.[0];
  const cell = (r: string[], f: TField) => {
    const i = col(f);
    return i === undefined ? '' : (r[i] ?? '').trim();
  };
  let rows = table
    .slice(header + 1)
    .map((cells, i) => ({ cells, row: header + 2 + i }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  // Baton's own download holds every transfer: keep the rows of the one being imported into.
  if (col('transfer') !== undefined && transferName) {
    const mine = rows.filter((r) => cell(r.cells, 'transfer') === transferName);
    if (mine.length) rows = mine;
  }
  if (rows.length > MAX_PLAN_TASKS)
    throw new PlanFileError(
      `The plan has more than ${MAX_PLAN_TASKS.toLocaleString('en-GB')} rows; split it into smaller files.`,
    );

  // A column formatted as a percentage arrives as fractions (0.5 for 50%).
  const percents = rows.map((r) => cell(r.cells, 'percent')).filter(Boolean);
  const fractions =
    percents.length > 0 &&
    percents.every((p) => !p.includes('%') && Number(p) >= 0 && Number(p) <= 1) &&
    percents.some((p) => p.includes('.'));
  const notes: string[] = [];
  const problems: string[] = [];
  // Project's export to Excel keeps the outline: a row with deeper rows under it (or marked Summary) is a
  // heading, not work. Its top-level name becomes the group of the rows under it.
  const levelOf = (cells: string[]) => {
    const n = Number.parseInt(cell(cells, 'outline'), 10);
    return Number.isFinite(n) ? n : null;
  };
  const summaryRows = new Set<number>();
  const groupOfRow = new Map<number, string>();
  if (col('outline') !== undefined || col('summary') !== undefined) {
    const stack: Array<{ level: number; title: string }> = [];
    rows.forEach(({ cells, row }, i) => {
      const level = levelOf(cells) ?? 1;
      const next = rows[i + 1];
      const nextLevel = next ? (levelOf(next.cells) ?? 1) : 0;
      const isSummary =
        ['yes', 'y', 'true', '1'].includes(cell(cells, 'summary').toLowerCase()) ||
        (col('outline') !== undefined && nextLevel > level);
      while (stack.length && stack.at(-1)!.level >= level) stack.pop();
      if (stack.length)
        groupOfRow.set(row, stack.length > 1 && stack[0]!.level === 0 ? stack[1]!.title : stack[0]!.title);
      if (isSummary) {
        summaryRows.add(row);
        stack.push({ level, title: cell(cells, 'title') });
      }
    });
  }
  const tasks: TPlanFileTask[] = [];
  const raw: Array<{ task: TPlanFileTask; predecessors: string }> = [];
  for (const { cells, row } of rows) {
    if (summaryRows.has(row)) continue;
    const title = cell(cells, 'title');
    if (!title) {
      notes.push(`Row ${row} has no task name and was left out.`);
      continue;
    }
    const start = planDateOf(cell(cells, 'start'));
    let finish = planDateOf(cell(cells, 'finish'));
    const durationText = cell(cells, 'duration');
    const durationDays = /^(\d+(?:\.\d+)?)\s*(e?d|e?days?|e?w|e?wks?|e?weeks?)?\??$/i.exec(durationText);
    if (!finish && start && durationDays) {
      const n = Number(durationDays[1]) * (/^e?w/i.test(durationDays[2] ?? '') ? 7 : 1);
      const d = new Date(`${start}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + Math.max(0, Math.ceil(n) - 1));
      finish = d.toISOString().slice(0, 10);
    }
    if (!start || !finish) {
      problems.push(
        `Row ${row} (“${title.slice(0, 60)}”): ${!start ? `the start “${cell(cells, 'start')}” is not a date` : `the finish “${cell(cells, 'finish')}” is not a date`}.`,
      );
      continue;
    }
    const percentText = cell(cells, 'percent').replace('%', '').trim();
    let percent = percentText === '' ? 0 : Number(percentText);
    if (fractions) percent *= 100;
    percent = Number.isFinite(percent) ? Math.round(Math.min(100, Math.max(0, percent))) : 0;
    const kindText = cell(cells, 'kind').toLowerCase();
    const milestoneText = cell(cells, 'milestone').toLowerCase();
    const kind: TTaskKind | null = /gate|go\/no-go/.test(kindText)
      ? 'gate'
      : /milestone/.test(kindText) || ['yes', 'y', 'true', '1'].includes(milestoneText)
        ? 'milestone'
        : kindText === 'task'
          ? 'task'
          : durationDays && Number(durationDays[1]) === 0
            ? 'milestone'
            : null;
    const statusText = words(cell(cells, 'status'));
    const batonId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(
      cell(cells, 'batonId'),
    )
      ? cell(cells, 'batonId').toLowerCase()
      : null;
    const resources = (columns.get('resources') ?? [])
      .flatMap((i) => (cells[i] ?? '').split(/[;,]/))
      .map((s) => s.replace(/\[[^\]]*\]$/, '').trim())
      .filter(Boolean)
      .slice(0, 20);
    const task: TPlanFileTask = {
      key: cell(cells, 'id') || `row-${row}`,
      label: `Row ${row}`,
      batonId,
      title: title.slice(0, 300),
      group: cell(cells, 'group') || groupOfRow.get(row) || null,
      kind,
      start,
      finish: finish < start ? start : finish,
      percentComplete: percent,
      actualStart: planDateOf(cell(cells, 'actualStart')) ?? null,
      actualFinish: planDateOf(cell(cells, 'actualFinish')) ?? null,
      status: STATUS_WORDS[statusText] ?? null,
      resources: [...new Set(resources)],
      notes: cell(cells, 'notes').slice(0, 4000),
      conditionPrecedent:
        col('conditionPrecedent') === undefined
          ? null
          : ['yes', 'y', 'true', '1'].includes(cell(cells, 'conditionPrecedent').toLowerCase()),
    };
    tasks.push(task);
    raw.push({ task, predecessors: cell(cells, 'predecessors') });
  }
  if (problems.length)
    throw new PlanFileError(
      `${problems.length} row${problems.length === 1 ? '' : 's'} could not be read. ${problems.slice(0, 5).join(' ')}${problems.length > 5 ? ` And ${problems.length - 5} more.` : ''}`,
    );
  if (!tasks.length) throw new PlanFileError('The sheet has no tasks.');
  const keys = new Map<string, TPlanFileTask>();
  for (const t of tasks) {
    if (keys.has(t.key))
      throw new PlanFileError(
        `The ID “${t.key}” is used by more than one row (${keys.get(t.key)!.label}, ${t.label}).`,
      );
    keys.set(t.key, t);
  }
  const byTitle = new Map<string, TPlanFileTask>();
  for (const t of tasks) if (!byTitle.has(t.title.toLowerCase())) byTitle.set(t.title.toLowerCase(), t);

  const links: TPlanFileLink[] = [];
  /** A task named by its title, with Baton's own lag note ("Title (+5 days)") if it has one. */
  const byName = (text: string): { task: TPlanFileTask; lagDays: number } | null => {
    const t = text.trim();
    const exact = byTitle.get(t.toLowerCase());
    if (exact) return { task: exact, lagDays: 0 };
    const m = /^(.*?)\s*\(([+-]\d+) days?\)$/.exec(t);
    const titled = m ? byTitle.get(m[1]!.toLowerCase()) : undefined;
    return titled ? { task: titled, lagDays: Number(m![2]) } : null;
  };
  for (const { task, predecessors } of raw) {
    if (!predecessors) continue;
    // Titles may contain commas: the whole cell may be one title; Baton's download puts one per line;
    // Project's notation separates IDs with commas.
    const whole = byName(predecessors);
    const parts = whole
      ? [predecessors]
      : /[\n;]/.test(predecessors)
        ? predecessors.split(/[\n;]/)
        : predecessors.split(',');
    for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
      const named = byName(part) ?? (keys.has(part) ? { task: keys.get(part)!, lagDays: 0 } : null);
      if (named) {
        links.push({ predecessor: named.task.key, successor: task.key, type: 'FS', lagDays: named.lagDays });
        continue;
      }
      const m = PREDECESSOR.exec(part);
      const pred = m && (keys.get(m[1]!.trim()) ?? byTitle.get(m[1]!.trim().toLowerCase()));
      if (!m || !pred) {
        throw new PlanFileError(
          `${task.label} (“${task.title.slice(0, 60)}”): the predecessor “${part}” is not the ID or name of a task in the sheet.`,
        );
      }
      const type = LINK_TYPES.find((t) => t === (m[2] ?? 'FS').toUpperCase()) ?? 'FS';
      links.push({
        predecessor: pred.key,
        successor: task.key,
        type,
        lagDays: Math.max(-365, Math.min(365, lagInDays(m[3], m[4], m[5]))),
      });
    }
  }
  if (links.length > MAX_PLAN_LINKS)
    throw new PlanFileError(`The plan has more than ${MAX_PLAN_LINKS} links.`);
  const resourceNames = [...new Set(tasks.flatMap((t) => t.resources))];
  return {
    format: 'xlsx',
    fileName: fileName.slice(0, 255),
    title: fileName.replace(/\.xlsx$/i, '').slice(0, 300),
    tasks,
    links,
    resources: resourceNames.map((name) => ({ name: name.slice(0, 200), email: null, group: null })),
    notes,
  };
}
