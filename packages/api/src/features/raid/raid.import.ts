import {
  DomainError,
  isRaidOpen,
  RAID_KIND_LABELS,
  RAID_STATUS_LABELS,
  RAID_STATUSES,
  raidProblems,
  raidReference,
  RuleViolationError,
  type TRaidKind,
  type TRaidPriority,
  type TRaidStatus,
} from '@baton/domain';
import {
  findRaidItem,
  listMembers,
  listParties,
  listRaidItems,
  type Executor,
  type TRaidRow,
} from '@baton/db';
import ExcelJS from 'exceljs';
import { canSeeOrganisation } from '@baton/domain';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { parseCsv } from '../risk/register.csv';
import { parseDateCell, sameName, tableOf } from '../risk-import/risk-import.parse';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../risk-import/risk-import.schema';
import { loadPartyDirectory } from '../../access/naming';
import { canEditRaid, canSeeRaid } from './raid.access';
import { insertRaid, updateRaidWith } from './raid.service';

/*
 * Bringing a programme office's own RAID log into Baton: an Excel workbook with a sheet per log (Issues,
 * Assumptions, Decisions, Actions: Baton's own download reads back) or one sheet with a Type column (the way
 * many RAID logs are kept), or a CSV. Headings are recognised by the names RAID logs use; dates may be
 * written the UK way; owners are matched to members by name or email, organisations by name. Rows naming
 * one of this programme's references (ISS-004) update that item; others are created. Risks and dependencies
 * in the file are skipped with a note: risks go through the register's own import, dependencies live in the
 * plan. The preview changes nothing; the import writes every row or none.
 */

type TField =
  | 'ref'
  | 'type'
  | 'title'
  | 'description'
  | 'owner'
  | 'organisation'
  | 'status'
  | 'priority'
  | 'raised'
  | 'due'
  | 'closed'
  | 'impact'
  | 'resolution'
  | 'decidedBy';

const words = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const HEADINGS: Record<TField, string[]> = {
  ref: [
    'ref',
    'reference',
    'id',
    'raid id',
    'raid ref',
    'no',
    'number',
    'log ref',
    'item no',
    'item ref',
    'ref no',
  ],
  type: ['type', 'raid type', 'raid', 'log', 'category', 'item type', 'r a i d'],
  title: [
    'title',
    'summary',
    'name',
    'short description',
    'item',
    'issue',
    'assumption',
    'decision',
    'action',
    'issue title',
    'decision title',
    'action title',
    'assumption title',
  ],
  description: [
    'description',
    'detail',
    'details',
    'issue description',
    'description of issue',
    'assumption description',
    'decision description',
    'action description',
    'context',
  ],
  owner: [
    'owner',
    'action owner',
    'issue owner',
    'assigned to',
    'responsible',
    'lead',
    'who',
    'owned by',
    'assignee',
  ],
  organisation: [
    'organisation',
    'organization',
    'org',
    'owning organisation',
    'provider',
    'organisation name',
  ],
  status: ['status', 'state', 'current status', 'outcome status'],
  priority: ['priority', 'severity', 'impact rating', 'priority rating', 'rag', 'rating'],
  raised: [
    'raised',
    'date raised',
    'raised on',
    'date identified',
    'date logged',
    'logged',
    'date opened',
    'opened',
    'date added',
    'date',
  ],
  due: [
    'due',
    'due date',
    'due by',
    'target date',
    'target resolution date',
    'deadline',
    'by when',
    'validate by',
    'date due',
    'target',
  ],
  closed: [
    'closed',
    'date closed',
    'closed on',
    'resolved on',
    'date resolved',
    'completed',
    'date completed',
    'decided',
    'decision date',
    'date decided',
  ],
  impact: [
    'impact',
    'if wrong',
    'impact if wrong',
    'impact if untrue',
    'consequence',
    'effect',
    'impact description',
  ],
  resolution: [
    'resolution',
    'rationale',
    'action taken',
    'actions taken',
    'mitigation',
    'outcome',
    'update',
    'latest update',
    'progress',
    'actions',
    'actions agreed',
    'mitigating actions',
    'comments',
    'notes',
    'how validated',
  ],
  decidedBy: ['decided by', 'decision maker', 'approved by', 'decision by', 'forum'],
};

