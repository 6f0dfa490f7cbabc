import {
  can,
  planFromTemplate,
  psrStandstillEnd,
  readinessRules,
  riskReference,
  RuleViolationError,
  transferMilestonesWithState,
  type TCreateTransferInput,
  type TReadinessSettings,
  type ZTransferFields,
} from '@baton/domain';
import {
  findProgramme,
  insertDependencies,
  insertTasks,
  insertTransfer,
  listParties,
  programmeReferences,
  riskLinksForTransfer,
  saveProgrammeSettings,
  updateTransfer,
  type Executor,
} from '@baton/db';
import type { z } from 'zod';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { chosenBaseline, variancesOf, visibleBaselines } from './baseline.service';
import {
  loadVisiblePlans,
  marginOf,
  readinessOfPlans,
  readinessSettingsOf,
  scheduledPlans,
} from './plan.service';
import { canEditTask, transferAuditAudience, transferNaming, visibleTransfer } from './transition.access';
import { presentTask } from './task.present';

/* Transfers and their plans: read by whoever sees the transfer, created and changed by admins and leads. */

/** Every transfer the caller may see, with readiness and the headline figures. */
export async function transfersWithReadiness(ctx: TMemberContext) {
  const today = ctx.today();
  return readinessOfPlans(await loadVisiblePlans(ctx.db, ctx.member, today), today);
}

async function checkTransferRefs(
  db: Executor,
  member: TMember,
  t: { lotId: string; outgoingOrganisationId: string; incomingOrganisationId: string },
) {
  const refs = await programmeReferences(db, member.programmeId, {
    organisationIds: [],
    lotIds: [t.lotId],
    userIds: [],
  });
  const errors: Record<string, string[]> = {};
  if (!refs.lotIds.has(t.lotId)) errors.lotId = ['Choose a lot of this programme'];
  try {
    await transferNaming(db, member, t).check();
  } catch (e) {
    if (!(e instanceof RuleViolationError)) throw e;
    Object.assign(errors, e.fieldErrors);
  }
  if (Object.keys(errors).length) throw new RuleViolationError('Some of the values need correcting.', errors);
}

export function createTransfer(ctx: TMemberContext, input: TCreateTransferInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    await checkTransferRefs(trx, member, input);
    const { programmeId, applyTemplate, ...fields } = input;
    const transfer = await insertTransfer(trx, programmeId, fields);
    let created = 0;
    if (applyTemplate) {
      const commissioner =
        (await listParties(trx, programmeId)).find((p) => p.role === 'lead_commissioner')?.organisation.id ??
        member.organisationId;
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
    await audit({
      entityType: 'transfer',
      entityId: transfer.id,
      action: 'create',
      audience: transferAuditAudience(transfer),
      summary: `Created transfer ${transfer.name}${created ? ` with the standard plan (${created} tasks)` : ''}`,
      after: transfer,
    });
    return { transfer, tasksCreated: created };
  });
}

export function updateTransferFields(
  ctx: TMemberContext,
  input: z.output<typeof ZTransferFields> & { programmeId: string; transferId: string; version: number },
) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await visibleTransfer(trx, member, input.transferId);
    expectVersion(before, input.version, 'transfer');
    await checkTransferRefs(trx, member, input);
    const { programmeId: _p, transferId: _t, version, ...fields } = input;
    const after = await updateTransfer(trx, before, fields, version);
    await audit({
      entityType: 'transfer',
      entityId: after.id,
      action: 'update',
      audience: {
        kind: 'owners',
        organisationIds: [before.outgoing.id, before.incoming.id, after.outgoing.id, after.incoming.id],
      },
      summary: `Updated transfer ${after.name}`,
      before,
      after,
    });
    return after;
  });
}

