import {
  audienceSeesOrganisation,
  can,
  canEditOrganisationItem,
  canSeeOrganisation,
  derivedRiskColumns,
  categoryOf,
  ConflictError,
  CONSEQUENCE_LABELS,
  LIKELIHOOD_LABELS,
  ORGANISATION_KIND_LABELS,
  PROXIMITIES,
  PROXIMITY_LABELS,
  RISK_STATUS_LABELS,
  RISK_STATUSES,
  riskReference,
  RuleViolationError,
  WORKSTREAM_LABELS,
  WORKSTREAMS,
  ZRiskFields,
  type TLevel,
  type TOrganisationKind,
  type TPartyDirectory,
  type TRiskMatrix,
} from '@baton/domain';
import {
  findImportMapping,
  findRiskMatrix,
  findRisksByIds,
  insertActions,
  insertRisks,
  saveImportMapping,
  saveRiskMatrix,
  takeRiskNumbers,
  usedRiskNumbers,
  listLots,
  listMembers,
  listOrganisationsVisibleTo,
  insertOrganisation,
  insertParty,
  listParties,
  listRisks,
  updateRisk,
  type Executor,
  type TLotRow,
  type TMemberRow,
  type TRiskRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import { loadPartyDirectory } from '../../access/naming';
import type { TMemberContext } from '../../context';
import { mutation, type TAuditEvent } from '../../mutation';
import { notifyRiskEscalated, notifyRisksEscalatedOnCreate } from '../notification/notify';
import { IMPORT_FIELD_LABELS, type TImportField } from '../risk/register.columns';
import { riskAuditAudience, riskVisibility } from '../risk/risk.access';
import { fieldsOf, resolveRiskWrite, type TRiskFieldsResolved } from '../risk/risk.write';
import { headingsKey, parseDateCell, parseLevelCell, sameName } from './risk-import.parse';
import { levelsFromScore, parseScoreCell, scoreOrderOf } from './risk-import.scores';
import type { TCommitInput, TPreviewInput } from './risk-import.schema';

/* ---------- what an import is checked against ---------- */

export interface TImportContext {
  programmeId: string;
  today: string;
  member: TMember;
  matrix: TRiskMatrix;
  /** Risks the importer can see, by number: a Ref naming any other risk is "not in this register". */
  risks: Map<number, TRiskRow>;
  /** Members an owner cell may name (a bidder sees only their own organisation's). */
  ownerCandidates: TMemberRow[];
  memberIds: Set<string>;
  /** Organisations an Organisation cell may name. */
  organisations: Array<{ id: string; name: string; shortName: string }>;
  partyOrganisationIds: Set<string>;
  lots: TLotRow[];
  directory: TPartyDirectory;
  /** Each member's organisation: an owner must be seen by everyone who sees the risk. */
  memberOrganisation: Map<string, string>;
  /** Every number in use, seen or not; only consulted for an importer who sees every risk. */
  usedNumbers: Set<number>;
  seesAll: boolean;
  /** Risks by the reference they had in an earlier imported file ("csr-12"). */
  bySourceReference: Map<string, TRiskRow>;
  matrixVersion: number;
  /** May add categories to the programme's matrix (the capability that edits the matrix). */
  canAddCategories: boolean;
  /** May add organisations to the programme as parties (the capability that manages parties). */
  canAddOrganisations: boolean;
  /** Organisations in Baton's directory the importer can see, for names not yet in the programme. */
  directoryOrganisations: Array<{ id: string; name: string; shortName: string }>;
  /** Organisations the file names that will join the programme with the import: stand-in id to name. */
  joining?: Map<string, string>;
}

/** Everything the rows are checked against, in a constant number of queries whatever the file's size. */
export async function loadImportContext(
  db: Executor,
  member: TMember,
  programmeId: string,
  today: string,
  matrix: TRiskMatrix,
  matrixVersion = 0,
): Promise<TImportContext> {
  const visibility = riskVisibility(member);
  const [members, parties, lots, directory, usedNumbers, known] = await Promise.all([
    listMembers(db, programmeId, member.visibility),
    listParties(db, programmeId),
    listLots(db, programmeId),
    loadPartyDirectory(db, programmeId),
    usedRiskNumbers(db, programmeId),
    can(member.role, 'parties.manage')
      ? listOrganisationsVisibleTo(db, { id: member.userId, organisationId: member.organisationId })
      : Promise.resolve([]),
  ]);
  const risks = new Map<number, TRiskRow>();
  let cursor: { v: string | number; n: number } | undefined;
  do {
    const page = await listRisks(
      db,
      { programmeId, today, visibility },
      { sort: 'reference', direction: 'asc', limit: 500, cursor },
    );
    for (const r of page.items) risks.set(r.number, r);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const organisations = new Map<string, { id: string; name: string; shortName: string }>();
  for (const p of parties) {
    if (canSeeOrganisation(member.visibility, directory, p.organisation.id)) {
      organisations.set(p.organisation.id, p.organisation);
    }
  }
  return {
    programmeId,
    today,
    member,
    matrix,
    risks,
    ownerCandidates: members,
    memberIds: new Set(members.map((m) => m.userId)),
    organisations: [...organisations.values()],
    partyOrganisationIds: new Set(organisations.keys()),
    lots,
    directory,
    memberOrganisation: new Map(members.map((m) => [m.userId, m.organisation.id])),
    usedNumbers,
    seesAll: member.visibility.kind === 'all',
    bySourceReference: new Map(
      [...risks.values()].filter((r) => r.sourceReference).map((r) => [r.sourceReference!.toLowerCase(), r]),
    ),
    matrixVersion,
    canAddCategories: can(member.role, 'programme.update'),
    canAddOrganisations: can(member.role, 'parties.manage'),
    directoryOrganisations: known.map((o) => ({ id: o.id, name: o.name, shortName: o.shortName })),
  };
}

/* ---------- planning: what each row would do ---------- */

export type TRowErrorField = TImportField | 'row';
export interface TRowError {
  field: TRowErrorField;
  /** The file's own heading for the field, when a column feeds it: messages name what people see. */
  column?: string;
  message: string;
}

export type TImportAction = 'create' | 'update' | 'unchanged' | 'error' | 'skipped';

/** What the row's cells said, resolved to ids and keys (only the mapped fields). */
export type TImportValues = Partial<TRiskFieldsResolved>;

export interface TPlannedRow {
  rowNumber: number;
  action: TImportAction;
  reference?: string;
  riskId?: string;
  /** The existing risk's version: commit must name it, so a risk changed since the preview fails the import. */
  version?: number;
  errors: TRowError[];
  /** Imported, but worth a look: a blank owner, a default, a new category. */
  warnings: TRowError[];
  values: TImportValues;
  /** For updates: the fields the row changes. */
  changes: TImportField[];
  /** For new risks: the number it will get when the file's own is kept; the file's reference otherwise kept. */
  keptNumber?: number;
  sourceReference?: string;
}

interface TRowPlan extends TPlannedRow {
  fields?: TRiskFieldsResolved;
  before?: TRiskRow;
  namedOwner?: string;
  actions: TPlannedAction[];
}

interface TPlannedAction {
  description: string;
  dueDate: string | null;
  ownerUserId: string | null;
}

export interface TImportPlan {
  rows: TRowPlan[];
  totals: Record<TImportAction, number> & { rows: number; warnings: number; actions: number };
  versions: Record<string, number>;
  /** Categories the file names that the programme does not have yet, to be added with the import. */
  newCategories: Array<{ key: string; label: string; rows: number }>;
  newOrganisations: TNewOrganisation[];
  /** Actions-sheet rows naming no risk the file adds: not imported. */
  unplacedActions: number;
  matrix: TRiskMatrix;
}

export interface TNewOrganisation {
  name: string;
  /** Stands in for the organisation's id until the import adds it. */
  standInId: string;
  /** Already in Baton's directory: only its place in the programme is added. */
  existingId: string | null;
  kind: TOrganisationKind;
  shortName: string;
  rows: number;
}

const STAGES = ['initial', 'current', 'target'] as const;
type TStage = (typeof STAGES)[number];
const LEVEL_FIELDS: Record<TStage, { C: TImportField; L: TImportField }> = {
  initial: { C: 'initialC', L: 'initialL' },
  current: { C: 'currentC', L: 'currentL' },
  target: { C: 'targetC', L: 'targetL' },
};

const TEXT_FIELDS = ['title', 'cause', 'event', 'effect', 'controls', 'gaps'] as const;

const ZOD_FIELD: Record<string, TImportField> = {
  title: 'title',
  cause: 'cause',
  event: 'event',
  effect: 'effect',
  categoryKey: 'category',
  workstream: 'workstream',
  lotIds: 'lots',
  ownerUserId: 'owner',
  owningOrganisationId: 'organisation',
  controls: 'controls',
  gaps: 'gaps',
  status: 'status',
  'initial.consequence': 'initialC',
  'initial.likelihood': 'initialL',
  'current.consequence': 'currentC',
  'current.likelihood': 'currentL',
  'target.consequence': 'targetC',
  'target.likelihood': 'targetL',
  targetDate: 'targetDate',
  proximity: 'proximity',
  raisedOn: 'lastReviewed',
};

const PROXIMITY_ALIASES: Record<string, (typeof PROXIMITIES)[number]> = {
  'less than 1 month': 'within_1_month',
  'under 1 month': 'within_1_month',
  '1 month': 'within_1_month',
  '1 3 months': 'one_to_3_months',
  '3 6 months': 'three_to_6_months',
  '6 months': 'over_6_months',
  'more than 6 months': 'over_6_months',
  '6 months plus': 'over_6_months',
};

/** A "Cause: … Event: … Effect: …" cell back into its parts; text without those labels is the event. */
export function splitDescription(text: string): Partial<Record<'cause' | 'event' | 'effect', string>> {
  const marks = [...text.matchAll(/(?:^|\s)(cause|event|effect)\s*:\s*/gi)];
  if (!marks.length) return { event: text.trim() };
  const out: Partial<Record<'cause' | 'event' | 'effect', string>> = {};
  marks.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    out[m[1]!.toLowerCase() as 'cause' | 'event' | 'effect'] = text.slice(start, end).trim();
  });
  return out;
}