const FIELD_LABELS: Record<TField, string> = {
  ref: 'Reference',
  type: 'Type',
  title: 'Title',
  description: 'Description',
  owner: 'Owner',
  organisation: 'Organisation',
  status: 'Status',
  priority: 'Priority',
  raised: 'Raised',
  due: 'Due',
  closed: 'Closed',
  impact: 'Impact',
  resolution: 'Resolution',
  decidedBy: 'Decided by',
};

/** Headings that name a person or a note, not a field Baton keeps ("Raised by" is not the date raised). */
const NOT_A_FIELD = /^(raised by|logged by|identified by|created by|date of next review|last updated)\b/;

function columnsOf(headers: readonly string[]): Partial<Record<TField, number>> {
  const out: Partial<Record<TField, number>> = {};
  const taken = new Set<number>();
  const entries = Object.entries(HEADINGS) as Array<[TField, string[]]>;
  // Exact headings first; then headings that begin with a known name and add a note ("Type (R/A/I/D)",
  // "Target date (dd/mm/yyyy)"), the longest name first.
  headers.forEach((h, i) => {
    const w = words(h);
    for (const [field, names] of entries)
      if (out[field] === undefined && names.includes(w)) {
        out[field] = i;
        taken.add(i);
        return;
      }
  });
  const byLength = entries
    .flatMap(([field, names]) => names.map((n) => ({ field, n })))
    .sort((a, b) => b.n.length - a.n.length);
  headers.forEach((h, i) => {
    const w = words(h);
    if (taken.has(i) || NOT_A_FIELD.test(w)) return;
    const hit = byLength.find(({ field, n }) => out[field] === undefined && w.startsWith(`${n} `));
    if (hit) {
      out[hit.field] = i;
      taken.add(i);
    }
  });
  // "Description" alone (no title column) is the title, as in many logs.
  if (out.title === undefined && out.description !== undefined) {
    out.title = out.description;
    delete out.description;
  }
  return out;
}

/** The kind a sheet name or a Type cell names; 'risk' and 'dependency' are recognised to be skipped. */
function kindOf(text: string): TRaidKind | 'risk' | 'dependency' | null {
  const w = words(text);
  if (/^(i|issues?|issue log)$/.test(w) || w.startsWith('issue')) return 'issue';
  if (/^(a|assumptions?)$/.test(w) || w.startsWith('assumption')) return 'assumption';
  if (/^(d|decisions?)$/.test(w) || w.startsWith('decision')) return 'decision';
  if (/^(actions?|meeting actions?|action log|ac)$/.test(w) || w.startsWith('action')) return 'action';
  if (/^(r|risks?)$/.test(w) || w.startsWith('risk')) return 'risk';
  if (w.startsWith('dependenc') || w === 'dep' || w === 'deps') return 'dependency';
  return null;
}

const STATUS_WORDS: Record<string, TRaidStatus> = {
  open: 'open',
  new: 'open',
  live: 'open',
  active: 'open',
  'not started': 'open',
  'in progress': 'in_progress',
  ongoing: 'in_progress',
  'being worked': 'in_progress',
  resolved: 'resolved',
  closed: 'closed',
  complete: 'done',
  completed: 'done',
  done: 'done',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  withdrawn: 'cancelled',
  validated: 'validated',
  confirmed: 'validated',
  valid: 'validated',
  invalid: 'invalid',
  'found invalid': 'invalid',
  'not valid': 'invalid',
  agreed: 'agreed',
  approved: 'agreed',
  accepted: 'agreed',
  amended: 'amended',
  'agreed as amended': 'amended',
  'approved with amendments': 'amended',
  deferred: 'deferred',
  rejected: 'rejected',
  declined: 'rejected',
};

/** A status word in this kind's life cycle ("Closed" on an action reads as done, on an assumption as validated). */
function statusOf(kind: TRaidKind, text: string): TRaidStatus | null {
  const w = words(text);
  if (!w) return RAID_STATUSES[kind][0];
  let s = STATUS_WORDS[w] ?? null;
  const fits = (x: TRaidStatus | null) =>
    x !== null && (RAID_STATUSES[kind] as readonly string[]).includes(x);
  if (fits(s)) return s;
  // A finished word from another life cycle: refused or withdrawn ones end negatively, the rest positively.
  const negative = s === 'rejected' || s === 'cancelled' || s === 'invalid';
  const finished: Partial<Record<TRaidKind, TRaidStatus>> = negative
    ? { issue: 'closed', action: 'cancelled', assumption: 'invalid', decision: 'rejected' }
    : { issue: 'resolved', action: 'done', assumption: 'validated', decision: 'agreed' };
  if (s && !isRaidOpen(s) && finished[kind]) return finished[kind]!;
  if (s === 'in_progress' && kind !== 'issue') return RAID_STATUSES[kind][0];
  // A decision still "open" in a log is one not yet taken: deferred.
  if ((s === 'open' || s === 'in_progress') && kind === 'decision') return 'deferred';
  s = null;
  return s;
}

