import { createHash } from 'node:crypto';
import {
  audienceSeesOrganisation,
  canSeeOrganisation,
  ConflictError,
  DependencyCycleError,
  ForbiddenError,
  partyDirectory,
  RuleViolationError,
  scheduleTransfer,
  topologicalOrder,
  WORKSTREAM_LABELS,
  WORKSTREAMS,
  type TIsoDate,
  type TTaskStatus,
  type TWorkstream,
} from '@baton/domain';
import {
  deleteDependency,
  insertDependencies,
  insertTasks,
  listDependencies,
  listMembers,
  listParties,
  listTasks,
  updateTask,
  type Executor,
  type TDependencyRow,
  type TTaskRow,
  type TTaskWrite,
  type TTransferRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import {
  canManageTransfers,
  transferAudience,
  transferAuditAudience,
  transferVisibility,
  visibleTransfer,
} from '../transition/transition.access';
import { isMspdi, readMspdi } from './mspdi.read';
import {
  LINK_TYPE_LABELS,
  MAX_PLAN_BYTES,
  PlanFileError,
  type TPlanFile,
  type TPlanMapping,
} from './plan-file';
import { readPlanXlsx } from './plan-xlsx.read';

/*
 * Importing a plan into a transfer, in three steps like the register import: read the file (writes nothing),
 * preview what every task would do with the person's mapping of resources and groups, with the critical
 * path and forecast go-live the plan would then have (writes nothing), and commit all of it in one
 * transaction or none. Tasks the file carries from Baton (its GUIDs, a "Baton ID" column), or with the same
 * name in the same workstream, are updated; the rest are created; tasks not in the file are kept.
 */

/** Only programme admins and transition leads import plans, into transfers they can see. */
async function importableTransfer(db: Executor, member: TMember, transferId: string) {
  const transfer = await visibleTransfer(db, member, transferId);
  if (!canManageTransfers(member))
    throw new ForbiddenError('Only the programme admin or a transition lead can import a plan.');
  return transfer;
}

/** The organisations and people a task of this transfer may name (as the task form's naming check allows). */
async function namingChoices(db: Executor, member: TMember, transfer: TTransferRow) {
  const [parties, members] = await Promise.all([
    listParties(db, member.programmeId),
    listMembers(db, member.programmeId, member.visibility),
  ]);
  const directory = partyDirectory(parties.map((p) => ({ organisationId: p.organisation.id, role: p.role })));
  const audience = transferAudience(transfer);
  const allowed = (orgId: string) =>
    directory.isParty(orgId) &&
    canSeeOrganisation(member.visibility, directory, orgId) &&
    audienceSeesOrganisation(directory, audience, orgId);
  const organisations = new Map<string, { id: string; name: string; shortName: string }>();
  for (const p of parties)
    if (allowed(p.organisation.id)) organisations.set(p.organisation.id, p.organisation);
  const people = members
    .filter((m) => canSeeOrganisation(member.visibility, directory, m.organisation.id))
    .filter((m) => audienceSeesOrganisation(directory, audience, m.organisation.id))
    .map((m) => ({ id: m.userId, name: m.name, email: m.email, organisation: m.organisation }));
  return { organisations: [...organisations.values()], people };
}

type TChoices = Awaited<ReturnType<typeof namingChoices>>;

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Resources to organisations and people, groups to workstreams, by name. */
export function suggestPlanMapping(file: TPlanFile, choices: TChoices, transfer: TTransferRow): TPlanMapping {
  const resources: TPlanMapping['resources'] = {};
  for (const r of file.resources) {
    const n = fold(r.name);
    const person =
      choices.people.find((p) => r.email && p.email.toLowerCase() === r.email.toLowerCase()) ??
      choices.people.find((p) => fold(p.name) === n);
    const org =
      choices.organisations.find((o) => fold(o.shortName) === n || fold(o.name) === n) ??
      (person ? undefined : choices.organisations.find((o) => n.includes(fold(o.shortName))));
    resources[r.name] = { organisationId: org?.id ?? null, userId: person?.id ?? null };
  }
  const groups: TPlanMapping['groups'] = {};
  for (const g of new Set(file.tasks.map((t) => t.group).filter((g): g is string => !!g))) {
    const w = workstreamFor(g);
    if (w) groups[g] = w;
  }
  return {
    resources,
    groups,
    defaultOrganisationId: transfer.incoming.id,
    defaultWorkstream: 'contracts_finance',
    excludedKeys: [],
  };
}

const WORKSTREAM_WORDS: Array<[TWorkstream, RegExp]> = [
  ['workforce_tupe', /workforce|tupe|staff|hr|people|human resources|pension/],
  ['estates_facilities', /estate|facilit|premises|building|site|lease/],
  ['it_data_records', /\bit\b|data|record|system|digital|technology|ict|migration/],
  ['information_governance', /information governance|\big\b|dspt|privacy|dpia|data protection/],
  ['clinical_safety_caseload', /clinical|caseload|waiting|patient|safety|quality|service/],
  ['cqc_registration', /cqc|registration|regulat/],
  ['contracts_finance', /contract|financ|commercial|procure|legal|budget/],
  ['communications_engagement', /comm|engag|stakeholder|public/],
];

export function workstreamFor(group: string): TWorkstream | null {
  const g = fold(group);
  const exact = WORKSTREAMS.find((w) => fold(WORKSTREAM_LABELS[w]) === g || w.replace(/_/g, ' ') === g);
  if (exact) return exact;
  // "Information governance" before "IT": the more specific words first.
  const order: TWorkstream[] = [
    'information_governance',
    'cqc_registration',
    'workforce_tupe',
    'estates_facilities',
    'it_data_records',
    'contracts_finance',
    'communications_engagement',
    'clinical_safety_caseload',
  ];
  for (const w of order) if (WORKSTREAM_WORDS.find(([k]) => k === w)![1].test(g)) return w;
  return null;
}

function fileError(e: unknown): never {
  if (e instanceof PlanFileError) throw new RuleViolationError(e.message, { file: [e.message] });
  throw e;
}

/** Step 1: the file as Baton reads it, and a suggested mapping. Writes nothing. */
export async function readPlanImport(
  ctx: TMemberContext,
  input: { transferId: string; fileName: string; contentBase64: string },
) {
  const { db, member } = ctx;
  const transfer = await importableTransfer(db, member, input.transferId);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) fileError(new PlanFileError('The file is empty.'));
  if (bytes.length > MAX_PLAN_BYTES) fileError(new PlanFileError('The file is larger than 10 MB.'));
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  let file: TPlanFile;
  try {
    if (isZip) file = await readPlanXlsx(bytes, input.fileName, transfer.name);
    else if (isMspdi(bytes)) file = readMspdi(bytes, input.fileName);
    else if (/\.mpp$/i.test(input.fileName))
      throw new PlanFileError(
        'Baton reads Microsoft Project XML, not .mpp files: in Project, use File > Save As and choose “XML Format (*.xml)”.',
      );
    else
      throw new PlanFileError(
        'That file is neither Microsoft Project XML (.xml) nor an Excel workbook (.xlsx).',
      );
  } catch (e) {
    fileError(e);
  }
  const choices = await namingChoices(db, member, transfer);
  return {
    file,
    suggestedMapping: suggestPlanMapping(file, choices, transfer),
    organisations: choices.organisations,
    people: choices.people.map((p) => ({ id: p.id, name: p.name, organisation: p.organisation })),
    workstreams: WORKSTREAMS.map((w) => ({ value: w, label: WORKSTREAM_LABELS[w] })),
  };
}