const lines = (s: string) => s.replace(/\r\n?/g, '\n');
const sameText = (a: string, b: string) => lines(a) === lines(b);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');

/** The import fields on which two versions of a risk differ. */
function changedFields(a: TRiskFieldsResolved, b: TRiskFieldsResolved): TImportField[] {
  const out: TImportField[] = [];
  for (const f of TEXT_FIELDS) if (!sameText(a[f], b[f])) out.push(f);
  if (a.categoryKey !== b.categoryKey) out.push('category');
  if (a.ownerUserId !== b.ownerUserId) out.push('owner');
  if (a.owningOrganisationId !== b.owningOrganisationId) out.push('organisation');
  if (a.status !== b.status) out.push('status');
  for (const s of STAGES) {
    if (a[s].consequence !== b[s].consequence) out.push(LEVEL_FIELDS[s].C);
    if (a[s].likelihood !== b[s].likelihood) out.push(LEVEL_FIELDS[s].L);
  }
  if ((a.targetDate ?? null) !== (b.targetDate ?? null)) out.push('targetDate');
  if (a.lastReviewedOn !== b.lastReviewedOn) out.push('lastReviewed');
  if ((a.proximity ?? null) !== (b.proximity ?? null)) out.push('proximity');
  if ((a.workstream ?? null) !== (b.workstream ?? null)) out.push('workstream');
  if (!sameSet(a.lotIds, b.lotIds)) out.push('lots');
  return out;
}

/** "R-007", "7", "CSR-12", "RR 0042": an optional prefix and a number; anything else is kept as text. */
function parseReference(text: string): { prefix: string; number: number } | null {
  const m = /^([A-Za-z]{0,8})[\s\-_/.]*0*(\d{1,6})$/.exec(text.trim());
  return m ? { prefix: m[1]!.toUpperCase(), number: Number(m[2]) } : null;
}

/** A category key from a label: "Workforce & HR" becomes "workforce_hr". */
function categoryKeyOf(label: string, taken: ReadonlySet<string>): string {
  const base =
    ('c_' + label.toLowerCase().replace(/[^a-z0-9]+/g, '_'))
      .replace(/^c_(?=[a-z])/, '')
      .replace(/_+$/, '')
      .slice(0, 36) || 'category';
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

/** The first sentence of a description, short enough for a title. */
function titleFrom(text: string): string {
  const first = (text.split(/(?<=[.!?])\s|\n/)[0] ?? '').trim();
  const cut = first.length > 120 ? `${first.slice(0, 117).replace(/\s+\S*$/, '')}…` : first;
  return cut.replace(/[.]$/, '');
}

/** A cell of mitigation actions: one per line, bullet or numbered item, or semicolon. */
function actionsIn(text: string): string[] {
  return text
    .split(/\n|;\s+|(?:^|\s)(?=\d{1,2}[.)]\s)|(?:^|\s)[•·▪‣-]\s/)
    .map((a) => a.replace(/^\s*(?:\d{1,2}[.)]|[•·▪‣-])\s*/, '').trim())
    .filter((a) => a.length >= 3)
    .map((a) => a.slice(0, 2000));
}

