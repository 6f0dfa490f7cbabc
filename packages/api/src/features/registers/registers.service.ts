import {
  CONSULTATION_MONEY_RULE,
  ELI_MONEY_RULE,
  ELI_RULE,
  eliStatus,
  NEW_FAIR_DEAL_RULE,
  staffGroupMoney,
  tupeMoneyTotals,
  NotFoundError,
  riskReference,
  RuleViolationError,
  SITE_READINESS_RULE,
  SITE_ROUTE_LABELS,
  siteReadiness,
  SYSTEM_READINESS_RULE,
  SYSTEM_TYPE_LABELS,
  systemDates,
  systemReadiness,
  ZSiteFields,
  ZStaffGroupFields,
  ZSystemFields,
  type TCreateSiteInput,
  type TCreateStaffGroupInput,
  type TCreateSystemInput,
  type TIsoDate,
  type TRag,
  type TUpdateSiteInput,
  type TUpdateStaffGroupInput,
  type TUpdateSystemInput,
} from '@baton/domain';
import {
  deleteSite,
  deleteStaffGroup,
  deleteSystem,
  findSite,
  findStaffGroup,
  findSystem,
  insertSite,
  insertStaffGroup,
  insertSystem,
  listSites,
  listStaffGroups,
  listSystems,
  registerRisksForTransfer,
  registerTasksForTransfer,
  setTaskRegisterLinks,
  siteWriteOf,
  staffGroupWriteOf,
  systemWriteOf,
  taskRegisterLinks,
  updateSite,
  updateStaffGroup,
  updateSystem,
  type Executor,
  type TSiteRow,
  type TStaffGroupRow,
  type TSystemRow,
  type TTransferRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import { naming } from '../../access/naming';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { definedOnly, parseMerged } from '../../validation';
import {
  assertCanEditTask,
  canEditRegisters,
  transferAudience,
  transferAuditAudience,
  visibleTask,
  visibleTransfer,
  writableTransfer,
} from '../transition/transition.access';

/*
 * The registers of a transfer: TUPE staff groups, estate sites, IT systems. They are seen with their transfer
 * and changed by admins, leads and the transfer's two providers. Rows are looked up through their transfer,
 * so a row of a transfer the caller cannot see answers exactly as a missing one.
 */

const STAFF_GROUP_NOT_FOUND = 'That staff group does not exist, or is not visible to you.';
const SITE_NOT_FOUND = 'That site does not exist, or is not visible to you.';
const SYSTEM_NOT_FOUND = 'That system does not exist, or is not visible to you.';

/* ---------- derived fields ---------- */

const NHS_EMPLOYER_KINDS = new Set(['nhs_trust', 'nhs_foundation_trust']);

function presentStaffGroup(g: TStaffGroupRow, t: TTransferRow, today: TIsoDate) {
  const eli = eliStatus({ transferDate: t.plannedTransferDate, eliSentOn: g.eliSentOn, today });
  // The money rules of DOMAIN.md: what a late ELI or a failed inform-and-consult could cost, and pensions.
  const money = staffGroupMoney(
    {
      ...g,
      weeklyPayGbp: g.weeklyPayGbp ?? null,
      percentTimeOnService: g.percentTimeOnService ?? null,
      incomingIsNhsEmployer: NHS_EMPLOYER_KINDS.has(g.incomingEmployerKind),
      ...(g.pensionStatus === 'not_eligible' ? { nhsPensionAccessNow: false } : {}),
    },
    { transferDate: t.plannedTransferDate, today },
  );
  return { ...g, eliDue: eli.due, eliState: eli.state, eliReason: eli.reason, eliRule: eli.rule, money };
}

function presentSite(s: TSiteRow, t: TTransferRow, today: TIsoDate) {
  return { ...s, readiness: siteReadiness({ ...s, today, transferDate: t.plannedTransferDate }) };
}

function presentSystem(s: TSystemRow, t: TTransferRow, today: TIsoDate) {
  return {
    ...s,
    ...systemDates(s, t),
    readiness: systemReadiness({ ...s, today, transferDate: t.plannedTransferDate }),
  };
}

/** Organisations a register row names must be visible to the caller and to everyone who sees the transfer. */
function checkOrganisations(
  db: Executor,
  member: TMember,
  transfer: TTransferRow,
  fields: Record<string, string>,
) {
  const check = naming(db, member, transferAudience(transfer), 'transfer');
  for (const [field, id] of Object.entries(fields)) check.organisation(field, id);
  return check.check();
}

/** The fields whose value an update actually changes, for the audit summary. */
function changedFields(before: object, after: object): string {
  const b = before as Record<string, unknown>;
  const keys = Object.entries(after)
    .filter(([k, v]) => JSON.stringify(b[k]) !== JSON.stringify(v))
    .map(([k]) => k);
  return keys.length ? keys.join(', ') : 'no changes';
}

const ragCount = (rows: Array<{ readiness: { rag: TRag } }>) => ({
  red: rows.filter((r) => r.readiness.rag === 'red').length,
  amber: rows.filter((r) => r.readiness.rag === 'amber').length,
  green: rows.filter((r) => r.readiness.rag === 'green').length,
});

/** A register row the caller may see, with its transfer; hidden rows answer exactly as missing ones. */
async function rowOf<R extends { transferId: string }>(
  db: Executor,
  member: TMember,
  row: R | undefined,
  message: string,
): Promise<{ row: R; transfer: TTransferRow }> {
  const transfer = row && (await visibleTransfer(db, member, row.transferId).catch(() => undefined));
  if (!row || !transfer) throw new NotFoundError(message);
  return { row, transfer };
}

/* ---------- reading ---------- */

/** The three registers of one transfer, each row with its derived state, linked tasks and risks, and totals. */
export async function transferRegisters(ctx: TMemberContext, transferId: string) {
  const { db, member } = ctx;
  const today = ctx.today();
  const transfer = await visibleTransfer(db, member, transferId);
  const [groups, sites, systems, tasks, risks] = await Promise.all([
    listStaffGroups(db, transfer.id),
    listSites(db, transfer.id),
    listSystems(db, transfer.id),
    registerTasksForTransfer(db, transfer.id),
    registerRisksForTransfer(db, transfer.id, member.visibility),
  ]);
  type TKey = 'staffGroupId' | 'siteId' | 'systemId';
  const carried = (key: TKey, id: string) => {
    const riskRows = risks.filter((r) => r[key] === id);
    return {
      tasks: tasks
        .filter((t) => t[key] === id)
        .map((t) => ({
          id: t.id,
          title: t.title,
          status: t.status,
          dueDate: t.dueDate,
          owningOrganisationId: t.owningOrganisationId,
        })),
      risks: riskRows
        .filter((r, i) => riskRows.findIndex((x) => x.id === r.id) === i)
        .map((r) => ({
          id: r.id,
          reference: riskReference(r.number),
          title: r.title,
          score: r.currentScore,
          status: r.status,
        })),
    };
  };
  const staffGroups = groups.map((g) => ({
    ...presentStaffGroup(g, transfer, today),
    ...carried('staffGroupId', g.id),
  }));
  const siteRows = sites.map((s) => ({ ...presentSite(s, transfer, today), ...carried('siteId', s.id) }));
  const systemRows = systems.map((s) => ({
    ...presentSystem(s, transfer, today),
    ...carried('systemId', s.id),
  }));
  return {
    transfer: {
      id: transfer.id,
      name: transfer.name,
      plannedTransferDate: transfer.plannedTransferDate,
      legacyAccessDays: transfer.legacyAccessDays,
      outgoing: transfer.outgoing,
      incoming: transfer.incoming,
    },
    canEdit: canEditRegisters(member, transfer),
    staffGroups,
    sites: siteRows,
    systems: systemRows,
    totals: {
      staffGroups: staffGroups.length,
      headcount: staffGroups.reduce((n, g) => n + g.headcount, 0),
      wte: Math.round(staffGroups.reduce((n, g) => n + g.wte, 0) * 100) / 100,
      objectors: staffGroups.reduce((n, g) => n + g.objectors, 0),
      eliSent: staffGroups.filter((g) => g.eliSentOn !== null).length,
      eliLate: staffGroups.filter((g) => g.eliState === 'late').length,
      money: tupeMoneyTotals(staffGroups.map((g) => ({ headcount: g.headcount, ...g.money }))),
      sites: siteRows.length,
      sitesByRag: ragCount(siteRows),
      systems: systemRows.length,
      systemsByRag: ragCount(systemRows),
    },
    rules: {
      eliMoney: ELI_MONEY_RULE,
      consultationMoney: CONSULTATION_MONEY_RULE,
      newFairDeal: NEW_FAIR_DEAL_RULE,
      eli: ELI_RULE,
      site: SITE_READINESS_RULE,
      system: SYSTEM_READINESS_RULE,
    },
  };
}

/* ---------- TUPE staff groups ---------- */

export function createStaffGroup(ctx: TMemberContext, input: TCreateStaffGroupInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const transfer = await writableTransfer(trx, member, input.transferId);
    const { programmeId, transferId: _t, ...fields } = input;
    await checkOrganisations(trx, member, transfer, {
      outgoingEmployerId: fields.outgoingEmployerId,
      incomingEmployerId: fields.incomingEmployerId,
    });
    const row = await insertStaffGroup(trx, programmeId, transfer.id, fields);
    await audit({
      entityType: 'staff_group',
      entityId: row.id,
      action: 'create',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Added staff group ${row.service} (${row.headcount} staff)`,
      after: row,
    });
    return presentStaffGroup(row, transfer, ctx.today());
  });
}

export function updateStaffGroupFields(ctx: TMemberContext, input: TUpdateStaffGroupInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { programmeId, staffGroupId, version, ...patch } = input;
    const { row: before } = await rowOf(
      trx,
      member,
      await findStaffGroup(trx, programmeId, staffGroupId),
      STAFF_GROUP_NOT_FOUND,
    );
    const transfer = await writableTransfer(trx, member, before.transferId);
    expectVersion(before, version, 'staff group');
    const was = staffGroupWriteOf(before);
    const fields = parseMerged(ZStaffGroupFields, { ...was, ...definedOnly(patch) });
    await checkOrganisations(trx, member, transfer, {
      outgoingEmployerId: fields.outgoingEmployerId,
      incomingEmployerId: fields.incomingEmployerId,
    });
    const after = await updateStaffGroup(trx, before, fields, version);
    await audit({
      entityType: 'staff_group',
      entityId: after.id,
      action: 'update',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Updated staff group ${after.service} (${changedFields(was, fields)})`,
      before,
      after,
    });
    return presentStaffGroup(after, transfer, ctx.today());
  });
}

