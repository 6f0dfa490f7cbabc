import {
  NotFoundError,
  RuleViolationError,
  wouldCreateCycle,
  ZTaskFields,
  type TCreateTaskInput,
  type ZDependencyInput,
  type TUpdateTaskInput,
} from '@baton/domain';
import {
  deleteDependency,
  findTask,
  insertDependencies,
  insertTasks,
  listAuditEvents,
  listDependencies,
  listTasks,
  listTransfers,
  updateTask,
  type TTaskRow,
} from '@baton/db';
import type { z } from 'zod';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { definedOnly, parseMerged } from '../../validation';
import { notifyTaskAssigned } from '../notification/notify';
import { presentTask } from './task.present';
import {
  assertCanEditTask,
  canEditTask,
  DEPENDENCY_NOT_FOUND,
  taskNaming,
  transferAuditAudience,
  transferAudience,
  transferVisibility,
  visibleTask,
  visibleTransfer,
} from './transition.access';
import { naming } from '../../access/naming';

/* Plan tasks and their dependencies: seen with their transfer, changed by their owning organisation. */

const taskFieldsOf = (t: TTaskRow) => ({
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
  actualStart: t.actualStart,
  completedOn: t.completedOn,
  optimisticDays: t.optimisticDays,
  pessimisticDays: t.pessimisticDays,
});

type TTaskFields = z.output<typeof ZTaskFields>;

/**
 * Actual dates follow the status unless the person gives them: work under way has started (today, unless
 * they say when), finished work has finished (today, unless they say when: a condition met last Friday is
 * recorded as met last Friday), work not started has neither. Neither date may be in the future.
 */
function withActualDates(f: TTaskFields, today: string, given: { actualStart?: unknown }) {
  const started = f.status !== 'not_started' && f.status !== 'cancelled';
  let actualStart = f.actualStart;
  let completedOn = f.completedOn;
  if (f.status === 'not_started' && given.actualStart === undefined) actualStart = null;
  if (started && !actualStart) actualStart = completedOn && completedOn < today ? completedOn : today;
  if (f.status === 'done') completedOn ??= today;
  else completedOn = null;
  if (actualStart && completedOn && actualStart > completedOn) actualStart = completedOn;
  const errors: Record<string, string[]> = {};
  if (actualStart && actualStart > today) errors.actualStart = ['The actual start cannot be in the future'];
  if (completedOn && completedOn > today) errors.completedOn = ['The actual finish cannot be in the future'];
  if (Object.keys(errors).length) throw new RuleViolationError('Some of the values need correcting.', errors);
  return {
    ...f,
    actualStart,
    completedOn,
    percentComplete: f.status === 'done' ? 100 : f.percentComplete,
  };
}

export async function taskDetail(ctx: TMemberContext, taskId: string) {
  const { db, member } = ctx;
  const { task } = await visibleTask(db, member, taskId);
  const [deps, audit] = await Promise.all([
    listDependencies(db, member.programmeId, [task.transferId]),
    listAuditEvents(db, {
      programmeId: member.programmeId,
      entityId: task.id,
      limit: 100,
      visibility: member.visibility,
    }),
  ]);
  return {
    task: presentTask(task, undefined, ctx.today()),
    predecessors: deps.filter((d) => d.successorId === task.id),
    successors: deps.filter((d) => d.predecessorId === task.id),
    audit: audit.items,
    canEdit: canEditTask(member, task.owningOrganisation.id),
  };
}

/** Every task the caller can see, for pickers (e.g. "delivered by plan task" on a mitigation). */
export async function taskOptions(ctx: TMemberContext) {
  const { db, member } = ctx;
  const visibility = transferVisibility(member);
  const transfers = await listTransfers(db, member.programmeId, visibility);
  const names = new Map(transfers.map((t) => [t.id, t.name]));
  const tasks = await listTasks(db, {
    programmeId: member.programmeId,
    transferIds: [...names.keys()],
    visibility,
  });
  return tasks.map((t) => ({
    id: t.id,
    title: t.title,
    transferName: names.get(t.transferId) ?? '',
    status: t.status,
  }));
}

export async function myTasks(ctx: TMemberContext, scope: 'mine' | 'organisation') {
  const today = ctx.today();
  const tasks = await listTasks(ctx.db, {
    programmeId: ctx.member.programmeId,
    visibility: transferVisibility(ctx.member),
    openOnly: true,
    ...(scope === 'mine'
      ? { assigneeUserId: ctx.user.id }
      : { owningOrganisationId: ctx.member.organisationId }),
  });
  return tasks.map((t) => presentTask(t, undefined, today));
}