interface TFilePass {
  /** Actions from the workbook's actions sheet, by the risk reference they name (lower case). */
  sheetActions: Map<string, TPlannedAction[]>;
  /** Every reference in the file, normalised, with the first row that uses it. */
  references: Map<string, number>;
  /** Numbers kept from the file, with the row that keeps each. */
  keptNumbers: Map<number, number>;
}

function planRow(
  c: TImportContext,
  input: TPreviewInput,
  matrix: TRiskMatrix,
  newCategoryLabels: ReadonlyMap<string, string>,
  row: readonly string[],
  rowNumber: number,
  pass: TFilePass,
): TRowPlan | null {
  if (row.every((v) => v.trim() === '')) return null;
  const mapped = (f: TImportField) => input.mapping[f] !== null && input.mapping[f] !== undefined;
  const heading = (f: TImportField) => {
    const i = input.mapping[f];
    return i === null || i === undefined ? undefined : input.headers[i]?.trim() || undefined;
  };
  const cell = (f: TImportField): string | undefined => {
    const i = input.mapping[f];
    return i === null || i === undefined ? undefined : lines(row[i] ?? '').trim();
  };
  const errors: TRowError[] = [];
  const warnings: TRowError[] = [];
  const note = (list: TRowError[], field: TRowErrorField, message: string) => {
    if (list.some((e) => e.field === field && e.message === message)) return;
    const column = field === 'row' ? undefined : heading(field);
    list.push({ field, ...(column ? { column } : {}), message });
  };
  const err = (field: TRowErrorField, message: string) => note(errors, field, message);
  const warn = (field: TRowErrorField, message: string) => note(warnings, field, message);
  const p: TImportValues = {};

  if (input.excludedRows.includes(rowNumber)) {
    return { rowNumber, action: 'skipped', errors, warnings, values: p, changes: [], actions: [] };
  }

  // Ref: an existing risk (by Baton's number, or by the reference an earlier import kept) is updated;
  // otherwise the row adds a risk that keeps the file's reference.
  let before: TRiskRow | undefined;
  let keptNumber: number | undefined;
  let sourceReference: string | undefined;
  const refText = cell('ref');
  if (refText) {
    const ref = parseReference(refText);
    const key = ref ? `${ref.prefix}-${ref.number}` : refText.toLowerCase();
    const earlier = pass.references.get(key);
    if (earlier !== undefined && earlier !== rowNumber) {
      err('ref', `${refText} is also on row ${earlier}: each risk can appear only once in the file.`);
    } else {
      pass.references.set(key, rowNumber);
      const byNumber = ref && (ref.prefix === '' || ref.prefix === 'R') ? c.risks.get(ref.number) : undefined;
      before = byNumber ?? c.bySourceReference.get(refText.toLowerCase());
      if (!before) {
        if (!ref || riskReference(ref.number) !== refText.toUpperCase().replace(/\s+/g, ''))
          sourceReference = refText.slice(0, 40);
        // The file's number is kept where it is free; an importer who cannot see every risk never learns
        // whether a number is taken, so their new risks always take the next numbers.
        const free = ref && c.seesAll && !c.usedNumbers.has(ref.number) && !pass.keptNumbers.has(ref.number);
        if (free) {
          keptNumber = ref.number;
          pass.keptNumbers.set(ref.number, rowNumber);
        } else if (ref && c.seesAll) {
          warn(
            'ref',
            `${riskReference(ref.number)} is already used, so this risk gets the next free number; ${refText} is kept as its file reference.`,
          );
        }
      }
    }
  }

  for (const f of TEXT_FIELDS) {
    const v = cell(f);
    if (v !== undefined) p[f] = v;
  }
  const fromDescription = new Set<string>();
  const description = cell('description');
  if (description !== undefined) {
    // The description tells the whole story: parts it leaves out are empty.
    const parts = splitDescription(description);
    for (const part of ['cause', 'event', 'effect'] as const) {
      if (mapped(part)) continue;
      p[part] = parts[part] ?? '';
      fromDescription.add(part);
    }
  }
  if (!before && !p.title) {
    const from = description || p.event || '';
    if (from) {
      p.title = titleFrom(from);
      warn('title', 'No title: the first sentence of the description is used as the title.');
    }
  }

  const category = cell('category');
  if (category !== undefined) {
    const found = matrix.categories.find(
      (k) => k.key === category.toLowerCase() || sameName(k.label, category),
    );
    if (found) {
      p.categoryKey = found.key;
      if (newCategoryLabels.has(found.key))
        warn(
          'category',
          `“${found.label}” is a new category: it will be added to the programme’s categories.`,
        );
    } else if (!category) err('category', 'Give the risk a category.');
    else {
      err(
        'category',
        c.canAddCategories
          ? `“${category}” is not one of this programme’s categories. Allow new categories, or use one of: ${c.matrix.categories.map((k) => k.label).join(', ')}.`
          : `“${category}” is not one of this programme’s categories (${c.matrix.categories.map((k) => k.label).join(', ')}). A programme admin can add it.`,
      );
    }
  }

  let namedOwner: string | undefined;
  const owner = cell('owner');
  if (owner !== undefined) {
    if (!owner) {
      p.ownerUserId = null;
      namedOwner = '';
      warn('owner', 'No owner: the risk is imported without one. Give it an owner after the import.');
    } else if (before?.owner && sameName(before.owner.name, owner)) p.ownerUserId = before.owner.id;
    else if (before && !before.owner && sameName(before.namedOwner, owner)) {
      p.ownerUserId = null;
      namedOwner = before.namedOwner;
    } else {
      const email = (/<([^<>]+)>\s*$/.exec(owner)?.[1] ?? (owner.includes('@') ? owner : ''))
        .trim()
        .toLowerCase();
      const byEmail = email ? c.ownerCandidates.filter((m) => m.email.toLowerCase() === email) : [];
      const byName = byEmail.length
        ? byEmail
        : c.ownerCandidates.filter((m) => sameName(m.name, owner.replace(/<[^<>]*>\s*$/, '')));
      if (byName.length === 1) p.ownerUserId = byName[0]!.userId;
      else if (byName.length > 1)
        err('owner', `More than one member is called ${owner}: give their email address instead.`);
      else {
        p.ownerUserId = null;
        namedOwner = owner.slice(0, 200);
        warn(
          'owner',
          `${owner} is not a Baton user: kept as the named owner, to be matched to a member later.`,
        );
      }
    }
  } else if (!before) {
    warn('owner', 'No owner column: the risk is imported without an owner.');
  }

  const organisation = cell('organisation');
  if (organisation !== undefined) {
    const found = c.organisations.find(
      (o) => sameName(o.name, organisation) || sameName(o.shortName, organisation),
    );
    if (found) {
      p.owningOrganisationId = found.id;
      if (c.joining?.has(found.id))
        warn('organisation', `${found.name} will join the programme as a partner with the import.`);
    } else if (!organisation) err('organisation', 'Name the organisation that owns the risk.');
    else
      err(
        'organisation',
        `${organisation} does not take part in this programme (${c.organisations
          .filter((o) => !c.joining?.has(o.id))
          .map((o) => o.shortName)
          .join(', ')}).${c.canAddOrganisations ? ' Allow new organisations to add it.' : ''}`,
      );
  } else if (!before) {
    // Nothing says whose risks these are: they are the importer's organisation's.
    if (c.partyOrganisationIds.has(c.member.organisationId)) p.owningOrganisationId = c.member.organisationId;
    else err('organisation', 'Add a column naming the organisation that owns each risk.');
  }

  const status = cell('status');
  if (status) {
    const found = RISK_STATUSES.find(
      (s) =>
        s === status.toLowerCase() ||
        sameName(RISK_STATUS_LABELS[s], status) ||
        sameName(s, status.split(/[\s(]/)[0] ?? ''),
    );
    const alias = /^(live|active|current|new|ongoing)$/i.test(status) ? 'open' : undefined;
    if (found ?? alias) p.status = (found ?? alias)!;
    else err('status', `Use one of: ${RISK_STATUSES.map((s) => RISK_STATUS_LABELS[s]).join(', ')}.`);
  }

  // Scores: consequence and likelihood columns, a score column in any usual shape, or both.
  const stageLevels = (stage: TStage): { consequence: number; likelihood: number } | 'absent' | 'bad' => {
    const level = (dim: 'C' | 'L') => {
      const field = LEVEL_FIELDS[stage][dim];
      const text = cell(field);
      if (!text) return undefined;
      const v = parseLevelCell(text, dim === 'C' ? CONSEQUENCE_LABELS : LIKELIHOOD_LABELS);
      if (v === undefined) {
        err(field, `“${text}” is not a level: use a whole number from 1 to 5 or its name.`);
        return null;
      }
      return v;
    };
    const consequence = level('C');
    const likelihood = level('L');
    if (consequence === null || likelihood === null) return 'bad';
    const scoreField = SCORE_FIELDS[stage];
    const scoreText = cell(scoreField);
    const parsed = scoreText ? parseScoreCell(scoreText, scoreOrderOf(heading(scoreField) ?? '')) : null;
    if (parsed?.kind === 'error') {
      err(scoreField, parsed.message);
      return 'bad';
    }
    if (parsed?.kind === 'pair') {
      if (
        (consequence !== undefined && consequence !== parsed.consequence) ||
        (likelihood !== undefined && likelihood !== parsed.likelihood)
      ) {
        err(scoreField, `“${scoreText}” disagrees with the consequence and likelihood columns.`);
        return 'bad';
      }
      return parsed;
    }
    if (parsed?.kind === 'score') {
      if (consequence !== undefined && likelihood !== undefined) {
        if (consequence * likelihood !== parsed.score) {
          err(scoreField, `Score ${parsed.score} is not ${consequence} × ${likelihood}.`);
          return 'bad';
        }
        return { consequence, likelihood };
      }
      const found = levelsFromScore(parsed.score, { consequence, likelihood });
      if ('error' in found) {
        err(scoreField, found.error);
        return 'bad';
      }
      return found;
    }
    if (consequence !== undefined && likelihood !== undefined) return { consequence, likelihood };
    if (consequence !== undefined || likelihood !== undefined) {
      err(
        LEVEL_FIELDS[stage][consequence === undefined ? 'C' : 'L'],
        `The ${stage} ${consequence === undefined ? 'consequence' : 'likelihood'} is missing.`,
      );
      return 'bad';
    }
    return 'absent';
  };
  const levels = {
    initial: stageLevels('initial'),
    current: stageLevels('current'),
    target: stageLevels('target'),
  };
  for (const stage of STAGES) {
    const v = levels[stage];
    if (v === 'bad') continue;
    if (v !== 'absent') {
      p[stage] = { consequence: v.consequence as TLevel, likelihood: v.likelihood as TLevel };
      continue;
    }
    if (before) continue;
    if (stage === 'current') {
      err(
        'currentScore',
        mapped('currentScore') || mapped('currentC')
          ? 'The current score is blank.'
          : 'No column gives the current score: map a score column, or the consequence and likelihood columns.',
      );
    }
  }
  if (!before && levels.current !== 'absent' && levels.current !== 'bad') {
    for (const stage of ['initial', 'target'] as const) {
      if (levels[stage] !== 'absent') continue;
      p[stage] = p.current!;
      warn(
        SCORE_FIELDS[stage],
        `No ${stage} score: taken as the current score (${levels.current.consequence} × ${levels.current.likelihood}).`,
      );
    }
  }

  const dateCell = (field: 'targetDate' | 'lastReviewed' | 'raised'): string | null | undefined => {
    const text = cell(field);
    if (text === undefined || text === '') return text === '' ? null : undefined;
    const d = parseDateCell(text);
    if (!d) err(field, `“${text}” is not a date: write it like 01/12/2026 (day first) or 2026-12-01.`);
    return d;
  };
  const targetDate = dateCell('targetDate');
  if (targetDate !== undefined) p.targetDate = targetDate;
  const raised = dateCell('raised');
  if (raised && raised > c.today) err('raised', 'A risk cannot be raised in the future.');
  let lastReviewed = dateCell('lastReviewed');
  if (lastReviewed && lastReviewed > c.today) {
    warn(
      'lastReviewed',
      `${lastReviewed} is in the future: read as when the next review is due, so the last review is taken as the date raised.`,
    );
    lastReviewed = null;
  }
  if (lastReviewed) p.lastReviewedOn = lastReviewed;

  const proximity = cell('proximity');
  if (proximity !== undefined) {
    const found = PROXIMITIES.find(
      (k) => k === proximity.toLowerCase() || sameName(PROXIMITY_LABELS[k], proximity),
    );
    const alias =
      PROXIMITY_ALIASES[
        proximity
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim()
      ];
    if (!proximity) p.proximity = null;
    else if (found ?? alias) p.proximity = (found ?? alias)!;
    else err('proximity', `Use one of: ${PROXIMITIES.map((k) => PROXIMITY_LABELS[k]).join(', ')}.`);
  }

  const workstream = cell('workstream');
  if (workstream !== undefined) {
    const found = WORKSTREAMS.find(
      (k) => k === workstream.toLowerCase() || sameName(WORKSTREAM_LABELS[k], workstream),
    );
    if (!workstream) p.workstream = null;
    else if (found) p.workstream = found;
    else {
      // A directorate or service area Baton does not know is not a reason to refuse the risk.
      p.workstream = null;
      warn('workstream', `“${workstream}” is not one of Baton’s workstreams: left blank.`);
    }
  }

  const lots = cell('lots');
  if (lots !== undefined) {
    const ids: string[] = [];
    const match = (t: string) => c.lots.find((l) => sameName(l.code, t) || sameName(l.name, t));
    for (const piece of lots
      .split(/[;\n]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const whole = match(piece);
      const parts = whole
        ? [whole]
        : piece
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map(match);
      parts.forEach((l, i) => {
        if (l) ids.push(l.id);
        else err('lots', `${whole ? piece : piece.split(',')[i]?.trim()} is not a lot of this programme.`);
      });
    }
    p.lotIds = [...new Set(ids)];
  }

  if (!before) {
    if (!p.title) err('title', 'No title or description: add a column with the risk’s title or description.');
    if (!mapped('category')) err('category', 'Add a column with each risk’s category.');
    if (!mapped('event') && !mapped('description') && !mapped('title'))
      err('event', 'Add a column describing the risk.');
  }

  const base: TRiskFieldsResolved = before
    ? fieldsOf(before)
    : {
        title: '',
        cause: '',
        event: '',
        effect: '',
        categoryKey: '',
        workstream: null,
        lotIds: [],
        ownerUserId: null,
        owningOrganisationId: '',
        affectedOrganisationIds: [],
        controls: '',
        gaps: '',
        status: 'open',
        initial: { consequence: 1, likelihood: 1 },
        current: { consequence: 1, likelihood: 1 },
        target: { consequence: 1, likelihood: 1 },
        targetDate: null,
        proximity: null,
        escalationTier: 'programme',
        raisedOn: c.today,
        lastReviewedOn: c.today,
      };
  const merged = { ...base, ...p };
  if (!before) {
    if (!merged.event && merged.title) merged.event = merged.title;
    merged.raisedOn = raised ?? lastReviewed ?? c.today;
    merged.lastReviewedOn = lastReviewed ?? merged.raisedOn;
  }

  const { lastReviewedOn: _l, ...zodInput } = merged;
  const parsed = ZRiskFields.safeParse(zodInput);
  let fields: TRiskFieldsResolved | undefined;
  if (parsed.success) {
    fields = { ...parsed.data, raisedOn: merged.raisedOn, lastReviewedOn: merged.lastReviewedOn };
  } else {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      const mappedTo = ZOD_FIELD[key] ?? ZOD_FIELD[String(issue.path[0])];
      const field = mappedTo && fromDescription.has(mappedTo) ? 'description' : (mappedTo ?? 'row');
      // A cell that could not be read already says so; the schema's complaint about it adds nothing.
      if (!errors.some((e) => e.field === field)) err(field, issue.message);
    }
  }

  const actions: TPlannedAction[] = before
    ? []
    : [
        ...actionsIn(cell('actions') ?? '').map((description) => ({
          description,
          dueDate: null,
          ownerUserId: null,
        })),
        ...(refText ? (pass.sheetActions.get(refText.toLowerCase()) ?? []) : []),
      ];
  if (refText) pass.sheetActions.delete(refText.toLowerCase());
  const reference = before ? riskReference(before.number) : undefined;
  const result = (action: TImportAction, changes: TImportField[] = []): TRowPlan => ({
    rowNumber,
    action,
    ...(before ? { reference, riskId: before.id, version: before.version, before } : {}),
    ...(keptNumber !== undefined ? { keptNumber } : {}),
    ...(sourceReference ? { sourceReference } : {}),
    errors,
    warnings,
    values: p,
    changes,
    actions,
    ...(namedOwner !== undefined ? { namedOwner } : {}),
    ...(fields && action !== 'error' ? { fields } : {}),
  });
  if (errors.length || !fields) return result('error');

  const changes = before ? changedFields(fieldsOf(before), fields) : [];
  if (before && namedOwner !== undefined && namedOwner !== before.namedOwner && !changes.includes('owner'))
    changes.push('owner');
  if (before && changes.length === 0) return result('unchanged');

  // resolveRiskWrite's rules, answered from the loaded context, so a large file needs no query per row.
  if (!categoryOf(fields.categoryKey, matrix))
    err('category', 'Choose one of the programme’s risk categories.');
  if (!c.partyOrganisationIds.has(fields.owningOrganisationId)) {
    err('organisation', 'The owning organisation must take part in this programme.');
  }
  if (fields.affectedOrganisationIds.some((id) => !c.partyOrganisationIds.has(id))) {
    err('row', 'Every affected organisation must take part in this programme.');
  }
  if (fields.lotIds.some((id) => !c.lots.some((l) => l.id === id)))
    err('lots', 'Choose lots of this programme.');
  if (fields.ownerUserId) {
    const ownerOrg = c.memberOrganisation.get(fields.ownerUserId);
    if (!ownerOrg) err('owner', 'The owner must be a member of this programme.');
    else if (!audienceSeesOrganisation(c.directory, [fields.owningOrganisationId], ownerOrg))
      err('owner', 'Only people whom everyone who sees this risk can see may own it.');
  }
  if (fields.targetDate && fields.targetDate < fields.raisedOn) {
    err('targetDate', `The target date is before the risk was raised (${fields.raisedOn}).`);
  }
  if (fields.lastReviewedOn < fields.raisedOn) {
    err('lastReviewed', `The last review is before the risk was raised (${fields.raisedOn}).`);
  }

  // Access: the same as editing the risk by hand.
  const { role, organisationId } = c.member;
  if (
    !canEditOrganisationItem(role, organisationId, fields.owningOrganisationId) ||
    (before && !canEditOrganisationItem(role, organisationId, before.owningOrganisation.id))
  ) {
    err('organisation', 'You can only import risks owned by your own organisation.');
  }

  if (errors.length) return result('error');
  return before ? result('update', changes) : result('create');
}

const SCORE_FIELDS: Record<TStage, TImportField> = {
  initial: 'initialScore',
  current: 'currentScore',
  target: 'targetScore',
};

/** Categories the file names that the programme lacks: added with the import by those who may. */
function newCategoriesIn(c: TImportContext, input: TPreviewInput) {
  const i = input.mapping.category;
  const found = new Map<string, { label: string; rows: number }>();
  if (i === null || i === undefined || !c.canAddCategories || !input.addCategories) return found;
  input.rows.forEach((row, n) => {
    if (input.excludedRows.includes(input.firstRowNumber + n)) return;
    const label = lines(row[i] ?? '')
      .trim()
      .slice(0, 60);
    if (!label) return;
    if (c.matrix.categories.some((k) => k.key === label.toLowerCase() || sameName(k.label, label))) return;
    const key = [...found.keys()].find((k) => sameName(found.get(k)!.label, label));
    if (key) found.get(key)!.rows++;
    else found.set(label, { label, rows: 1 });
  });
  return found;
}

/** The actions sheet's rows by the risk they name; an owner is kept when they are a member. */
function sheetActionsOf(c: TImportContext, input: TPreviewInput): Map<string, TPlannedAction[]> {
  const out = new Map<string, TPlannedAction[]>();
  const sheet = input.actionSheet;
  if (!sheet) return out;
  const at = (row: string[], i: number | null) => (i === null ? '' : lines(row[i] ?? '').trim());
  for (const row of sheet.rows) {
    const ref = at(row, sheet.columns.ref).toLowerCase();
    const text = at(row, sheet.columns.description);
    if (!ref || text.length < 3) continue;
    if (/^(done|complete|completed|closed|cancelled)$/i.test(at(row, sheet.columns.status))) continue;
    const ownerText = at(row, sheet.columns.owner);
    const owner = ownerText
      ? c.ownerCandidates.filter(
          (m) => sameName(m.name, ownerText) || m.email.toLowerCase() === ownerText.toLowerCase(),
        )
      : [];
    const due = at(row, sheet.columns.due);
    const dueDate = due ? (parseDateCell(due) ?? null) : null;
    const description =
      owner.length === 1 || !ownerText ? text : `${text} (owner named in the file: ${ownerText})`;
    const list = out.get(ref) ?? [];
    list.push({
      description: description.slice(0, 2000),
      dueDate,
      ownerUserId: owner.length === 1 ? owner[0]!.userId : null,
    });
    out.set(ref, list);
  }
  return out;
}

/** What kind of organisation a name suggests: "… NHS Foundation Trust", "… ICB", "… Council". */
function kindFromName(name: string): TOrganisationKind {
  const n = name.toLowerCase();
  if (/foundation trust|\bnhs ft\b/.test(n)) return 'nhs_foundation_trust';
  if (/\btrust\b/.test(n)) return 'nhs_trust';
  if (/\bicb\b|integrated care board|\bccg\b/.test(n)) return 'commissioner';
  if (/council|borough|county/.test(n)) return 'local_authority';
  if (/\bcic\b|community interest/.test(n)) return 'social_enterprise';
  if (/gp federation|primary care|\bpcn\b/.test(n)) return 'gp_federation';
  if (/charity|hospice|voluntary/.test(n)) return 'vcse';
  return 'independent_provider';
}

const shortNameOf = (name: string) =>
  name.length <= 20
    ? name
    : (name.match(/\b[A-Za-z]/g) ?? []).join('').toUpperCase().slice(0, 20) || name.slice(0, 20);

/** Organisations the file names that are not in the programme: joined to it with the import by those who may. */
function newOrganisationsIn(c: TImportContext, input: TPreviewInput): TNewOrganisation[] {
  const i = input.mapping.organisation;
  if (i === null || i === undefined || !c.canAddOrganisations || !input.addOrganisations) return [];
  const found: TNewOrganisation[] = [];
  input.rows.forEach((row, n) => {
    if (input.excludedRows.includes(input.firstRowNumber + n)) return;
    const name = lines(row[i] ?? '').trim();
    if (name.length < 2 || name.length > 200) return;
    const matches = (o: { name: string; shortName: string }) =>
      sameName(o.name, name) || sameName(o.shortName, name);
    if (c.organisations.some(matches)) return;
    const earlier = found.find((o) => sameName(o.name, name));
    if (earlier) {
      earlier.rows++;
      return;
    }
    const existing = c.directoryOrganisations.find(matches);
    found.push({
      name: existing?.name ?? name,
      standInId: crypto.randomUUID(),
      existingId: existing?.id ?? null,
      kind: kindFromName(name),
      shortName: existing?.shortName ?? shortNameOf(name),
      rows: 1,
    });
  });
  return found;
}

/** What every row would do. Reads only. */
export function planImport(c0: TImportContext, input: TPreviewInput): TImportPlan {
  const newOrganisations = newOrganisationsIn(c0, input);
  const c: TImportContext = newOrganisations.length
    ? {
        ...c0,
        organisations: [
          ...c0.organisations,
          ...newOrganisations.map((o) => ({ id: o.standInId, name: o.name, shortName: o.shortName })),
        ],
        partyOrganisationIds: new Set([
          ...c0.partyOrganisationIds,
          ...newOrganisations.map((o) => o.standInId),
        ]),
        joining: new Map(newOrganisations.map((o) => [o.standInId, o.name])),
      }
    : c0;
  const found = newCategoriesIn(c, input);
  const taken = new Set(c.matrix.categories.map((k) => k.key));
  const newCategories: TImportPlan['newCategories'] = [];
  for (const { label, rows } of found.values()) {
    if (c.matrix.categories.length + newCategories.length >= 30) break;
    const key = categoryKeyOf(label, taken);
    taken.add(key);
    newCategories.push({ key, label, rows });
  }
  const fallbackTolerance = Math.max(...c.matrix.categories.map((k) => k.tolerance), 1);
  const matrix: TRiskMatrix = newCategories.length
    ? {
        ...c.matrix,
        categories: [
          ...c.matrix.categories,
          // A new category starts with the programme's most tolerant appetite; admins tighten it after.
          ...newCategories.map((k) => ({ key: k.key, label: k.label, tolerance: fallbackTolerance })),
        ],
      }
    : c.matrix;
  const newKeys = new Map(newCategories.map((k) => [k.key, k.label]));
  const pass: TFilePass = {
    sheetActions: sheetActionsOf(c, input),
    references: new Map(),
    keptNumbers: new Map(),
  };
  const rows: TRowPlan[] = [];
  input.rows.forEach((row, i) => {
    const planned = planRow(c, input, matrix, newKeys, row, input.firstRowNumber + i, pass);
    if (planned) rows.push(planned);
  });
  const totals = {
    rows: rows.length,
    create: 0,
    update: 0,
    unchanged: 0,
    error: 0,
    skipped: 0,
    warnings: 0,
    actions: 0,
  };
  // Actions on the actions sheet for risks the file does not add (existing risks keep their own actions).
  const unplacedActions = [...pass.sheetActions.values()].reduce((n, a) => n + a.length, 0);
  const versions: Record<string, number> = {};
  for (const r of rows) {
    totals[r.action]++;
    if (r.warnings.length && r.action !== 'error' && r.action !== 'skipped') totals.warnings++;
    if (r.action === 'create') totals.actions += r.actions.length;
    if (r.reference && r.version !== undefined) versions[r.reference] = r.version;
  }
  // Only categories a row that will be imported uses.
  const used = new Set(
    rows.filter((r) => r.action === 'create' || r.action === 'update').map((r) => r.fields?.categoryKey),
  );
  const usedOrgs = new Set(
    rows
      .filter((r) => r.action === 'create' || r.action === 'update')
      .map((r) => r.fields?.owningOrganisationId),
  );
  return {
    rows,
    totals,
    versions,
    newCategories: newCategories.filter((k) => used.has(k.key)),
    newOrganisations: newOrganisations.filter((o) => usedOrgs.has(o.standInId)),
    unplacedActions,
    matrix,
  };
}

/** The plan as the client sees it: no stored rows, no internal write shapes. */
export function presentPlan(plan: TImportPlan) {
  return {
    rows: plan.rows.map((r) => ({
      rowNumber: r.rowNumber,
      action: r.action,
      ...(r.reference ? { reference: r.reference, riskId: r.riskId, version: r.version } : {}),
      ...(r.keptNumber !== undefined ? { keepsReference: riskReference(r.keptNumber) } : {}),
      ...(r.sourceReference ? { sourceReference: r.sourceReference } : {}),
      errors: r.errors,
      warnings: r.warnings,
      values: r.values,
      changes: r.changes,
      ...(r.namedOwner ? { namedOwner: r.namedOwner } : {}),
      actions: r.actions.length,
    })),
    totals: plan.totals,
    versions: plan.versions,
    newCategories: plan.newCategories,
    unplacedActions: plan.unplacedActions,
    newOrganisations: plan.newOrganisations.map(({ standInId: _s, ...o }) => ({
      ...o,
      kindLabel: ORGANISATION_KIND_LABELS[o.kind],
    })),
  };
}

/* ---------- committing ---------- */

export interface TImportResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  actions: number;
  categoriesAdded: string[];
  organisationsAdded: string[];
  references: { created: string[]; updated: string[] };
}