export function removeStaffGroup(ctx: TMemberContext, input: { staffGroupId: string; version: number }) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { row: before } = await rowOf(
      trx,
      member,
      await findStaffGroup(trx, member.programmeId, input.staffGroupId),
      STAFF_GROUP_NOT_FOUND,
    );
    const transfer = await writableTransfer(trx, member, before.transferId);
    expectVersion(before, input.version, 'staff group');
    await deleteStaffGroup(trx, before, input.version);
    await audit({
      entityType: 'staff_group',
      entityId: before.id,
      action: 'delete',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Removed staff group ${before.service} (${before.headcount} staff)`,
      before,
    });
    return { ok: true as const, id: before.id };
  });
}

/* ---------- estate sites ---------- */

export function createSite(ctx: TMemberContext, input: TCreateSiteInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const transfer = await writableTransfer(trx, member, input.transferId);
    const { programmeId, transferId: _t, ...fields } = input;
    const row = await insertSite(trx, programmeId, transfer.id, fields);
    await audit({
      entityType: 'site',
      entityId: row.id,
      action: 'create',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Added site ${row.name} (${SITE_ROUTE_LABELS[row.route].toLowerCase()})`,
      after: row,
    });
    return presentSite(row, transfer, ctx.today());
  });
}

export function updateSiteFields(ctx: TMemberContext, input: TUpdateSiteInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { programmeId, siteId, version, ...patch } = input;
    const { row: before } = await rowOf(
      trx,
      member,
      await findSite(trx, programmeId, siteId),
      SITE_NOT_FOUND,
    );
    const transfer = await writableTransfer(trx, member, before.transferId);
    expectVersion(before, version, 'site');
    const was = siteWriteOf(before);
    const fields = parseMerged(ZSiteFields, { ...was, ...definedOnly(patch) });
    const after = await updateSite(trx, before, fields, version);
    await audit({
      entityType: 'site',
      entityId: after.id,
      action: 'update',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Updated site ${after.name} (${changedFields(was, fields)})`,
      before,
      after,
    });
    return presentSite(after, transfer, ctx.today());
  });
}

export function removeSite(ctx: TMemberContext, input: { siteId: string; version: number }) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { row: before } = await rowOf(
      trx,
      member,
      await findSite(trx, member.programmeId, input.siteId),
      SITE_NOT_FOUND,
    );
    const transfer = await writableTransfer(trx, member, before.transferId);
    expectVersion(before, input.version, 'site');
    await deleteSite(trx, before, input.version);
    await audit({
      entityType: 'site',
      entityId: before.id,
      action: 'delete',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Removed site ${before.name}`,
      before,
    });
    return { ok: true as const, id: before.id };
  });
}