export function createTask(ctx: TMemberContext, input: TCreateTaskInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const transfer = await visibleTransfer(trx, member, input.transferId);
    assertCanEditTask(member, input.owningOrganisationId);
    await taskNaming(trx, member, transfer, input).check();
    const { programmeId, transferId: _t, ...given } = input;
    const fields = withActualDates(given, ctx.today(), input);
    const [id] = await insertTasks(trx, programmeId, transfer.id, [fields]);
    const task = (await findTask(trx, programmeId, id!))!;
    await audit({
      entityType: 'task',
      entityId: task.id,
      action: 'create',
      organisationId: task.owningOrganisation.id,
      audience: transferAuditAudience(transfer),
      summary: `Added task “${task.title}” to ${transfer.name}`,
      after: task,
    });
    await notifyTaskAssigned(trx, { actor: ctx.user, before: null, after: task });
    return task;
  });
}

export function updateTaskFields(ctx: TMemberContext, input: TUpdateTaskInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { task: before, transfer } = await visibleTask(trx, member, input.taskId);
    assertCanEditTask(member, before.owningOrganisation.id);
    expectVersion(before, input.version, 'task');
    const { programmeId: _p, taskId: _t, version, ...patch } = input;
    const defined = definedOnly(patch);
    const merged = parseMerged(ZTaskFields, { ...taskFieldsOf(before), ...defined });
    if (merged.owningOrganisationId !== before.owningOrganisation.id)
      assertCanEditTask(member, merged.owningOrganisationId);
    await taskNaming(trx, member, transfer, merged).check();
    const fields = withActualDates(merged, ctx.today(), input);
    const after = await updateTask(trx, before, fields, version);
    await audit({
      entityType: 'task',
      entityId: after.id,
      action: 'update',
      organisationId: after.owningOrganisation.id,
      audience: transferAuditAudience(transfer),
      summary: `Updated task “${after.title}” (${Object.keys(defined).join(', ')})`,
      before,
      after,
    });
    await notifyTaskAssigned(trx, { actor: ctx.user, before, after });
    return after;
  });
}

export function addDependency(ctx: TMemberContext, input: z.output<typeof ZDependencyInput>) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const notFound = 'One of those tasks does not exist, or is not visible to you.';
    const { task: succ, transfer } = await visibleTask(trx, member, input.successorId, notFound);
    const { task: pred, transfer: predTransfer } = await visibleTask(
      trx,
      member,
      input.predecessorId,
      notFound,
    );
    assertCanEditTask(member, succ.owningOrganisation.id);
    // Whoever sees the waiting task sees what it waits for.
    await naming(trx, member, transferAudience(transfer), 'transfer')
      .row('predecessorId', transferAudience(predTransfer))
      .check();
    const existing = await listDependencies(trx, member.programmeId);
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
      // Name only the tasks of the loop the caller may see.
      const titles = await Promise.all(
        cycle.map(async (id) =>
          visibleTask(trx, member, id).then(
            ({ task }) => `“${task.title}”`,
            () => 'a task you cannot see',
          ),
        ),
      );
      throw new RuleViolationError(
        `That would make a loop: ${titles.join(' → ')}. A task cannot (indirectly) wait for itself.`,
        { predecessorId: ['Creates a dependency loop'] },
      );
    }
    await insertDependencies(trx, member.programmeId, [
      { predecessorId: pred.id, successorId: succ.id, lagDays: input.lagDays },
    ]);
    await audit({
      entityType: 'task',
      entityId: succ.id,
      action: 'update',
      organisationId: succ.owningOrganisation.id,
      audience: transferAuditAudience(transfer),
      summary: `“${succ.title}” now waits for “${pred.title}”${input.lagDays ? ` (+${input.lagDays} days)` : ''}`,
    });
    return { ok: true as const };
  });
}

export function removeDependency(ctx: TMemberContext, dependencyId: string) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const all = await listDependencies(trx, member.programmeId);
    const dep = all.find((d) => d.id === dependencyId);
    if (!dep) throw new NotFoundError(DEPENDENCY_NOT_FOUND);
    const { task: succ, transfer } = await visibleTask(trx, member, dep.successorId, DEPENDENCY_NOT_FOUND);
    assertCanEditTask(member, succ.owningOrganisation.id);
    await deleteDependency(trx, member.programmeId, dep.id);
    await audit({
      entityType: 'task',
      entityId: succ.id,
      action: 'update',
      organisationId: succ.owningOrganisation.id,
      audience: transferAuditAudience(transfer),
      summary: `Removed a dependency of “${succ.title}”`,
      before: dep,
    });
    return { ok: true as const };
  });
}