/** One transfer's plan: tasks with forecast dates and float, dependencies, milestones, linked risks. */
export async function transferPlan(ctx: TMemberContext, transferId: string, baselineId?: string | null) {
  const { db, member } = ctx;
  const today = ctx.today();
  const transfer = await visibleTransfer(db, member, transferId);
  const [plans, links] = await Promise.all([
    scheduledPlans(db, member, [transfer], today),
    riskLinksForTransfer(db, transfer.id, member.visibility),
  ]);
  const { tasks, dependencies: deps, schedule: sched } = plans.get(transfer.id)!;
  const [baseline, allBaselines] = await Promise.all([
    chosenBaseline(db, member, baselineId),
    visibleBaselines(db, member),
  ]);
  const shown = tasks.map((t) => presentTask(t, sched.tasks.get(t.id), today));
  const variance = await variancesOf(db, baseline?.id ?? null, shown);
  const goLive = tasks.find((t) => t.templateKey === 'go_live');
  return {
    baseline,
    baselines: allBaselines,
    marginDays: marginOf(transfer.plannedTransferDate, sched.forecastGoLive),
    goLiveVarianceDays: goLive ? (variance.get(goLive.id)?.varianceDays ?? null) : null,
    risks: links.risks.map((r) => ({
      id: r.id,
      reference: riskReference(r.number),
      title: r.title,
      score: r.current_score,
      status: r.status,
    })),
    mitigations: links.actions.map((a) => ({
      id: a.id,
      taskId: a.task_id!,
      description: a.description,
      status: a.status,
      riskId: a.risk_id,
      riskReference: riskReference(a.risk_number),
    })),
    transfer,
    tasks: shown.map((t) => ({
      ...t,
      baseline: variance.get(t.id) ?? null,
      canEdit: canEditTask(member, t.owningOrganisation.id),
    })),
    dependencies: deps,
    criticalPath: sched.criticalPath,
    forecastGoLive: sched.forecastGoLive,
    slackDays: sched.slackDays,
    milestones: transferMilestonesWithState(transfer, tasks, today),
  };
}

/** Programme-level dates: PSR standstill from the intention-to-award notice. */
export async function programmeDates(ctx: TMemberContext) {
  const p = (await findProgramme(ctx.db, ctx.member.programmeId))!;
  return {
    standstillEnd: p.intentionToAwardDate ? psrStandstillEnd(p.intentionToAwardDate) : null,
    standstillRule:
      'SI 2023/1348 reg. 12: standstill begins the day after the intention-to-award notice and ends at midnight at the end of the eighth working day after it began (weekends and English bank holidays excluded).',
    canEdit: can(ctx.member.role, 'items.editAny'),
  };
}

/** The readiness rules in words, and the programme's settings for them. */
export async function readinessRulesOf(ctx: TMemberContext) {
  const p = (await findProgramme(ctx.db, ctx.member.programmeId))!;
  const settings = readinessSettingsOf(p);
  return {
    settings,
    rules: readinessRules(settings),
    percentComplete:
      'Percent complete counts each task equally: a done task counts 100%, an open one its own percentage, cancelled tasks are left out.',
    margin:
      'Margin: the days between the forecast go-live (the finish of the plan forecast from actual progress) and the contractual transfer date.',
    programmeVersion: p.version,
    canEdit: can(ctx.member.role, 'programme.update'),
  };
}

export function updateReadinessSettings(
  ctx: TMemberContext,
  input: { version: number; settings: TReadinessSettings },
) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = (await findProgramme(trx, ctx.member.programmeId))!;
    expectVersion(before, input.version, 'programme');
    const after = await saveProgrammeSettings(trx, {
      programmeId: before.id,
      version: input.version,
      readinessSettings: input.settings,
    });
    await audit({
      entityType: 'programme',
      entityId: before.id,
      action: 'update',
      audience: { kind: 'public' },
      summary: `Changed the readiness rules: warn ${input.settings.warningDays} days ahead, margin under ${input.settings.marginWarningDays} days needs attention, an escalated risk is ${input.settings.escalatedRisk}`,
      before: readinessSettingsOf(before),
      after: input.settings,
    });
    return after;
  });
}