/* ---------- IT systems ---------- */

export function createSystem(ctx: TMemberContext, input: TCreateSystemInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const transfer = await writableTransfer(trx, member, input.transferId);
    const { programmeId, transferId: _t, ...fields } = input;
    await checkOrganisations(trx, member, transfer, {
      dataControllerBeforeId: fields.dataControllerBeforeId,
      dataControllerAfterId: fields.dataControllerAfterId,
    });
    const row = await insertSystem(trx, programmeId, transfer.id, fields);
    await audit({
      entityType: 'system',
      entityId: row.id,
      action: 'create',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Added system ${row.name} (${SYSTEM_TYPE_LABELS[row.systemType].toLowerCase()})`,
      after: row,
    });
    return presentSystem(row, transfer, ctx.today());
  });
}

export function updateSystemFields(ctx: TMemberContext, input: TUpdateSystemInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { programmeId, systemId, version, ...patch } = input;
    const { row: before } = await rowOf(
      trx,
      member,
      await findSystem(trx, programmeId, systemId),
      SYSTEM_NOT_FOUND,
    );
    const transfer = await writableTransfer(trx, member, before.transferId);
    expectVersion(before, version, 'system');
    const was = systemWriteOf(before);
    const fields = parseMerged(ZSystemFields, { ...was, ...definedOnly(patch) });
    await checkOrganisations(trx, member, transfer, {
      dataControllerBeforeId: fields.dataControllerBeforeId,
      dataControllerAfterId: fields.dataControllerAfterId,
    });
    const after = await updateSystem(trx, before, fields, version);
    await audit({
      entityType: 'system',
      entityId: after.id,
      action: 'update',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Updated system ${after.name} (${changedFields(was, fields)})`,
      before,
      after,
    });
    return presentSystem(after, transfer, ctx.today());
  });
}

