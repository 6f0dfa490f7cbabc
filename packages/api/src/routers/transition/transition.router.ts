import {
  can,
  canEditOrganisationItem,
  ForbiddenError,
  NotFoundError,
  planFromTemplate,
  psrStandstillEnd,
  riskReference,
  RuleViolationError,
  wouldCreateCycle,
  ZCreateTaskInput,
  ZCreateTransferInput,
  ZDependencyInput,
  ZTaskFields,
  ZTransferFields,
  ZUpdateTaskInput,
  type TIsoDate,
} from '@baton/domain';
import {
  deleteDependency,
  findProgramme,
  findTask,
  findTransfer,
  insertDependencies,
  insertTasks,
  insertTransfer,
  listAuditEvents,
  listDependencies,
  listParties,
  listTasks,
  listTransfers,
  programmeReferences,
  recordAudit,
  riskLinksForTransfer,
  updateTask,
  updateTransfer,
  type Executor,
  type TTaskRow,
  type TTransferRow,
} from '@baton/db';
import { z } from 'zod';
import { notifyTaskAssigned } from '../../notifications/notify';
import { programmeProcedure, router } from '../../trpc';
import { onlyOrgOf, type TMember } from '../risk/risk.access';
import { readinessFor } from './transition.readiness';
import { scheduleTransfer, transferMilestonesWithState } from './transition.schedule';

async function visibleTransfer(
  db: Executor,
  m: TMember,
  programmeId: string,
  transferId: string,
): Promise<TTransferRow> {
  const t = await findTransfer(db, programmeId, transferId);
  const own = onlyOrgOf(m);
  if (!t || (own && t.outgoing.id !== own && t.incoming.id !== own))
    throw new NotFoundError('That transfer does not exist, or is not visible to you.');
  return t;
}

function assertCanEditTask(m: TMember, owningOrganisationId: string) {
  if (!canEditOrganisationItem(m.role, m.organisationId, owningOrganisationId)) {
    throw new ForbiddenError('You can only change tasks owned by your own organisation.');
  }
}

async function checkTransferRefs(
  db: Executor,
  programmeId: string,
  t: { lotId: string; outgoingOrganisationId: string; incomingOrganisationId: string },
) {
  const refs = await programmeReferences(db, programmeId, {
    organisationIds: [t.outgoingOrganisationId, t.incomingOrganisationId],
    lotIds: [t.lotId],
    userIds: [],
  });
  const errors: Record<string, string[]> = {};
  if (!refs.lotIds.has(t.lotId)) errors.lotId = ['Choose a lot of this programme'];
  if (!refs.organisationIds.has(t.outgoingOrganisationId))
    errors.outgoingOrganisationId = ['Choose an organisation taking part in this programme'];
  if (!refs.organisationIds.has(t.incomingOrganisationId))
    errors.incomingOrganisationId = ['Choose an organisation taking part in this programme'];
  if (Object.keys(errors).length) throw new RuleViolationError('Some of the values need correcting.', errors);
}

async function checkTaskRefs(
  db: Executor,
  programmeId: string,
  t: { owningOrganisationId: string; assigneeUserId: string | null },
) {
  const refs = await programmeReferences(db, programmeId, {
    organisationIds: [t.owningOrganisationId],
    lotIds: [],
    userIds: t.assigneeUserId ? [t.assigneeUserId] : [],
  });
  const errors: Record<string, string[]> = {};
  if (!refs.organisationIds.has(t.owningOrganisationId))
    errors.owningOrganisationId = ['Choose an organisation taking part in this programme'];
  if (t.assigneeUserId && !refs.userIds.has(t.assigneeUserId))
    errors.assigneeUserId = ['The assignee must be a member of this programme'];
  if (Object.keys(errors).length) throw new RuleViolationError('Some of the values need correcting.', errors);
}

function presentTask(
  t: TTaskRow,
  s: { forecastStart: string; forecastFinish: string; slackDays: number; critical: boolean } | undefined,
  today: TIsoDate,
) {
  const open = t.status !== 'done' && t.status !== 'cancelled';
  return {
    ...t,
    overdue: open && t.dueDate < today,
    forecastStart: s?.forecastStart ?? t.startDate,
    forecastFinish: s?.forecastFinish ?? t.dueDate,
    slackDays: s?.slackDays ?? null,
    critical: s?.critical ?? false,
  };
}