/* ---------- planning the import ---------- */

type TAction = 'create' | 'update' | 'unchanged' | 'excluded' | 'error';

interface TPlannedTask {
  key: string;
  label: string;
  title: string;
  action: TAction;
  existing: TTaskRow | null;
  write: TTaskWrite;
  changes: string[];
  errors: string[];
  warnings: string[];
}

export interface TPlanImportPlan {
  transfer: TTransferRow;
  tasks: TPlannedTask[];
  /** Links to add, and existing dependencies (between tasks in the file) the file no longer has. */
  addLinks: Array<{ predecessor: string; successor: string; lagDays: number }>;
  removeLinks: TDependencyRow[];
  unchangedLinks: number;
  convertedLinks: number;
  fileErrors: string[];
  notes: string[];
  keptTasks: number;
  schedule: ReturnType<typeof scheduleTransfer>;
  /** Titles of every task after the import, by id (existing) or "new:<key>". */
  titleOf: Map<string, string>;
  fingerprint: string;
}

const FIELD_WORDS: Partial<Record<keyof TTaskWrite, string>> = {
  title: 'name',
  workstream: 'workstream',
  kind: 'kind',
  owningOrganisationId: 'owner',
  assigneeUserId: 'assignee',
  startDate: 'start',
  dueDate: 'finish',
  status: 'status',
  percentComplete: '% complete',
  actualStart: 'actual start',
  completedOn: 'actual finish',
  description: 'notes',
  conditionPrecedent: 'condition precedent',
};