function priorityOf(text: string): TRaidPriority | null | undefined {
  const w = words(text);
  if (!w) return null;
  if (/^(4|critical|very high|severe|extreme|red critical)$/.test(w)) return 'critical';
  if (/^(3|high|red|h)$/.test(w)) return 'high';
  if (/^(2|medium|med|moderate|amber|m)$/.test(w)) return 'medium';
  if (/^(1|low|green|minor|l)$/.test(w)) return 'low';
  return undefined;
}

interface TSheet {
  name: string | null;
  headers: string[];
  rows: string[][];
  /** The header row's number + 1. */
  firstRowNumber: number;
  /** Each row's number as the spreadsheet shows it (blank rows are left out of `rows` but still counted). */
  numbers: number[];
}

const fail = (message: string) => new RuleViolationError(message, { file: [message] });

/** The header row: among the first rows, the one that names the most fields. */
function asSheet(table: string[][], name: string | null): TSheet | null {
  let best = -1;
  let at = -1;
  for (let i = 0; i < Math.min(table.length, 15); i++) {
    const n = Object.keys(columnsOf(table[i]!.map((c) => c.trim()))).length;
    if (n > best) [best, at] = [n, i];
  }
  if (at < 0 || best < 1) return null;
  const headers = table[at]!.map((h) => h.trim());
  const numbered = table
    .slice(at + 1)
    .map((r, i) => ({ r, n: at + 2 + i }))
    .filter(({ r }) => r.some((c) => c.trim() !== ''));
  if (numbered.length > MAX_IMPORT_ROWS)
    throw fail(
      `The sheet has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows; split it into smaller files.`,
    );
  return {
    name,
    headers,
    rows: numbered.map((x) => x.r),
    firstRowNumber: at + 2,
    numbers: numbered.map((x) => x.n),
  };
}

async function readFile(fileName: string, contentBase64: string): Promise<TSheet[]> {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw fail('The file is empty.');
  if (bytes.length > MAX_IMPORT_BYTES) throw fail('The file is larger than 5 MB.');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (/\.xls$/i.test(fileName) || (bytes[0] === 0xd0 && bytes[1] === 0xcf))
    throw fail('Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv.');
  if (!isZip) {
    if (/\.xlsx$/i.test(fileName)) throw fail('That file could not be read as an Excel workbook (.xlsx).');
    const sheet = asSheet(parseCsv(new TextDecoder('utf-8').decode(bytes)), null);
    if (!sheet)
      throw fail(
        'No column headings were recognised: put headings such as Title, Owner and Status in the first row.',
      );
    return [sheet];
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw fail('That file could not be read as an Excel workbook (.xlsx).');
  }
  const sheets: TSheet[] = [];
  wb.eachSheet((ws) => {
    const s = asSheet(tableOf(ws), ws.name);
    if (s && s.rows.length) sheets.push(s);
  });
  if (!sheets.length)
    throw fail('No sheet with recognised column headings (such as Title, Owner, Status) was found.');
  return sheets;
}

export interface TRaidImportRow {
  sheet: string | null;
  row: number;
  kind: TRaidKind | null;
  action: 'create' | 'update' | 'skip' | 'error';
  reference: string | null;
  title: string;
  errors: string[];
  notes: string[];
}

interface TPlanned extends TRaidImportRow {
  fields?: {
    title: string;
    description: string;
    owningOrganisationId: string;
    ownerUserId: string | null;
    status: TRaidStatus;
    priority: TRaidPriority | null;
    impact: string;
    resolution: string;
    raisedOn: string;
    dueOn: string | null;
    closedOn: string | null;
    decidedBy: string;
  };
  existing?: TRaidRow;
}