const taskDefaults = (t: TTaskRow) => ({
  title: t.title,
  description: t.description,
  workstream: t.workstream,
  kind: t.kind,
  owningOrganisationId: t.owningOrganisation.id,
  assigneeUserId: t.assignee?.id ?? null,
  startDate: t.startDate,
  dueDate: t.dueDate,
  status: t.status,
  percentComplete: t.percentComplete,
  evidence: t.evidence,
  conditionPrecedent: t.conditionPrecedent,
  gateCriteria: t.gateCriteria,
  gateCriteriaMet: t.gateCriteriaMet,
});

export const transitionRouter = router({
  transfers: programmeProcedure('programme.read').query(async ({ ctx, input }) => {
    const transfers = await listTransfers(ctx.db, input.programmeId, onlyOrgOf(ctx.member));
    return readinessFor(ctx.db, input.programmeId, transfers, ctx.today());
  }),

  createTransfer: programmeProcedure('items.editAny')
    .input(ZCreateTransferInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        await checkTransferRefs(trx, input.programmeId, input);
        const { programmeId, applyTemplate, ...fields } = input;
        const transfer = await insertTransfer(trx, programmeId, fields);
        let created = 0;
        if (applyTemplate) {
          const commissioner =
            (await listParties(trx, programmeId)).find((p) => p.role === 'lead_commissioner')?.organisation
              .id ?? ctx.member.organisationId;
          const owner = { outgoing: transfer.outgoing.id, incoming: transfer.incoming.id, commissioner };
          const plan = planFromTemplate(transfer.plannedTransferDate);
          const ids = await insertTasks(
            trx,
            programmeId,
            transfer.id,
            plan.map((t) => ({
              templateKey: t.key,
              title: t.title,
              description: '',
              workstream: t.workstream,
              kind: t.kind,
              owningOrganisationId: owner[t.owner],
              assigneeUserId: null,
              startDate: t.startDate,
              dueDate: t.dueDate,
              status: 'not_started',
              percentComplete: 0,
              evidence: '',
              conditionPrecedent: t.conditionPrecedent ?? false,
              gateCriteria: t.gateCriteria ?? '',
              gateCriteriaMet: false,
              completedOn: null,
            })),
          );
          const idOf = new Map(plan.map((t, i) => [t.key, ids[i]!]));
          await insertDependencies(
            trx,
            programmeId,
            plan.flatMap((t) =>
              (t.after ?? []).map((p) => ({
                predecessorId: idOf.get(p)!,
                successorId: idOf.get(t.key)!,
                lagDays: 0,
              })),
            ),
          );
          created = ids.length;
        }
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: null,
          entityType: 'transfer',
          entityId: transfer.id,
          action: 'create',
          summary: `Created transfer ${transfer.name}${created ? ` with the standard plan (${created} tasks)` : ''}`,
          after: transfer,
        });
        return { transfer, tasksCreated: created };
      }),
    ),

  updateTransfer: programmeProcedure('items.editAny')
    .input(
      z
        .object({ programmeId: z.uuid(), transferId: z.uuid(), version: z.number().int().positive() })
        .and(ZTransferFields),
    )
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await visibleTransfer(trx, ctx.member, input.programmeId, input.transferId);
        await checkTransferRefs(trx, input.programmeId, input);
        const { programmeId: _p, transferId: _t, version, ...fields } = input;
        const after = await updateTransfer(trx, before, fields, version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: null,
          entityType: 'transfer',
          entityId: after.id,
          action: 'update',
          summary: `Updated transfer ${after.name}`,
          before,
          after,
        });
        return after;
      }),
    ),

  plan: programmeProcedure('programme.read')
    .input(z.object({ transferId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const today = ctx.today();
      const transfer = await visibleTransfer(ctx.db, ctx.member, input.programmeId, input.transferId);
      const [tasks, deps, links] = await Promise.all([
        listTasks(ctx.db, { programmeId: input.programmeId, transferIds: [transfer.id] }),
        listDependencies(ctx.db, input.programmeId, [transfer.id]),
        riskLinksForTransfer(ctx.db, transfer.id),
      ]);
      const sched = scheduleTransfer(transfer, tasks, deps, today);
      const own = onlyOrgOf(ctx.member);
      const visible = <T extends { owning_organisation_id: string }>(r: T) =>
        !own || r.owning_organisation_id === own;
      return {
        risks: links.risks.filter(visible).map((r) => ({
          id: r.id,
          reference: riskReference(r.number),
          title: r.title,
          score: r.current_score,
          status: r.status,
        })),
        mitigations: links.actions.filter(visible).map((a) => ({
          id: a.id,
          taskId: a.task_id!,
          description: a.description,
          status: a.status,
          riskId: a.risk_id,
          riskReference: riskReference(a.risk_number),
        })),
        transfer,
        tasks: tasks.map((t) => ({
          ...presentTask(t, sched.tasks.get(t.id), today),
          canEdit: canEditOrganisationItem(
            ctx.member.role,
            ctx.member.organisationId,
            t.owningOrganisation.id,
          ),
        })),
        dependencies: deps,
        criticalPath: sched.criticalPath,
        forecastGoLive: sched.forecastGoLive,
        slackDays: sched.slackDays,
        milestones: transferMilestonesWithState(transfer, tasks, today),
      };
    }),

  task: programmeProcedure('programme.read')
    .input(z.object({ taskId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const task = await findTask(ctx.db, input.programmeId, input.taskId);
      if (!task) throw new NotFoundError('That task does not exist.');
      await visibleTransfer(ctx.db, ctx.member, input.programmeId, task.transferId);
      const [deps, audit] = await Promise.all([
        listDependencies(ctx.db, input.programmeId, [task.transferId]),
        listAuditEvents(ctx.db, { programmeId: input.programmeId, entityId: task.id, limit: 100 }),
      ]);
      return {
        task: presentTask(task, undefined, ctx.today()),
        predecessors: deps.filter((d) => d.successorId === task.id),
        successors: deps.filter((d) => d.predecessorId === task.id),
        audit: audit.items,
        canEdit: canEditOrganisationItem(
          ctx.member.role,
          ctx.member.organisationId,
          task.owningOrganisation.id,
        ),
      };
    }),

  /** Every task the caller can see, for pickers (e.g. "delivered by plan task" on a mitigation). */
  taskOptions: programmeProcedure('programme.read').query(async ({ ctx, input }) => {
    const transfers = await listTransfers(ctx.db, input.programmeId, onlyOrgOf(ctx.member));
    const names = new Map(transfers.map((t) => [t.id, t.name]));
    const tasks = await listTasks(ctx.db, { programmeId: input.programmeId, transferIds: [...names.keys()] });
    return tasks.map((t) => ({
      id: t.id,
      title: t.title,
      transferName: names.get(t.transferId) ?? '',
      status: t.status,
    }));
  }),

  myTasks: programmeProcedure('programme.read')
    .input(z.object({ scope: z.enum(['mine', 'organisation']).default('mine') }))
    .query(async ({ ctx, input }) => {
      const today = ctx.today();
      const tasks = await listTasks(ctx.db, {
        programmeId: input.programmeId,
        openOnly: true,
        ...(input.scope === 'mine'
          ? { assigneeUserId: ctx.user.id }
          : { owningOrganisationId: ctx.member.organisationId }),
      });
      return tasks.map((t) => presentTask(t, undefined, today));
    }),

  createTask: programmeProcedure('items.editOwn')
    .input(ZCreateTaskInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const transfer = await visibleTransfer(trx, ctx.member, input.programmeId, input.transferId);
        assertCanEditTask(ctx.member, input.owningOrganisationId);
        await checkTaskRefs(trx, input.programmeId, input);
        const { programmeId, transferId: _t, ...fields } = input;
        const [id] = await insertTasks(trx, programmeId, transfer.id, [
          { ...fields, completedOn: fields.status === 'done' ? ctx.today() : null },
        ]);
        const task = (await findTask(trx, programmeId, id!))!;
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: task.owningOrganisation.id,
          entityType: 'task',
          entityId: task.id,
          action: 'create',
          summary: `Added task “${task.title}” to ${transfer.name}`,
          after: task,
        });
        await notifyTaskAssigned(trx, { actor: ctx.user, before: null, after: task });
        return task;
      }),
    ),

  updateTask: programmeProcedure('items.editOwn')
    .input(ZUpdateTaskInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findTask(trx, input.programmeId, input.taskId);
        if (!before) throw new NotFoundError('That task does not exist.');
        await visibleTransfer(trx, ctx.member, input.programmeId, before.transferId);
        assertCanEditTask(ctx.member, before.owningOrganisation.id);
        const { programmeId, taskId: _t, version, ...patch } = input;
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const merged = ZTaskFields.safeParse({ ...taskDefaults(before), ...defined });
        // A partial edit can break a rule across fields (due before start): a 400 with the field, not a 500.
        if (!merged.success) {
          throw new RuleViolationError(
            'Some of the values need correcting.',
            z.flattenError(merged.error).fieldErrors as Record<string, string[]>,
          );
        }
        const fields = merged.data;
        if (fields.owningOrganisationId !== before.owningOrganisation.id)
          assertCanEditTask(ctx.member, fields.owningOrganisationId);
        await checkTaskRefs(trx, programmeId, fields);
        const completedOn = fields.status === 'done' ? (before.completedOn ?? ctx.today()) : null;
        const percentComplete = fields.status === 'done' ? 100 : fields.percentComplete;
        const after = await updateTask(trx, before, { ...fields, percentComplete, completedOn }, version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId,
          organisationId: after.owningOrganisation.id,
          entityType: 'task',
          entityId: after.id,
          action: 'update',
          summary: `Updated task “${after.title}” (${Object.keys(defined).join(', ')})`,
          before,
          after,
        });
        await notifyTaskAssigned(trx, { actor: ctx.user, before, after });
        return after;
      }),
    ),

  addDependency: programmeProcedure('items.editOwn')
    .input(ZDependencyInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const [pred, succ] = await Promise.all([
          findTask(trx, input.programmeId, input.predecessorId),
          findTask(trx, input.programmeId, input.successorId),
        ]);
        if (!pred || !succ) throw new NotFoundError('One of those tasks does not exist.');
        assertCanEditTask(ctx.member, succ.owningOrganisation.id);
        const existing = await listDependencies(trx, input.programmeId);
        if (existing.some((d) => d.predecessorId === pred.id && d.successorId === succ.id)) {
          throw new RuleViolationError('That dependency already exists.', {
            predecessorId: ['Already a predecessor'],
          });
        }
        const taskIds = [
          ...new Set(existing.flatMap((d) => [d.predecessorId, d.successorId]).concat(pred.id, succ.id)),
        ];
        const cycle = wouldCreateCycle(taskIds, existing, {
          predecessorId: pred.id,
          successorId: succ.id,
          lagDays: input.lagDays,
        });
        if (cycle) {
          const titles = await Promise.all(
            cycle.map(async (id) => (await findTask(trx, input.programmeId, id))?.title ?? id),
          );
          throw new RuleViolationError(
            `That would make a loop: ${titles.join(' → ')}. A task cannot (indirectly) wait for itself.`,
            {
              predecessorId: ['Creates a dependency loop'],
            },
          );
        }
        await insertDependencies(trx, input.programmeId, [
          { predecessorId: pred.id, successorId: succ.id, lagDays: input.lagDays },
        ]);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: succ.owningOrganisation.id,
          entityType: 'task',
          entityId: succ.id,
          action: 'update',
          summary: `“${succ.title}” now waits for “${pred.title}”${input.lagDays ? ` (+${input.lagDays} days)` : ''}`,
        });
        return { ok: true as const };
      }),
    ),

  removeDependency: programmeProcedure('items.editOwn')
    .input(z.object({ dependencyId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const all = await listDependencies(trx, input.programmeId);
        const dep = all.find((d) => d.id === input.dependencyId);
        if (!dep) throw new NotFoundError('That dependency no longer exists.');
        const succ = (await findTask(trx, input.programmeId, dep.successorId))!;
        assertCanEditTask(ctx.member, succ.owningOrganisation.id);
        await deleteDependency(trx, input.programmeId, dep.id);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: succ.owningOrganisation.id,
          entityType: 'task',
          entityId: succ.id,
          action: 'update',
          summary: `Removed a dependency of “${succ.title}”`,
          before: dep,
        });
        return { ok: true as const };
      }),
    ),

  /** Programme-level dates: PSR standstill from the intention-to-award notice. */
  programmeDates: programmeProcedure('programme.read').query(async ({ ctx, input }) => {
    const p = (await findProgramme(ctx.db, input.programmeId))!;
    return {
      standstillEnd: p.intentionToAwardDate ? psrStandstillEnd(p.intentionToAwardDate) : null,
      standstillRule:
        'SI 2023/1348 reg. 12: standstill begins the day after the intention-to-award notice and ends at midnight at the end of the eighth working day after it began (weekends and English bank holidays excluded).',
      canEdit: can(ctx.member.role, 'items.editAny'),
    };
  }),
});