/** The status the file's progress says: finished at 100% or with an actual finish, started with any. */
function statusOf(t: TPlanFile['tasks'][number]): TTaskStatus {
  const derived: TTaskStatus =
    t.percentComplete >= 100 || t.actualFinish
      ? 'done'
      : t.percentComplete > 0 || t.actualStart
        ? 'in_progress'
        : 'not_started';
  if (!t.status) return derived;
  if (t.status === derived || t.status === 'cancelled') return t.status;
  if (t.status === 'blocked' && derived !== 'done') return 'blocked';
  return derived;
}

export function fingerprintOf(tasks: readonly TTaskRow[], deps: readonly TDependencyRow[]): string {
  const h = createHash('sha256');
  for (const t of [...tasks].sort((a, b) => a.id.localeCompare(b.id))) h.update(`${t.id}:${t.version};`);
  for (const d of [...deps].sort((a, b) => a.id.localeCompare(b.id))) h.update(`${d.id}:${d.lagDays};`);
  return h.digest('hex').slice(0, 32);
}

export async function planTheImport(
  db: Executor,
  member: TMember,
  transferId: string,
  file: TPlanFile,
  mapping: TPlanMapping,
  today: TIsoDate,
): Promise<TPlanImportPlan> {
  const transfer = await importableTransfer(db, member, transferId);
  const [existing, deps, choices] = await Promise.all([
    listTasks(db, {
      programmeId: member.programmeId,
      transferIds: [transfer.id],
      visibility: transferVisibility(member),
    }),
    listDependencies(db, member.programmeId, [transfer.id]),
    namingChoices(db, member, transfer),
  ]);

  // The mapping may only name organisations and people a task of this transfer may name.
  const orgs = new Map(choices.organisations.map((o) => [o.id, o]));
  const people = new Map(choices.people.map((p) => [p.id, p]));
  const mappingErrors: Record<string, string[]> = {};
  if (!orgs.has(mapping.defaultOrganisationId))
    mappingErrors.defaultOrganisationId = ['Choose an organisation taking part in this transfer'];
  for (const [name, r] of Object.entries(mapping.resources)) {
    if (r.organisationId && !orgs.has(r.organisationId))
      mappingErrors[`resources.${name}`] = ['Choose an organisation taking part in this transfer'];
    if (r.userId && !people.has(r.userId))
      mappingErrors[`resources.${name}`] = ['Choose a member of this programme who can see this transfer'];
  }
  if (Object.keys(mappingErrors).length)
    throw new RuleViolationError('Some of the mapping needs correcting.', mappingErrors);

  const excluded = new Set(mapping.excludedKeys);
  const byId = new Map(existing.map((t) => [t.id, t]));
  const byName = new Map<string, TTaskRow[]>();
  for (const t of existing) {
    const k = `${t.workstream}|${t.title.toLowerCase()}`;
    byName.set(k, [...(byName.get(k) ?? []), t]);
  }
  const matched = new Set<string>();
  const tasks: TPlannedTask[] = [];
  const idOfKey = new Map<string, string>();
  for (const f of file.tasks) {
    const group = f.group ? (mapping.groups[f.group] ?? null) : null;
    const workstream: TWorkstream = group ?? mapping.defaultWorkstream;
    let match: TTaskRow | null = null;
    if (f.batonId && byId.has(f.batonId) && !matched.has(f.batonId)) match = byId.get(f.batonId)!;
    if (!match) {
      const candidates = (byName.get(`${group ?? workstream}|${f.title.toLowerCase()}`) ?? []).filter(
        (t) => !matched.has(t.id),
      );
      match = candidates[0] ?? null;
    }
    if (match && !excluded.has(f.key)) matched.add(match.id);
    const mapped = f.resources.map((r) => mapping.resources[r]).filter((r) => !!r);
    const assignee = mapped.find((r) => r.userId)?.userId ?? null;
    const owner =
      mapped.find((r) => r.organisationId)?.organisationId ??
      (assignee ? people.get(assignee)!.organisation.id : null);
    const status = statusOf(f);
    const started = status !== 'not_started' && status !== 'cancelled';
    const errors: string[] = [];
    const warnings: string[] = [];
    const actualStart = started ? (f.actualStart ?? (f.start < today ? f.start : today)) : null;
    const completedOn = status === 'done' ? (f.actualFinish ?? (f.finish < today ? f.finish : today)) : null;
    if (actualStart && actualStart > today) errors.push(`The actual start ${actualStart} is in the future.`);
    if (completedOn && completedOn > today) errors.push(`The actual finish ${completedOn} is in the future.`);
    if (f.title.trim().length < 3) errors.push('The task name needs at least 3 characters.');
    if (owner && assignee && people.get(assignee)!.organisation.id !== owner)
      warnings.push(
        `${people.get(assignee)!.name} works for ${people.get(assignee)!.organisation.shortName}, not the owner ${orgs.get(owner)!.shortName}.`,
      );
    if (f.group && !group)
      warnings.push(
        `The group “${f.group}” is not mapped: the task goes in ${WORKSTREAM_LABELS[workstream]}.`,
      );
    const write: TTaskWrite = {
      title: f.title.trim(),
      description: f.notes || match?.description || '',
      workstream: match && !f.group ? match.workstream : workstream,
      kind: f.kind ?? match?.kind ?? 'task',
      owningOrganisationId: owner ?? match?.owningOrganisation.id ?? mapping.defaultOrganisationId,
      assigneeUserId: assignee ?? (f.resources.length ? null : (match?.assignee?.id ?? null)),
      startDate: f.start,
      dueDate: f.finish,
      status,
      percentComplete: status === 'done' ? 100 : f.percentComplete,
      evidence: match?.evidence ?? '',
      conditionPrecedent: f.conditionPrecedent ?? match?.conditionPrecedent ?? false,
      gateCriteria: match?.gateCriteria ?? '',
      gateCriteriaMet: match?.gateCriteriaMet ?? false,
      completedOn,
      actualStart,
      optimisticDays: match?.optimisticDays ?? null,
      pessimisticDays: match?.pessimisticDays ?? null,
    };
    const changes: string[] = [];
    if (match) {
      const before: TTaskWrite = {
        title: match.title,
        description: match.description,
        workstream: match.workstream,
        kind: match.kind,
        owningOrganisationId: match.owningOrganisation.id,
        assigneeUserId: match.assignee?.id ?? null,
        startDate: match.startDate,
        dueDate: match.dueDate,
        status: match.status,
        percentComplete: match.percentComplete,
        evidence: match.evidence,
        conditionPrecedent: match.conditionPrecedent,
        gateCriteria: match.gateCriteria,
        gateCriteriaMet: match.gateCriteriaMet,
        completedOn: match.completedOn,
        actualStart: match.actualStart,
        optimisticDays: match.optimisticDays,
        pessimisticDays: match.pessimisticDays,
      };
      // Actual dates the file does not give are kept as Baton has them.
      if (status === match.status && !f.actualStart) write.actualStart = match.actualStart;
      if (status === match.status && !f.actualFinish) write.completedOn = match.completedOn;
      for (const k of Object.keys(FIELD_WORDS) as Array<keyof TTaskWrite>)
        if ((before[k] ?? null) !== (write[k] ?? null)) changes.push(FIELD_WORDS[k]!);
    }
    const action: TAction = excluded.has(f.key)
      ? 'excluded'
      : errors.length
        ? 'error'
        : !match
          ? 'create'
          : changes.length
            ? 'update'
            : 'unchanged';
    if (action !== 'excluded') idOfKey.set(f.key, match?.id ?? `new:${f.key}`);
    tasks.push({
      key: f.key,
      label: f.label,
      title: f.title,
      action,
      existing: match,
      write,
      changes,
      errors,
      warnings,
    });
  }

  // Dependencies between the tasks in the file become the file's; others are kept.
  const inFile = new Set(
    tasks.filter((t) => t.existing && t.action !== 'excluded').map((t) => t.existing!.id),
  );
  const wanted = new Map<string, { predecessor: string; successor: string; lagDays: number }>();
  let convertedLinks = 0;
  const convertedTypes = new Set<string>();
  for (const l of file.links) {
    const p = idOfKey.get(l.predecessor);
    const s = idOfKey.get(l.successor);
    if (!p || !s || p === s) continue;
    if (l.type !== 'FS') {
      convertedLinks++;
      convertedTypes.add(LINK_TYPE_LABELS[l.type]);
    }
    wanted.set(`${p}>${s}`, { predecessor: p, successor: s, lagDays: l.lagDays });
  }
  const removeLinks: TDependencyRow[] = [];
  let unchangedLinks = 0;
  for (const d of deps) {
    const k = `${d.predecessorId}>${d.successorId}`;
    const w = wanted.get(k);
    if (w && w.lagDays === d.lagDays) {
      wanted.delete(k);
      unchangedLinks++;
    } else if (w || (inFile.has(d.predecessorId) && inFile.has(d.successorId))) removeLinks.push(d);
  }
  const addLinks = [...wanted.values()];

  // The plan as it would be: kept tasks, updated and created ones; its loops and its critical path.
  const titleOf = new Map<string, string>(existing.map((t) => [t.id, t.title]));
  const after = new Map<string, TTaskWrite & { id: string }>();
  for (const t of existing)
    after.set(t.id, {
      ...t,
      owningOrganisationId: t.owningOrganisation.id,
      assigneeUserId: t.assignee?.id ?? null,
    });
  for (const t of tasks) {
    if (t.action === 'excluded' || t.action === 'error') continue;
    const id = idOfKey.get(t.key)!;
    after.set(id, { ...t.write, id });
    titleOf.set(id, t.write.title);
  }
  const removed = new Set(removeLinks.map((d) => d.id));
  const afterDeps = [
    ...deps.filter((d) => !removed.has(d.id)),
    ...addLinks.map((l) => ({ predecessorId: l.predecessor, successorId: l.successor, lagDays: l.lagDays })),
  ].filter((d) => after.has(d.predecessorId) && after.has(d.successorId));
  const fileErrors: string[] = [];
  try {
    topologicalOrder([...after.keys()], afterDeps);
  } catch (e) {
    if (!(e instanceof DependencyCycleError)) throw e;
    fileErrors.push(
      `These tasks depend on each other in a loop: ${e.cycle.map((id) => `“${titleOf.get(id) ?? id}”`).join(' → ')}. Remove one of the links in the file.`,
    );
  }
  const schedule = fileErrors.length
    ? scheduleTransfer(transfer, [], [], today)
    : scheduleTransfer(
        transfer,
        [...after.values()].map((t) => ({ ...t, kind: t.kind })),
        afterDeps,
        today,
      );
  const notes = [...file.notes];
  if (convertedLinks)
    notes.push(
      `${convertedLinks} ${[...convertedTypes].join(' and ')} link${convertedLinks === 1 ? ' is' : 's are'} kept as finish-to-start, the only kind Baton schedules: check those tasks’ dates after the import.`,
    );
  return {
    transfer,
    tasks,
    addLinks,
    removeLinks,
    unchangedLinks,
    convertedLinks,
    fileErrors,
    notes,
    keptTasks: existing.filter((t) => !matched.has(t.id)).length,
    schedule,
    titleOf,
    fingerprint: fingerprintOf(existing, deps),
  };
}