const messageOf = (e: TRowError) =>
  e.field === 'row' ? e.message : `${e.column ?? IMPORT_FIELD_LABELS[e.field]}: ${e.message}`;

/**
 * Writes a checked plan inside the caller's transaction: all rows or none. Any row with errors fails the
 * whole import; so does any existing risk whose version is not the one the preview showed. New risks go in
 * a few set-based statements, so thousands of rows take seconds, not minutes.
 */
export async function commitPlan(
  trx: Executor,
  w: { audit: (e: TAuditEvent) => Promise<void>; auditMany: (e: readonly TAuditEvent[]) => Promise<void> },
  c: TImportContext,
  plan: TImportPlan,
  input: TCommitInput,
  actorUserId: string,
): Promise<TImportResult> {
  const bad = plan.rows.filter((r) => r.action === 'error');
  if (bad.length) {
    const fieldErrors: Record<string, string[]> = {};
    for (const r of bad) fieldErrors[`row ${r.rowNumber}`] = r.errors.map(messageOf);
    throw new RuleViolationError(
      `${bad.length === 1 ? 'One row needs' : `${bad.length} rows need`} correcting; nothing was imported.`,
      fieldErrors,
    );
  }
  for (const r of plan.rows) {
    if (!r.before || !r.reference) continue;
    const expected = input.versions[r.reference];
    if (expected !== r.before.version) {
      throw new ConflictError(
        `${r.reference} changed after the import was previewed; nothing was imported. Preview the file again.`,
        { reference: r.reference, riskId: r.before.id, version: r.before.version },
      );
    }
  }

  const result: TImportResult = {
    created: 0,
    updated: 0,
    unchanged: plan.totals.unchanged,
    skipped: plan.totals.skipped,
    actions: 0,
    categoriesAdded: [],
    organisationsAdded: [],
    references: { created: [], updated: [] },
  };
  const matrix = plan.matrix;

  if (plan.newCategories.length) {
    await saveRiskMatrix(trx, c.programmeId, matrix, c.matrixVersion);
    result.categoriesAdded = plan.newCategories.map((k) => k.label);
    await w.audit({
      entityType: 'risk_matrix',
      entityId: c.programmeId,
      action: 'update',
      audience: { kind: 'public' },
      summary: `Added risk categories with an import: ${result.categoriesAdded.join(', ')}`,
      before: c.matrix,
      after: matrix,
    });
  }

  // Organisations the file names join the programme as partners; the plan's stand-in ids become theirs.
  const realId = new Map<string, string>();
  for (const o of plan.newOrganisations) {
    const organisation =
      o.existingId !== null
        ? { id: o.existingId, name: o.name }
        : await insertOrganisation(trx, { name: o.name, shortName: o.shortName, kind: o.kind });
    const party = await insertParty(trx, {
      programmeId: c.programmeId,
      organisationId: organisation.id,
      role: 'partner',
      lotId: null,
    });
    realId.set(o.standInId, organisation.id);
    await w.audit({
      entityType: 'party',
      entityId: party.id,
      action: 'create',
      organisationId: organisation.id,
      audience: { kind: 'public' },
      summary: `Added ${organisation.name} as partner with a risk import`,
      after: party,
    });
    result.organisationsAdded.push(organisation.name);
  }
  for (const r of plan.rows) {
    const id = r.fields && realId.get(r.fields.owningOrganisationId);
    if (id) r.fields = { ...r.fields!, owningOrganisationId: id };
  }

  // New risks: kept file numbers first, then the next numbers after the highest of them.
  const creates = plan.rows.filter((r) => r.action === 'create');
  if (creates.length) {
    const kept = creates.filter((r) => r.keptNumber !== undefined).map((r) => r.keptNumber!);
    const unnumbered = creates.filter((r) => r.keptNumber === undefined).length;
    let next = await takeRiskNumbers(trx, c.programmeId, unnumbered, kept.length ? Math.max(...kept) : 0);
    const rows = creates.map((r) => {
      const f = r.fields!;
      return {
        plan: r,
        number: r.keptNumber ?? next++,
        write: {
          ...f,
          workstream: f.workstream ?? null,
          targetDate: f.targetDate ?? null,
          proximity: f.proximity ?? null,
          namedOwner: r.namedOwner ?? '',
          sourceReference: r.sourceReference ?? null,
          derived: derivedRiskColumns(f, matrix),
        },
      };
    });
    const ids = await insertRisks(
      trx,
      c.programmeId,
      rows.map((r) => ({
        write: r.write,
        number: r.number,
        history: { effectiveOn: r.write.raisedOn, recordedBy: actorUserId, kind: 'import' as const },
      })),
      actorUserId,
    );
    const risks = await findRisksByIds(trx, c.programmeId, ids);
    const byId = new Map(risks.map((r) => [r.id, r]));
    const created = ids.map((id) => byId.get(id)!);
    await w.auditMany(
      created.map((risk) => ({
        organisationId: risk.owningOrganisation.id,
        audience: riskAuditAudience(risk),
        entityType: 'risk',
        entityId: risk.id,
        action: 'create' as const,
        summary: `${riskReference(risk.number)} imported: ${risk.title}`,
        after: risk,
      })),
    );
    await notifyRisksEscalatedOnCreate(trx, {
      programmeId: c.programmeId,
      actor: { id: actorUserId },
      risks: created,
    });

    // Mitigation actions from the same sheet: owned as the risk is, due by its target date or next review.
    const actions = rows.flatMap((r, i) =>
      r.plan.actions.map((a) => ({
        programmeId: c.programmeId,
        riskId: ids[i]!,
        description: a.description,
        // The action's owner must be someone everyone who sees the risk may see; otherwise the risk's owner.
        ownerUserId:
          a.ownerUserId &&
          audienceSeesOrganisation(
            c.directory,
            [r.write.owningOrganisationId],
            c.memberOrganisation.get(a.ownerUserId) ?? '',
          )
            ? a.ownerUserId
            : r.write.ownerUserId,
        organisationId: r.write.owningOrganisationId,
        dueDate: a.dueDate ?? r.write.targetDate ?? r.write.derived.nextReviewOn,
        status: 'not_started' as const,
        expectedEffect: 'both' as const,
        evidence: '',
        completedOn: null,
        taskId: null,
      })),
    );
    if (actions.length) {
      const actionIds = await insertActions(trx, actions);
      await w.auditMany(
        actions.map((a, i) => {
          const risk = byId.get(a.riskId)!;
          return {
            organisationId: a.organisationId,
            audience: riskAuditAudience(risk),
            entityType: 'mitigation_action',
            entityId: actionIds[i]!,
            action: 'create' as const,
            summary: `Action imported on ${riskReference(risk.number)}: ${a.description.slice(0, 120)}`,
            after: a,
          };
        }),
      );
      result.actions = actions.length;
    }
    result.created = created.length;
    result.references.created = created.map((r) => riskReference(r.number));
  }

  for (const r of plan.rows) {
    if (r.action !== 'update') continue;
    const fields = r.fields!;
    const write = await resolveRiskWrite(trx, c.member, fields, matrix).catch((e: unknown) => {
      if (!(e instanceof RuleViolationError)) throw e;
      const messages = Object.entries(e.fieldErrors).flatMap(([f, m]) => m.map((x) => `${f}: ${x}`));
      throw new RuleViolationError(`Row ${r.rowNumber} needs correcting; nothing was imported.`, {
        [`row ${r.rowNumber}`]: messages.length ? messages : [e.message],
      });
    });
    const before = r.before!;
    const after = await updateRisk(
      trx,
      before,
      { ...write, ...(r.namedOwner !== undefined ? { namedOwner: r.namedOwner } : {}) },
      {
        version: before.version,
        history: { effectiveOn: c.today, recordedBy: actorUserId, kind: 'import' },
      },
    );
    await w.audit({
      organisationId: after.owningOrganisation.id,
      audience: {
        kind: 'owners',
        organisationIds: [before.owningOrganisation.id, after.owningOrganisation.id],
      },
      entityType: 'risk',
      entityId: after.id,
      action: 'update',
      summary: `${riskReference(after.number)} updated by import (${r.changes.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')})`,
      before,
      after,
    });
    await notifyRiskEscalated(trx, { actor: { id: actorUserId }, before, after });
    result.updated++;
    result.references.updated.push(riskReference(after.number));
  }

  if (result.created || result.updated) {
    await w.audit({
      organisationId: c.member.organisationId,
      audience: { kind: 'owners', organisationIds: [c.member.organisationId] },
      entityType: 'risk_import',
      entityId: c.programmeId,
      action: 'create',
      summary: `Imported ${input.fileName ? `${input.fileName}: ` : ''}${result.created} added, ${result.updated} updated, ${result.unchanged} unchanged${result.skipped ? `, ${result.skipped} skipped` : ''}`,
      after: { ...result, references: undefined },
    });
  }
  return result;
}