export function removeSystem(ctx: TMemberContext, input: { systemId: string; version: number }) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { row: before } = await rowOf(
      trx,
      member,
      await findSystem(trx, member.programmeId, input.systemId),
      SYSTEM_NOT_FOUND,
    );
    const transfer = await writableTransfer(trx, member, before.transferId);
    expectVersion(before, input.version, 'system');
    await deleteSystem(trx, before, input.version);
    await audit({
      entityType: 'system',
      entityId: before.id,
      action: 'delete',
      organisationId: transfer.outgoing.id,
      audience: transferAuditAudience(transfer),
      summary: `Removed system ${before.name}`,
      before,
    });
    return { ok: true as const, id: before.id };
  });
}

/* ---------- plan tasks carried by register rows ---------- */

export interface TLinkTaskInput {
  taskId: string;
  version: number;
  staffGroupId?: string | null | undefined;
  siteId?: string | null | undefined;
  systemId?: string | null | undefined;
}

/**
 * Point a plan task at a staff group, site and/or system of its own transfer (null clears; omitted keeps).
 * A change to the task: whoever may edit the task may link it, and the task's version must be current.
 */
export function linkTask(ctx: TMemberContext, input: TLinkTaskInput) {
  const { member } = ctx;
  const programmeId = member.programmeId;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { task, transfer } = await visibleTask(trx, member, input.taskId);
    assertCanEditTask(member, task.owningOrganisation.id);
    expectVersion(task, input.version, 'task');
    const before = (await taskRegisterLinks(trx, task.id))!;
    const links = {
      staffGroupId: input.staffGroupId === undefined ? before.staffGroupId : input.staffGroupId,
      siteId: input.siteId === undefined ? before.siteId : input.siteId,
      systemId: input.systemId === undefined ? before.systemId : input.systemId,
    };
    const [group, site, system] = await Promise.all([
      links.staffGroupId ? findStaffGroup(trx, programmeId, links.staffGroupId) : null,
      links.siteId ? findSite(trx, programmeId, links.siteId) : null,
      links.systemId ? findSystem(trx, programmeId, links.systemId) : null,
    ]);
    // A row of another transfer answers the same whether or not the caller could see it.
    const errors: Record<string, string[]> = {};
    const sameTransfer = (row: { transferId: string } | null | undefined) => row?.transferId === transfer.id;
    if (links.staffGroupId && !sameTransfer(group))
      errors.staffGroupId = ['Choose a staff group of this task’s transfer'];
    if (links.siteId && !sameTransfer(site)) errors.siteId = ['Choose a site of this task’s transfer'];
    if (links.systemId && !sameTransfer(system))
      errors.systemId = ['Choose a system of this task’s transfer'];
    if (Object.keys(errors).length)
      throw new RuleViolationError('Some of the values need correcting.', errors);
    const { version } = await setTaskRegisterLinks(trx, task, links, input.version);
    const named = [
      group && `staff group ${group.service}`,
      site && `site ${site.name}`,
      system && `system ${system.name}`,
    ].filter(Boolean);
    await audit({
      entityType: 'task',
      entityId: task.id,
      action: 'update',
      organisationId: task.owningOrganisation.id,
      audience: transferAuditAudience(transfer),
      summary: named.length
        ? `Linked task “${task.title}” to ${named.join(', ')}`
        : `Cleared the register links of task “${task.title}”`,
      before,
      after: links,
    });
    return { taskId: task.id, version, ...links };
  });
}