async function plan(
  ctx: TMemberContext,
  db: Executor,
  fileName: string,
  content: string,
): Promise<TPlanned[]> {
  const { member } = ctx;
  const today = ctx.today();
  const [sheets, parties, members, directory, existing] = await Promise.all([
    readFile(fileName, content),
    listParties(db, member.programmeId),
    listMembers(db, member.programmeId, member.visibility),
    loadPartyDirectory(db, member.programmeId),
    listRaidItems(db, member.programmeId, member.visibility),
  ]);
  const orgs = parties
    .map((p) => p.organisation)
    .filter((o) => canSeeOrganisation(member.visibility, directory, o.id));
  const byRef = new Map(existing.map((i) => [raidReference(i.kind, i.number), i]));
  const out: TPlanned[] = [];
  for (const sheet of sheets) {
    const cols = columnsOf(sheet.headers);
    const sheetKind = sheet.name ? kindOf(sheet.name) : null;
    const numbers = sheet.numbers;
    if (sheetKind === 'risk' || sheetKind === 'dependency') continue;
    if (cols.title === undefined) {
      out.push({
        sheet: sheet.name,
        row: sheet.firstRowNumber - 1,
        kind: null,
        action: 'error',
        reference: null,
        title: '',
        errors: ['No column holds the title: name one "Title" (or "Description").'],
        notes: [],
      });
      continue;
    }
    sheet.rows.forEach((cells, i) => {
      const cell = (f: TField) => (cols[f] === undefined ? '' : (cells[cols[f]!] ?? '').trim());
      const p: TPlanned = {
        sheet: sheet.name,
        row: numbers[i]!,
        kind: null,
        action: 'create',
        reference: null,
        title: cell('title'),
        errors: [],
        notes: [],
      };
      out.push(p);
      const typed = cell('type') ? kindOf(cell('type')) : null;
      const kind = typed ?? sheetKind;
      if (typed === 'risk') {
        p.action = 'skip';
        p.notes.push('A risk: import risks on the risk register.');
        return;
      }
      if (typed === 'dependency') {
        p.action = 'skip';
        p.notes.push('A dependency: dependencies are kept in the transition plan.');
        return;
      }
      if (!kind || kind === 'risk' || kind === 'dependency') {
        p.action = 'error';
        p.errors.push(
          cell('type')
            ? `The type “${cell('type')}” is not one of issue, assumption, decision or action.`
            : 'Say whether this is an issue, assumption, decision or action (a Type column, or the sheet name).',
        );
        return;
      }
      p.kind = kind;
      const error = (field: TField, message: string) => p.errors.push(`${FIELD_LABELS[field]}: ${message}`);
      if (p.title.length < 3) error('title', 'give the item a title of at least 3 characters');
      if (p.title.length > 300) error('title', 'keep the title under 300 characters');

      const ref = cell('ref');
      const own = byRef.get(ref.toUpperCase());
      if (own && own.kind === kind) {
        p.action = 'update';
        p.reference = raidReference(own.kind, own.number);
        p.existing = own;
        if (!canEditRaid(member, own.owningOrganisation.id))
          error('ref', `you may not change ${p.reference}`);
      } else if (ref) p.notes.push(`Reference in the file: ${ref}.`);

      const status = statusOf(kind, cell('status'));
      if (!status)
        error(
          'status',
          `“${cell('status')}” is not a status a ${RAID_KIND_LABELS[kind].one.toLowerCase()} can have (${RAID_STATUSES[kind].map((s) => RAID_STATUS_LABELS[s]).join(', ')})`,
        );
      const priority = kind === 'issue' ? priorityOf(cell('priority')) : null;
      if (priority === undefined)
        error('priority', `“${cell('priority')}” is not low, medium, high or critical`);
      const date = (f: TField): string | null => {
        const t = cell(f);
        if (!t) return null;
        const d = parseDateCell(t);
        if (!d) error(f, `“${t}” is not a date (write 31/12/2026)`);
        return d ?? null;
      };
      const raisedOn = date('raised') ?? p.existing?.raisedOn ?? today;
      const dueOn = date('due');
      const closedOnCell = date('closed');

      let organisationId = p.existing?.owningOrganisation.id ?? member.organisationId;
      const orgName = cell('organisation');
      if (orgName) {
        const o = orgs.find((x) => sameName(x.name, orgName) || sameName(x.shortName, orgName));
        if (o) organisationId = o.id;
        else error('organisation', `“${orgName}” does not take part in this programme`);
      }
      let ownerUserId: string | null = p.existing?.owner?.id ?? null;
      const ownerName = cell('owner');
      if (ownerName) {
        const m = members.find(
          (x) => sameName(x.name, ownerName) || x.email.toLowerCase() === ownerName.toLowerCase(),
        );
        if (m) ownerUserId = m.userId;
        else {
          ownerUserId = null;
          p.notes.push(`Owner “${ownerName}” is not a member of this programme: left without an owner.`);
        }
      }
      if (!status || priority === undefined || p.errors.length) {
        p.action = 'error';
        return;
      }
      const closedOn = isRaidOpen(status) ? null : (closedOnCell ?? (kind === 'decision' ? raisedOn : today));
      const rule = raidProblems(kind, { status, raisedOn, dueOn, closedOn, priority }, today);
      for (const [f, msgs] of Object.entries(rule)) for (const m of msgs) p.errors.push(`${f}: ${m}`);
      if (p.errors.length) {
        p.action = 'error';
        return;
      }
      const extra = p.notes.filter((n) => n.startsWith('Owner') || n.startsWith('Reference')).join(' ');
      p.fields = {
        title: p.title,
        description: [cell('description'), extra].filter(Boolean).join('\n\n').slice(0, 10_000),
        owningOrganisationId: organisationId,
        ownerUserId,
        status,
        priority,
        impact: cell('impact').slice(0, 5_000),
        resolution: cell('resolution').slice(0, 5_000),
        raisedOn,
        dueOn,
        closedOn,
        decidedBy: cell('decidedBy').slice(0, 200),
      };
    });
  }
  return out;
}

