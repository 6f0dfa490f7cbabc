import {
  canEditOrganisationItem,
  canSeeOrganisation,
  categoryOf,
  ConflictError,
  CONSEQUENCE_LABELS,
  LIKELIHOOD_LABELS,
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
  type TRiskMatrix,
} from '@baton/domain';
import {
  findRiskMatrix,
  insertRisk,
  listLots,
  listMembers,
  listParties,
  listRisks,
  takeRiskNumber,
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
import { notifyRiskEscalated } from '../notification/notify';
import { IMPORT_FIELD_LABELS, type TImportField } from '../risk/register.columns';
import { riskAuditAudience, riskVisibility } from '../risk/risk.access';
import { fieldsOf, resolveRiskWrite, type TRiskFieldsResolved } from '../risk/risk.write';
import { parseDateCell, parseLevelCell, sameName } from './risk-import.parse';
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
}

/** Everything the rows are checked against, in a constant number of queries whatever the file's size. */
export async function loadImportContext(
  db: Executor,
  member: TMember,
  programmeId: string,
  today: string,
  matrix: TRiskMatrix,
): Promise<TImportContext> {
  const visibility = riskVisibility(member);
  const [members, parties, lots, directory] = await Promise.all([
    listMembers(db, programmeId, member.visibility),
    listParties(db, programmeId),
    listLots(db, programmeId),
    loadPartyDirectory(db, programmeId),
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
  };
}

/* ---------- planning: what each row would do ---------- */

export type TRowErrorField = TImportField | 'row';
export interface TRowError {
  field: TRowErrorField;
  message: string;
}

export type TImportAction = 'create' | 'update' | 'unchanged' | 'error';

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
  values: TImportValues;
  /** For updates: the fields the row changes. */
  changes: TImportField[];
}

interface TRowPlan extends TPlannedRow {
  fields?: TRiskFieldsResolved;
  before?: TRiskRow;
}