/* ---------- the steps, as the router calls them ---------- */

/** The mapping remembered for files laid out like this one, by heading text, as column indexes. */
export async function rememberedMapping(ctx: TMemberContext, headers: readonly string[]) {
  const saved = await findImportMapping(ctx.db, ctx.member.programmeId, 'risks', headingsKey(headers));
  if (!saved) return null;
  const out: Partial<Record<TImportField, number | null>> = {};
  for (const [field, heading] of Object.entries(saved)) {
    const i = headers.findIndex((h) => h.trim() === heading);
    if (i >= 0) out[field as TImportField] = i;
  }
  return out;
}

export async function previewImport(ctx: TMemberContext, input: TPreviewInput) {
  const { matrix, version } = await findRiskMatrix(ctx.db, ctx.member.programmeId);
  const c = await loadImportContext(ctx.db, ctx.member, ctx.member.programmeId, ctx.today(), matrix, version);
  return presentPlan(planImport(c, input));
}

/** All rows in one transaction or none, each audited as a hand edit would be, plus one event for the import. */
export function commitImport(ctx: TMemberContext, input: TCommitInput) {
  return mutation(
    ctx,
    async ({ trx, audit, auditMany }) => {
      const { matrix, version } = await findRiskMatrix(trx, ctx.member.programmeId);
      const c = await loadImportContext(
        trx,
        ctx.member,
        ctx.member.programmeId,
        ctx.today(),
        matrix,
        version,
      );
      const result = await commitPlan(trx, { audit, auditMany }, c, planImport(c, input), input, ctx.user.id);
      // The mapping that worked is remembered for the next file laid out the same way.
      const byHeading: Record<string, string> = {};
      for (const [field, i] of Object.entries(input.mapping))
        if (i !== null && i !== undefined && input.headers[i]?.trim())
          byHeading[field] = input.headers[i]!.trim();
      await saveImportMapping(trx, {
        programmeId: ctx.member.programmeId,
        kind: 'risks',
        headingsKey: headingsKey(input.headers),
        mapping: byHeading,
        userId: ctx.user.id,
      });
      return result;
    },
    { unaudited: 'an import in which every row is unchanged writes only the remembered mapping' },
  );
}