const present = (rows: TPlanned[]) => {
  const shown = rows.map(({ fields: _f, existing: _e, ...r }) => r);
  const count = (a: TRaidImportRow['action']) => shown.filter((r) => r.action === a).length;
  return {
    rows: shown,
    counts: { create: count('create'), update: count('update'), skip: count('skip'), error: count('error') },
  };
};

/** What the file would do, row by row: nothing is written. */
export async function previewRaidImport(
  ctx: TMemberContext,
  input: { fileName: string; contentBase64: string },
) {
  return present(await plan(ctx, ctx.db, input.fileName, input.contentBase64));
}

/** Writes every row the preview accepts, or nothing when any row has an error. */
export function commitRaidImport(ctx: TMemberContext, input: { fileName: string; contentBase64: string }) {
  return mutation(ctx, async (w) => {
    const rows = await plan(ctx, w.trx, input.fileName, input.contentBase64);
    const bad = rows.filter((r) => r.action === 'error');
    if (bad.length)
      throw new RuleViolationError(
        `${bad.length} ${bad.length === 1 ? 'row needs' : 'rows need'} correcting before anything is imported.`,
        {
          file: bad
            .slice(0, 20)
            .map((r) => `${r.sheet ? `${r.sheet}, ` : ''}row ${r.row}: ${r.errors.join('; ')}`),
        },
      );
    if (!rows.some((r) => r.fields))
      throw new RuleViolationError('The file has no issues, assumptions, decisions or actions to import.', {
        file: ['Nothing to import'],
      });
    let created = 0;
    let updated = 0;
    for (const r of rows) {
      if (!r.fields || !r.kind) continue;
      const where = `${r.sheet ? `${r.sheet}, ` : ''}row ${r.row}`;
      try {
        if (r.existing) {
          // Re-read inside the transaction: the version the file is laid over is the current one.
          const current = await findRaidItem(w.trx, ctx.member.programmeId, r.existing.id);
          if (!current || !canSeeRaid(ctx.member, current))
            throw new RuleViolationError(`${r.reference} no longer exists.`);
          await updateRaidWith(
            w,
            ctx,
            current,
            current.version,
            { ...r.fields, riskId: current.risk?.id ?? null, meetingId: current.meeting?.id ?? null },
            `${r.reference} updated from ${input.fileName}`,
          );
          updated++;
        } else {
          await insertRaid(
            w,
            ctx,
            r.kind,
            { ...r.fields, riskId: null, meetingId: null },
            {
              summary: `${RAID_KIND_LABELS[r.kind].one} imported from ${input.fileName} (${where}): “${r.fields.title}”`,
            },
          );
          created++;
        }
      } catch (e) {
        if (e instanceof RuleViolationError) {
          const detail = Object.entries(e.fieldErrors)
            .map(([f, m]) => `${f}: ${m.join(', ')}`)
            .join('; ');
          throw new RuleViolationError(`${where}: ${e.message}${detail ? ` (${detail})` : ''}`, {
            file: [`${where}: ${detail || e.message}`],
          });
        }
        if (e instanceof DomainError)
          throw new RuleViolationError(`${where}: ${e.message}`, { file: [`${where}: ${e.message}`] });
        throw e;
      }
    }
    return { created, updated, skipped: rows.filter((r) => r.action === 'skip').length };
  });
}