export interface TImportPlan {
  rows: TRowPlan[];
  totals: Record<TImportAction, number> & { rows: number };
  versions: Record<string, number>;
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

function parseReference(text: string): number | null {
  const m = /^(?:R\s*-?\s*)?0*(\d{1,6})$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

function planRow(
  c: TImportContext,
  input: TPreviewInput,
  row: readonly string[],
  rowNumber: number,
  seen: Map<number, number>,
): TRowPlan | null {
  if (row.every((v) => v.trim() === '')) return null;
  const mapped = (f: TImportField) => input.mapping[f] !== null && input.mapping[f] !== undefined;
  const cell = (f: TImportField): string | undefined => {
    const i = input.mapping[f];
    return i === null || i === undefined ? undefined : lines(row[i] ?? '').trim();
  };
  const errors: TRowError[] = [];
  const err = (field: TRowErrorField, message: string) => {
    if (!errors.some((e) => e.field === field && e.message === message)) errors.push({ field, message });
  };
  const p: TImportValues = {};

  // Ref: an existing risk is updated; a blank Ref adds a new risk.
  let before: TRiskRow | undefined;
  const refText = cell('ref');
  if (refText) {
    const n = parseReference(refText);
    const found = n === null ? undefined : c.risks.get(n);
    if (n === null || !found) {
      err('ref', `There is no risk ${refText} in this register. Clear the Ref to add the row as a new risk.`);
    } else if (seen.has(n)) {
      err('ref', `${riskReference(n)} is also on row ${seen.get(n)}: a risk can appear only once.`);
    } else {
      seen.set(n, rowNumber);
      before = found;
    }
  }

  // Text: a mapped blank cell clears an optional field (and fails a required one below).
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

  const category = cell('category');
  if (category !== undefined) {
    const found = c.matrix.categories.find(
      (k) => k.key === category.toLowerCase() || sameName(k.label, category),
    );
    if (found) p.categoryKey = found.key;
    else if (!category) err('category', 'Choose a category');
    else {
      err(
        'category',
        `“${category}” is not one of this programme’s risk categories (${c.matrix.categories.map((k) => k.label).join(', ')})`,
      );
    }
  }

  const owner = cell('owner');
  if (owner !== undefined) {
    if (!owner) p.ownerUserId = null;
    else if (before?.owner && sameName(before.owner.name, owner)) p.ownerUserId = before.owner.id;
    else {
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
      else err('owner', `${owner} is not a member of this programme.`);
    }
  }

  const organisation = cell('organisation');
  if (organisation !== undefined) {
    const found = c.organisations.find(
      (o) => sameName(o.name, organisation) || sameName(o.shortName, organisation),
    );
    if (found) p.owningOrganisationId = found.id;
    else if (!organisation) err('organisation', 'Choose the owning organisation');
    else err('organisation', `${organisation} does not take part in this programme.`);
  } else if (!before) {
    // Nothing says whose risks these are: they are the importer's organisation's.
    if (c.partyOrganisationIds.has(c.member.organisationId)) p.owningOrganisationId = c.member.organisationId;
    else err('organisation', 'No column is mapped to Organisation.');
  }

  const status = cell('status');
  if (status) {
    const found = RISK_STATUSES.find(
      (s) =>
        s === status.toLowerCase() ||
        sameName(RISK_STATUS_LABELS[s], status) ||
        sameName(s, status.split(/[\s(]/)[0] ?? ''),
    );
    if (found) p.status = found;
    else err('status', `Use one of: ${RISK_STATUSES.map((s) => RISK_STATUS_LABELS[s]).join(', ')}`);
  }

  for (const stage of STAGES) {
    const level = (dim: 'C' | 'L'): number | undefined => {
      const field = LEVEL_FIELDS[stage][dim];
      const text = cell(field);
      const existing = before?.[stage][dim === 'C' ? 'consequence' : 'likelihood'];
      if (text === undefined) {
        if (existing === undefined) err(field, `No column is mapped to ${IMPORT_FIELD_LABELS[field]}.`);
        return existing;
      }
      const v = parseLevelCell(text, dim === 'C' ? CONSEQUENCE_LABELS : LIKELIHOOD_LABELS);
      if (v === undefined) err(field, 'Use a whole number from 1 to 5');
      return v;
    };
    const consequence = level('C');
    const likelihood = level('L');
    if (
      consequence !== undefined &&
      likelihood !== undefined &&
      (mapped(LEVEL_FIELDS[stage].C) || mapped(LEVEL_FIELDS[stage].L))
    ) {
      p[stage] = { consequence: consequence as TLevel, likelihood: likelihood as TLevel };
    }
  }

  const dateCell = (field: 'targetDate' | 'lastReviewed'): string | null | undefined => {
    const text = cell(field);
    if (text === undefined || text === '') return text === '' ? null : undefined;
    const d = parseDateCell(text);
    if (!d) err(field, 'Use a date like 01/12/2026 or 2026-12-01');
    return d;
  };
  const targetDate = dateCell('targetDate');
  if (targetDate !== undefined) p.targetDate = targetDate;
  const lastReviewed = dateCell('lastReviewed');
  if (lastReviewed) {
    if (lastReviewed > c.today) err('lastReviewed', 'A review cannot be dated in the future');
    p.lastReviewedOn = lastReviewed;
  }

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
    else err('proximity', `Use one of: ${PROXIMITIES.map((k) => PROXIMITY_LABELS[k]).join(', ')}`);
  }

  const workstream = cell('workstream');
  if (workstream !== undefined) {
    const found = WORKSTREAMS.find(
      (k) => k === workstream.toLowerCase() || sameName(WORKSTREAM_LABELS[k], workstream),
    );
    if (!workstream) p.workstream = null;
    else if (found) p.workstream = found;
    else err('workstream', `Use one of: ${WORKSTREAMS.map((k) => WORKSTREAM_LABELS[k]).join('; ')}`);
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
        else err('lots', `${whole ? piece : piece.split(',')[i]?.trim()} is not a lot of this programme`);
      });
    }
    p.lotIds = [...new Set(ids)];
  }

  // Required for a new risk: a column must feed it.
  if (!before) {
    for (const f of ['title', 'category'] as const)
      if (!mapped(f)) err(f, `No column is mapped to ${IMPORT_FIELD_LABELS[f]}.`);
    if (!mapped('event') && !mapped('description'))
      err('event', 'No column is mapped to Event or Risk description.');
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
  if (!before) merged.raisedOn = merged.lastReviewedOn;

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

  const reference = before ? riskReference(before.number) : undefined;
  const result = (action: TImportAction, changes: TImportField[] = []): TRowPlan => ({
    rowNumber,
    action,
    ...(before ? { reference, riskId: before.id, version: before.version, before } : {}),
    errors,
    values: p,
    changes,
    ...(fields && action !== 'error' ? { fields } : {}),
  });
  if (errors.length || !fields) return result('error');

  const changes = before ? changedFields(fieldsOf(before), fields) : [];
  if (before && changes.length === 0) return result('unchanged');

  // resolveRiskWrite's rules, answered from the loaded context (commit runs resolveRiskWrite itself too).
  if (!categoryOf(fields.categoryKey, c.matrix))
    err('category', 'Choose one of the programme’s risk categories');
  if (!c.partyOrganisationIds.has(fields.owningOrganisationId)) {
    err('organisation', 'The owning organisation must take part in this programme');
  }
  if (fields.affectedOrganisationIds.some((id) => !c.partyOrganisationIds.has(id))) {
    err('row', 'Every affected organisation must take part in this programme');
  }
  if (fields.lotIds.some((id) => !c.lots.some((l) => l.id === id)))
    err('lots', 'Choose lots of this programme');
  if (fields.ownerUserId && !c.memberIds.has(fields.ownerUserId))
    err('owner', 'The owner must be a member of this programme');
  if (fields.targetDate && fields.targetDate < fields.raisedOn) {
    err('targetDate', `The target date cannot be before the risk was raised (${fields.raisedOn})`);
  }
  if (fields.lastReviewedOn < fields.raisedOn) {
    err('lastReviewed', `The last review cannot be before the risk was raised (${fields.raisedOn})`);
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

/** What every row would do. Reads only. */
export function planImport(c: TImportContext, input: TPreviewInput): TImportPlan {
  const seen = new Map<number, number>();
  const rows: TRowPlan[] = [];
  input.rows.forEach((row, i) => {
    const planned = planRow(c, input, row, input.firstRowNumber + i, seen);
    if (planned) rows.push(planned);
  });
  const totals = { rows: rows.length, create: 0, update: 0, unchanged: 0, error: 0 };
  const versions: Record<string, number> = {};
  for (const r of rows) {
    totals[r.action]++;
    if (r.reference && r.version !== undefined) versions[r.reference] = r.version;
  }
  return { rows, totals, versions };
}

/** The plan as the client sees it: no stored rows, no internal write shapes. */
export function presentPlan(plan: TImportPlan) {
  return {
    rows: plan.rows.map(({ rowNumber, action, reference, riskId, version, errors, values, changes }) => ({
      rowNumber,
      action,
      ...(reference ? { reference, riskId, version } : {}),
      errors,
      values,
      changes,
    })),
    totals: plan.totals,
    versions: plan.versions,
  };
}

/* ---------- committing ---------- */

export interface TImportResult {
  created: number;
  updated: number;
  unchanged: number;
  references: { created: string[]; updated: string[] };
}

/**
 * Writes a checked plan inside the caller's transaction: all rows or none. Any row with errors fails the
 * whole import; so does any existing risk whose version is not the one the preview showed.
 */
export async function commitPlan(
  trx: Executor,
  audit: (e: TAuditEvent) => Promise<void>,
  c: TImportContext,
  plan: TImportPlan,
  input: TCommitInput,
  actorUserId: string,
): Promise<TImportResult> {
  const bad = plan.rows.filter((r) => r.action === 'error');
  if (bad.length) {
    const fieldErrors: Record<string, string[]> = {};
    for (const r of bad) {
      fieldErrors[`row ${r.rowNumber}`] = r.errors.map((e) =>
        e.field === 'row' ? e.message : `${IMPORT_FIELD_LABELS[e.field]}: ${e.message}`,
      );
    }
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
    unchanged: 0,
    references: { created: [], updated: [] },
  };
  for (const r of plan.rows) {
    if (r.action === 'unchanged') {
      result.unchanged++;
      continue;
    }
    const fields = r.fields!;
    const write = await resolveRiskWrite(trx, c.member, fields, c.matrix).catch((e: unknown) => {
      if (!(e instanceof RuleViolationError)) throw e;
      const messages = Object.entries(e.fieldErrors).flatMap(([f, m]) => m.map((x) => `${f}: ${x}`));
      throw new RuleViolationError(`Row ${r.rowNumber} needs correcting; nothing was imported.`, {
        [`row ${r.rowNumber}`]: messages.length ? messages : [e.message],
      });
    });
    if (r.action === 'create') {
      const number = await takeRiskNumber(trx, c.programmeId);
      const risk = await insertRisk(trx, c.programmeId, write, {
        number,
        createdBy: actorUserId,
        history: { effectiveOn: fields.raisedOn, recordedBy: actorUserId, kind: 'import' },
      });
      await audit({
        organisationId: risk.owningOrganisation.id,
        audience: riskAuditAudience(risk),
        entityType: 'risk',
        entityId: risk.id,
        action: 'create',
        summary: `${riskReference(risk.number)} imported: ${risk.title}`,
        after: risk,
      });
      await notifyRiskEscalated(trx, { actor: { id: actorUserId }, before: null, after: risk });
      result.created++;
      result.references.created.push(riskReference(risk.number));
    } else {
      const before = r.before!;
      const after = await updateRisk(trx, before, write, {
        version: before.version,
        history: { effectiveOn: c.today, recordedBy: actorUserId, kind: 'import' },
      });
      await audit({
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
  }
  if (result.created || result.updated) {
    await audit({
      organisationId: c.member.organisationId,
      audience: { kind: 'owners', organisationIds: [c.member.organisationId] },
      entityType: 'risk_import',
      entityId: c.programmeId,
      action: 'create',
      summary: `Imported ${input.fileName ? `${input.fileName}: ` : ''}${result.created} added, ${result.updated} updated, ${result.unchanged} unchanged`,
      after: result,
    });
  }
  return result;
}

/* ---------- the three steps, as the router calls them ---------- */

export async function previewImport(ctx: TMemberContext, input: TPreviewInput) {
  const { matrix } = await findRiskMatrix(ctx.db, ctx.member.programmeId);
  const c = await loadImportContext(ctx.db, ctx.member, ctx.member.programmeId, ctx.today(), matrix);
  return presentPlan(planImport(c, input));
}

/** All rows in one transaction or none, each audited as a hand edit would be, plus one event for the import. */
export function commitImport(ctx: TMemberContext, input: TCommitInput) {
  return mutation(
    ctx,
    async ({ trx, audit }) => {
      const { matrix } = await findRiskMatrix(trx, ctx.member.programmeId);
      const c = await loadImportContext(trx, ctx.member, ctx.member.programmeId, ctx.today(), matrix);
      return commitPlan(trx, audit, c, planImport(c, input), input, ctx.user.id);
    },
    { unaudited: 'an import in which every row is unchanged writes nothing' },
  );
}