/** What the preview shows: each task's action and the plan's critical path and forecast go-live after it. */
export function presentPlanImport(p: TPlanImportPlan) {
  const count = (a: TAction) => p.tasks.filter((t) => t.action === a).length;
  const s = p.schedule;
  return {
    transfer: {
      id: p.transfer.id,
      name: p.transfer.name,
      plannedTransferDate: p.transfer.plannedTransferDate,
    },
    counts: {
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      excluded: count('excluded'),
      error: count('error'),
      linksAdded: p.addLinks.length,
      linksRemoved: p.removeLinks.length,
      linksUnchanged: p.unchangedLinks,
      linksConverted: p.convertedLinks,
      keptTasks: p.keptTasks,
    },
    rows: p.tasks.map((t) => {
      const id = t.existing?.id ?? `new:${t.key}`;
      const sched = s.tasks.get(id);
      return {
        key: t.key,
        label: t.label,
        title: t.title,
        action: t.action,
        changes: t.changes,
        errors: t.errors,
        warnings: t.warnings,
        workstream: t.write.workstream,
        kind: t.write.kind,
        owningOrganisationId: t.write.owningOrganisationId,
        startDate: t.write.startDate,
        dueDate: t.write.dueDate,
        status: t.write.status,
        forecastFinish: sched?.forecastFinish ?? null,
        totalFloatDays: sched?.totalFloatDays ?? null,
        critical: sched?.critical ?? false,
      };
    }),
    fileErrors: p.fileErrors,
    notes: p.notes,
    schedule: {
      forecastGoLive: s.forecastGoLive,
      marginDays: s.marginDays,
      criticalPath: s.criticalPath.map((id) => ({ id, title: p.titleOf.get(id) ?? id })),
    },
    canCommit:
      p.fileErrors.length === 0 &&
      p.tasks.every((t) => t.action !== 'error') &&
      (p.tasks.some((t) => t.action === 'create' || t.action === 'update') ||
        p.addLinks.length + p.removeLinks.length > 0),
    fingerprint: p.fingerprint,
  };
}

