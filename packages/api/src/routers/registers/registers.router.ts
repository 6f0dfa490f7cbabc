import {
  canEditOrganisationItem,
  ELI_RULE,
  eliStatus,
  ForbiddenError,
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
  ZCreateSiteInput,
  ZCreateStaffGroupInput,
  ZCreateSystemInput,
  ZSiteFields,
  ZStaffGroupFields,
  ZSystemFields,
  ZUpdateSiteInput,
  ZUpdateStaffGroupInput,
  ZUpdateSystemInput,
  type TIsoDate,
  type TRag,
} from '@baton/domain';
import {
  deleteSite,
  deleteStaffGroup,
  deleteSystem,
  findSite,
  findStaffGroup,
  findSystem,
  findTask,
  insertSite,
  insertStaffGroup,
  insertSystem,
  listSites,
  listStaffGroups,
  listSystems,
  programmeReferences,
  recordAudit,
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
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { onlyOrgOf } from '../risk/risk.access';
import { canEditRegisters, visibleTransfer, writableTransfer } from './registers.access';

/* ---------- derived fields ---------- */

function presentStaffGroup(g: TStaffGroupRow, t: TTransferRow, today: TIsoDate) {
  const eli = eliStatus({ transferDate: t.plannedTransferDate, eliSentOn: g.eliSentOn, today });
  return { ...g, eliDue: eli.due, eliState: eli.state, eliReason: eli.reason, eliRule: eli.rule };
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

/* ---------- checks ---------- */

const NEEDS_CORRECTING = 'Some of the values need correcting.';

/** A merged update broke a rule across fields: report it next to the fields, as input validation does. */
function parseMerged<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new RuleViolationError(
      NEEDS_CORRECTING,
      z.flattenError(r.error).fieldErrors as Record<string, string[]>,
    );
  return r.data;
}

/** Organisations a row names must take part in the programme. */
async function checkOrganisations(db: Executor, programmeId: string, fields: Record<string, string>) {
  const refs = await programmeReferences(db, programmeId, {
    organisationIds: [...new Set(Object.values(fields))],
    lotIds: [],
    userIds: [],
  });
  const errors: Record<string, string[]> = {};
  for (const [field, id] of Object.entries(fields))
    if (!refs.organisationIds.has(id))
      errors[field] = ['Choose an organisation taking part in this programme'];
  if (Object.keys(errors).length) throw new RuleViolationError(NEEDS_CORRECTING, errors);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The fields whose value an update actually changes, for the audit summary. */
function changedFields(before: object, after: object): string {
  const b = before as Record<string, unknown>;
  const keys = Object.entries(after)
    .filter(([k, v]) => JSON.stringify(b[k]) !== JSON.stringify(v))
    .map(([k]) => k);
  return keys.length ? keys.join(', ') : 'no changes';
}

const ZVersion = z.number().int().positive();

const ragCount = (rows: Array<{ readiness: { rag: TRag } }>) => ({
  red: rows.filter((r) => r.readiness.rag === 'red').length,
  amber: rows.filter((r) => r.readiness.rag === 'amber').length,
  green: rows.filter((r) => r.readiness.rag === 'green').length,
});

export const registersRouter = router({
  /** The three registers of one transfer, each row with its derived state, linked tasks and risks, and totals. */
  list: programmeProcedure('programme.read')
    .input(z.object({ transferId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const today = ctx.today();
      const transfer = await visibleTransfer(ctx.db, ctx.member, input.programmeId, input.transferId);
      const [groups, sites, systems, tasks, risks] = await Promise.all([
        listStaffGroups(ctx.db, transfer.id),
        listSites(ctx.db, transfer.id),
        listSystems(ctx.db, transfer.id),
        registerTasksForTransfer(ctx.db, transfer.id),
        registerRisksForTransfer(ctx.db, transfer.id),
      ]);
      const own = onlyOrgOf(ctx.member);
      const seenRisks = risks.filter((r) => !own || r.owningOrganisationId === own);
      type TKey = 'staffGroupId' | 'siteId' | 'systemId';
      const carried = (key: TKey, id: string) => {
        const riskRows = seenRisks.filter((r) => r[key] === id);
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
        canEdit: canEditRegisters(ctx.member, transfer),
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
          sites: siteRows.length,
          sitesByRag: ragCount(siteRows),
          systems: systemRows.length,
          systemsByRag: ragCount(systemRows),
        },
        rules: { eli: ELI_RULE, site: SITE_READINESS_RULE, system: SYSTEM_READINESS_RULE },
      };
    }),

  /* ---------- TUPE staff groups ---------- */

  createStaffGroup: programmeProcedure('items.editOwn')
    .input(ZCreateStaffGroupInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const transfer = await writableTransfer(trx, ctx.member, input.programmeId, input.transferId);
        const { programmeId, transferId: _t, ...fields } = input;
        await checkOrganisations(trx, programmeId, {
          outgoingEmployerId: fields.outgoingEmployerId,
          incomingEmployerId: fields.incomingEmployerId,
        });
        const row = await insertStaffGroup(trx, programmeId, transfer.id, fields);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'staff_group',
          entityId: row.id,
          action: 'create',
          summary: `Added staff group ${row.service} (${row.headcount} staff)`,
          after: row,
        });
        return presentStaffGroup(row, transfer, ctx.today());
      }),
    ),

  updateStaffGroup: programmeProcedure('items.editOwn')
    .input(ZUpdateStaffGroupInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const { programmeId, staffGroupId, version, ...patch } = input;
        const before = await findStaffGroup(trx, programmeId, staffGroupId);
        if (!before) throw new NotFoundError('That staff group does not exist.');
        const transfer = await writableTransfer(trx, ctx.member, programmeId, before.transferId);
        const was = staffGroupWriteOf(before);
        const fields = parseMerged(ZStaffGroupFields, { ...was, ...definedOnly(patch) });
        await checkOrganisations(trx, programmeId, {
          outgoingEmployerId: fields.outgoingEmployerId,
          incomingEmployerId: fields.incomingEmployerId,
        });
        const after = await updateStaffGroup(trx, before, fields, version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'staff_group',
          entityId: after.id,
          action: 'update',
          summary: `Updated staff group ${after.service} (${changedFields(was, fields)})`,
          before,
          after,
        });
        return presentStaffGroup(after, transfer, ctx.today());
      }),
    ),

  removeStaffGroup: programmeProcedure('items.editOwn')
    .input(z.object({ staffGroupId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findStaffGroup(trx, input.programmeId, input.staffGroupId);
        if (!before) throw new NotFoundError('That staff group does not exist.');
        const transfer = await writableTransfer(trx, ctx.member, input.programmeId, before.transferId);
        await deleteStaffGroup(trx, before, input.version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'staff_group',
          entityId: before.id,
          action: 'delete',
          summary: `Removed staff group ${before.service} (${before.headcount} staff)`,
          before,
        });
        return { ok: true as const, id: before.id };
      }),
    ),

  /* ---------- estate sites ---------- */

  createSite: programmeProcedure('items.editOwn')
    .input(ZCreateSiteInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const transfer = await writableTransfer(trx, ctx.member, input.programmeId, input.transferId);
        const { programmeId, transferId: _t, ...fields } = input;
        const row = await insertSite(trx, programmeId, transfer.id, fields);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'site',
          entityId: row.id,
          action: 'create',
          summary: `Added site ${row.name} (${SITE_ROUTE_LABELS[row.route].toLowerCase()})`,
          after: row,
        });
        return presentSite(row, transfer, ctx.today());
      }),
    ),

  updateSite: programmeProcedure('items.editOwn')
    .input(ZUpdateSiteInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const { programmeId, siteId, version, ...patch } = input;
        const before = await findSite(trx, programmeId, siteId);
        if (!before) throw new NotFoundError('That site does not exist.');
        const transfer = await writableTransfer(trx, ctx.member, programmeId, before.transferId);
        const was = siteWriteOf(before);
        const fields = parseMerged(ZSiteFields, { ...was, ...definedOnly(patch) });
        const after = await updateSite(trx, before, fields, version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'site',
          entityId: after.id,
          action: 'update',
          summary: `Updated site ${after.name} (${changedFields(was, fields)})`,
          before,
          after,
        });
        return presentSite(after, transfer, ctx.today());
      }),
    ),

  removeSite: programmeProcedure('items.editOwn')
    .input(z.object({ siteId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findSite(trx, input.programmeId, input.siteId);
        if (!before) throw new NotFoundError('That site does not exist.');
        const transfer = await writableTransfer(trx, ctx.member, input.programmeId, before.transferId);
        await deleteSite(trx, before, input.version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'site',
          entityId: before.id,
          action: 'delete',
          summary: `Removed site ${before.name}`,
          before,
        });
        return { ok: true as const, id: before.id };
      }),
    ),

  /* ---------- IT systems ---------- */

  createSystem: programmeProcedure('items.editOwn')
    .input(ZCreateSystemInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const transfer = await writableTransfer(trx, ctx.member, input.programmeId, input.transferId);
        const { programmeId, transferId: _t, ...fields } = input;
        await checkOrganisations(trx, programmeId, {
          dataControllerBeforeId: fields.dataControllerBeforeId,
          dataControllerAfterId: fields.dataControllerAfterId,
        });
        const row = await insertSystem(trx, programmeId, transfer.id, fields);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'system',
          entityId: row.id,
          action: 'create',
          summary: `Added system ${row.name} (${SYSTEM_TYPE_LABELS[row.systemType].toLowerCase()})`,
          after: row,
        });
        return presentSystem(row, transfer, ctx.today());
      }),
    ),

  updateSystem: programmeProcedure('items.editOwn')
    .input(ZUpdateSystemInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const { programmeId, systemId, version, ...patch } = input;
        const before = await findSystem(trx, programmeId, systemId);
        if (!before) throw new NotFoundError('That system does not exist.');
        const transfer = await writableTransfer(trx, ctx.member, programmeId, before.transferId);
        const was = systemWriteOf(before);
        const fields = parseMerged(ZSystemFields, { ...was, ...definedOnly(patch) });
        await checkOrganisations(trx, programmeId, {
          dataControllerBeforeId: fields.dataControllerBeforeId,
          dataControllerAfterId: fields.dataControllerAfterId,
        });
        const after = await updateSystem(trx, before, fields, version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'system',
          entityId: after.id,
          action: 'update',
          summary: `Updated system ${after.name} (${changedFields(was, fields)})`,
          before,
          after,
        });
        return presentSystem(after, transfer, ctx.today());
      }),
    ),

  removeSystem: programmeProcedure('items.editOwn')
    .input(z.object({ systemId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findSystem(trx, input.programmeId, input.systemId);
        if (!before) throw new NotFoundError('That system does not exist.');
        const transfer = await writableTransfer(trx, ctx.member, input.programmeId, before.transferId);
        await deleteSystem(trx, before, input.version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: transfer.outgoing.id,
          entityType: 'system',
          entityId: before.id,
          action: 'delete',
          summary: `Removed system ${before.name}`,
          before,
        });
        return { ok: true as const, id: before.id };
      }),
    ),

  /* ---------- plan tasks carried by register rows ---------- */

  /**
   * Point a plan task at a staff group, site and/or system of its own transfer (null clears; omitted keeps).
   * A change to the task: whoever may edit the task may link it, and the task's version must be current.
   */
  linkTask: programmeProcedure('items.editOwn')
    .input(
      z.object({
        taskId: z.uuid(),
        version: ZVersion,
        staffGroupId: z.uuid().nullable().optional(),
        siteId: z.uuid().nullable().optional(),
        systemId: z.uuid().nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const { programmeId } = input;
        const task = await findTask(trx, programmeId, input.taskId);
        if (!task) throw new NotFoundError('That task does not exist.');
        const transfer = await visibleTransfer(trx, ctx.member, programmeId, task.transferId);
        if (!canEditOrganisationItem(ctx.member.role, ctx.member.organisationId, task.owningOrganisation.id))
          throw new ForbiddenError('You can only change tasks owned by your own organisation.');
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
        const errors: Record<string, string[]> = {};
        const sameTransfer = (row: { transferId: string } | null | undefined) =>
          row?.transferId === transfer.id;
        if (links.staffGroupId && !sameTransfer(group))
          errors.staffGroupId = ['Choose a staff group of this task’s transfer'];
        if (links.siteId && !sameTransfer(site)) errors.siteId = ['Choose a site of this task’s transfer'];
        if (links.systemId && !sameTransfer(system))
          errors.systemId = ['Choose a system of this task’s transfer'];
        if (Object.keys(errors).length) throw new RuleViolationError(NEEDS_CORRECTING, errors);
        const { version } = await setTaskRegisterLinks(trx, task, links, input.version);
        const named = [
          group && `staff group ${group.service}`,
          site && `site ${site.name}`,
          system && `system ${system.name}`,
        ].filter(Boolean);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: task.owningOrganisation.id,
          entityType: 'task',
          entityId: task.id,
          action: 'update',
          summary: named.length
            ? `Linked task “${task.title}” to ${named.join(', ')}`
            : `Cleared the register links of task “${task.title}”`,
          before,
          after: links,
        });
        return { taskId: task.id, version, ...links };
      }),
    ),
});
