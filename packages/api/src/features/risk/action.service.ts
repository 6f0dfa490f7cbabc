import {
  riskReference,
  RuleViolationError,
  ZActionFields,
  type TCreateActionInput,
  type TUpdateActionInput,
} from '@baton/domain';
import { insertAction, updateAction, type Executor, type TRiskRow } from '@baton/db';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { definedOnly, parseMerged } from '../../validation';
import { notifyActionAssigned } from '../notification/notify';
import { transferAudience, visibleTask } from '../transition/transition.access';
import {
  actionNaming,
  assertCanEditAction,
  riskAuditAudience,
  visibleAction,
  visibleRisk,
} from './risk.access';
import { presentAction } from './risk.present';

/* Mitigation actions: seen and changed with their risk; each names an organisation, an owner and a task. */

const UNKNOWN_TASK = 'Choose a task of this programme’s transition plan.';

/** What an action names, checked at once: organisation and owner, and the plan task that delivers it. */
async function checkActionNames(
  trx: Executor,
  member: TMember,
  risk: TRiskRow,
  f: { organisationId: string; ownerUserId: string | null; taskId: string | null },
) {
  const check = actionNaming(trx, member, risk, f);
  if (f.taskId) {
    const { transfer } = await visibleTask(trx, member, f.taskId).catch(() => {
      throw new RuleViolationError(UNKNOWN_TASK, { taskId: ['Unknown task'] });
    });
    check.row('taskId', transferAudience(transfer));
  }
  await check.check();
}

export function addAction(ctx: TMemberContext, input: TCreateActionInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const risk = await visibleRisk(trx, member, input.riskId);
    assertCanEditAction(member, risk, input.organisationId);
    await checkActionNames(trx, member, risk, input);
    const action = await insertAction(trx, {
      ...input,
      completedOn: input.status === 'done' ? (input.completedOn ?? ctx.today()) : input.completedOn,
    });
    await audit({
      entityType: 'risk',
      entityId: risk.id,
      action: 'create',
      organisationId: action.organisation.id,
      audience: riskAuditAudience(risk),
      summary: `${riskReference(risk.number)} action added: ${action.description}`,
      after: action,
    });
    await notifyActionAssigned(trx, { actor: ctx.user, before: null, after: action, risk });
    return presentAction(action, ctx.today());
  });
}

export function updateActionFields(ctx: TMemberContext, input: TUpdateActionInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const { action: before, risk } = await visibleAction(trx, member, input.actionId);
    assertCanEditAction(member, risk, before.organisation.id);
    expectVersion(before, input.version, 'action');
    const { programmeId: _p, actionId: _a, version, ...patch } = input;
    const defined = definedOnly(patch);
    const merged = parseMerged(ZActionFields, {
      description: before.description,
      ownerUserId: before.owner?.id ?? null,
      organisationId: before.organisation.id,
      dueDate: before.dueDate,
      status: before.status,
      expectedEffect: before.expectedEffect,
      evidence: before.evidence,
      completedOn: before.completedOn,
      taskId: before.task?.id ?? null,
      ...defined,
    });
    if (merged.organisationId !== before.organisation.id)
      assertCanEditAction(member, risk, merged.organisationId);
    await checkActionNames(trx, member, risk, merged);
    // Completing an action dates it; re-opening one clears the date.
    if (merged.status === 'done' && !merged.completedOn) merged.completedOn = ctx.today();
    if (merged.status !== 'done') merged.completedOn = null;
    const after = await updateAction(trx, before, merged, version);
    await audit({
      entityType: 'risk',
      entityId: risk.id,
      action: 'update',
      organisationId: after.organisation.id,
      audience: riskAuditAudience(risk),
      summary: `${riskReference(risk.number)} action updated: ${after.description}`,
      before,
      after,
    });
    await notifyActionAssigned(trx, { actor: ctx.user, before, after, risk });
    return presentAction(after, ctx.today());
  });
}