export async function previewPlanImport(
  ctx: TMemberContext,
  input: { transferId: string; file: TPlanFile; mapping: TPlanMapping },
) {
  return presentPlanImport(
    await planTheImport(ctx.db, ctx.member, input.transferId, input.file, input.mapping, ctx.today()),
  );
}

/** Step 3: every change in one transaction, or none; refused if the plan changed since the preview. */
export function commitPlanImport(
  ctx: TMemberContext,
  input: { transferId: string; file: TPlanFile; mapping: TPlanMapping; fingerprint: string },
) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, auditMany }) => {
    const p = await planTheImport(trx, member, input.transferId, input.file, input.mapping, ctx.today());
    if (p.fingerprint !== input.fingerprint)
      throw new ConflictError(
        'Someone changed this plan since the preview. Preview the import again to see what it would do now.',
        presentPlanImport(p),
      );
    const bad = p.tasks.filter((t) => t.action === 'error');
    if (p.fileErrors.length || bad.length)
      throw new RuleViolationError(
        p.fileErrors[0] ??
          `${bad.length} task${bad.length === 1 ? ' needs' : 's need'} correcting or leaving out before the import: ${bad[0]!.label}, ${bad[0]!.errors[0]}`,
        { file: [...p.fileErrors, ...bad.map((t) => `${t.label}: ${t.errors.join(' ')}`)] },
      );
    const transfer = p.transfer;
    const creates = p.tasks.filter((t) => t.action === 'create');
    const updates = p.tasks.filter((t) => t.action === 'update');
    const newIds = await insertTasks(
      trx,
      member.programmeId,
      transfer.id,
      creates.map((t) => t.write),
    );
    const idOf = new Map<string, string>(creates.map((t, i) => [`new:${t.key}`, newIds[i]!]));
    const updated: TTaskRow[] = [];
    for (const t of updates) updated.push(await updateTask(trx, t.existing!, t.write, t.existing!.version));
    for (const d of p.removeLinks) await deleteDependency(trx, member.programmeId, d.id);
    const resolve = (id: string) => idOf.get(id) ?? id;
    await insertDependencies(
      trx,
      member.programmeId,
      p.addLinks.map((l) => ({
        predecessorId: resolve(l.predecessor),
        successorId: resolve(l.successor),
        lagDays: l.lagDays,
      })),
    );
    const audience = transferAuditAudience(transfer);
    const summary = `Imported the plan “${input.file.fileName}” into ${transfer.name}: ${creates.length} tasks created, ${updates.length} updated, ${p.addLinks.length} links added, ${p.removeLinks.length} removed`;
    await auditMany([
      {
        entityType: 'transfer',
        entityId: transfer.id,
        action: 'update',
        audience,
        summary,
        after: {
          file: input.file.fileName,
          format: input.file.format,
          created: creates.length,
          updated: updates.length,
        },
      },
      ...creates.map((t, i) => ({
        entityType: 'task',
        entityId: newIds[i]!,
        action: 'create' as const,
        audience,
        organisationId: t.write.owningOrganisationId,
        summary: `Created task “${t.write.title}” by importing ${input.file.fileName}`,
        after: t.write,
      })),
      ...updates.map((t, i) => ({
        entityType: 'task',
        entityId: t.existing!.id,
        action: 'update' as const,
        audience,
        organisationId: t.write.owningOrganisationId,
        summary: `Updated task “${t.write.title}” (${t.changes.join(', ')}) by importing ${input.file.fileName}`,
        before: t.existing,
        after: updated[i],
      })),
    ]);
    return {
      created: creates.length,
      updated: updates.length,
      unchanged: p.tasks.filter((t) => t.action === 'unchanged').length,
      linksAdded: p.addLinks.length,
      linksRemoved: p.removeLinks.length,
      forecastGoLive: p.schedule.forecastGoLive,
      marginDays: p.schedule.marginDays,
    };
  });
}
