import {
  addDays,
  blockedTasks,
  canEditOrganisationItem,
  daysBetween,
  isOpenTask,
  riskReference,
  todayInUk,
  type TIsoDate,
} from '@baton/domain';
import { actionsDueBy, listTransfers, reviewsDueBy, type TOwnerScope, type TTaskRow } from '@baton/db';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { onlyOrgOf } from '../risk/risk.access';
import { loadPlans, type TLoadedPlans } from '../transition/transition.readiness';
import { transferMilestonesWithState } from '../transition/transition.schedule';

/** Statutory dates this far ahead are shown in the workspace. */
const STATUTORY_HORIZON_DAYS = 90;
/** An in-progress task untouched this long is waiting for its owner's update. */
const STALE_AFTER_DAYS = 14;
/** Actions and reviews due within this many days are waiting for an update. */
const DUE_SOON_DAYS = 7;

type TPlan = TLoadedPlans['plans'][number];

export const ZWorkspaceInput = z.object({
  scope: z.enum(['mine', 'organisation']).default('mine'),
  horizonDays: z.number().int().min(1).max(90).default(14),
});

export const workspaceRouter = router({
  /**
   * The transition lead's day: my (or my organisation's) tasks due soon, overdue, blocked by unfinished
   * predecessors and on the critical path; upcoming statutory dates; and everything awaiting my update.
   * One pass over the visible plans plus two small queries, whatever the plan size.
   */
  lead: programmeProcedure('programme.read')
    .input(ZWorkspaceInput)
    .query(async ({ ctx, input }) => {
      const today = ctx.today();
      const horizon = addDays(today, input.horizonDays);
      const m = ctx.member;
      const transfers = await listTransfers(ctx.db, input.programmeId, onlyOrgOf(m));
      const owner: TOwnerScope =
        input.scope === 'mine' ? { ownerUserId: ctx.user.id } : { organisationId: m.organisationId };
      const [loaded, actions, reviews] = await Promise.all([
        loadPlans(ctx.db, input.programmeId, transfers, today),
        actionsDueBy(ctx.db, {
          programmeId: input.programmeId,
          dueOnOrBefore: addDays(today, DUE_SOON_DAYS),
          owner,
        }),
        reviewsDueBy(ctx.db, {
          programmeId: input.programmeId,
          dueOnOrBefore: addDays(today, DUE_SOON_DAYS),
          owner,
        }),
      ]);

      const inScope = (t: TTaskRow) =>
        input.scope === 'mine'
          ? t.assignee?.id === ctx.user.id
          : t.owningOrganisation.id === m.organisationId;
      const present = (t: TTaskRow, plan: TPlan) => {
        const s = plan.schedule.tasks.get(t.id);
        return {
          id: t.id,
          version: t.version,
          title: t.title,
          transferId: plan.transfer.id,
          transferName: plan.transfer.name,
          workstream: t.workstream,
          kind: t.kind,
          owner: t.owningOrganisation.shortName,
          assignee: t.assignee?.name ?? null,
          startDate: t.startDate,
          dueDate: t.dueDate,
          forecastFinish: s?.forecastFinish ?? t.dueDate,
          slackDays: s?.slackDays ?? null,
          critical: s?.critical ?? false,
          status: t.status,
          percentComplete: t.percentComplete,
          conditionPrecedent: t.conditionPrecedent,
          daysOverdue: Math.max(0, daysBetween(t.dueDate, today)),
          canEdit: canEditOrganisationItem(m.role, m.organisationId, t.owningOrganisation.id),
        };
      };
      type TShown = ReturnType<typeof present>;

      const mine: TShown[] = [];
      const blocked: Array<TShown & { blockedBy: TShown[] }> = [];
      const statutory: Array<{
        transferId: string;
        transferName: string;
        key: string;
        label: string;
        date: TIsoDate;
        rule: string;
        state: string;
        daysAway: number;
      }> = [];
      for (const plan of loaded.plans) {
        for (const t of plan.tasks) if (isOpenTask(t) && inScope(t)) mine.push(present(t, plan));
        const deps = loaded.dependencies.filter((d) => plan.schedule.tasks.has(d.successorId));
        for (const b of blockedTasks(plan.tasks, deps, today, input.horizonDays)) {
          if (inScope(b.task))
            blocked.push({ ...present(b.task, plan), blockedBy: b.blockedBy.map((p) => present(p, plan)) });
        }
        for (const s of transferMilestonesWithState(plan.transfer, plan.tasks, today)) {
          if (s.state === 'done') continue;
          if (s.state !== 'missed' && s.date > addDays(today, STATUTORY_HORIZON_DAYS)) continue;
          statutory.push({
            transferId: plan.transfer.id,
            transferName: plan.transfer.name,
            key: s.key,
            label: s.label,
            date: s.date,
            rule: s.rule,
            state: s.state,
            daysAway: daysBetween(today, s.date),
          });
        }
      }
      const byDue = (a: TShown, b: TShown) =>
        a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title);
      const dueSoon = mine.filter((t) => t.dueDate >= today && t.dueDate <= horizon).sort(byDue);
      const overdue = mine.filter((t) => t.dueDate < today).sort(byDue);
      const critical = mine.filter((t) => t.critical).sort(byDue);
      blocked.sort(byDue);
      statutory.sort((a, b) => a.date.localeCompare(b.date));

      const awaiting: Array<{
        kind: 'task' | 'action' | 'review';
        id: string;
        title: string;
        reason: string;
        dueDate: TIsoDate | null;
        riskId: string | null;
        context: string;
      }> = [];
      for (const plan of loaded.plans) {
        for (const t of plan.tasks) {
          if (!isOpenTask(t) || !inScope(t)) continue;
          const idle = daysBetween(todayInUk(t.updatedAt), today);
          const reason =
            t.status === 'blocked'
              ? 'Marked as blocked: record what would unblock it'
              : t.status === 'not_started' && t.startDate < today
                ? `Was due to start ${daysBetween(t.startDate, today)} days ago and is not started`
                : t.status === 'in_progress' && idle >= STALE_AFTER_DAYS
                  ? `In progress with no update for ${idle} days`
                  : null;
          if (reason)
            awaiting.push({
              kind: 'task',
              id: t.id,
              title: t.title,
              reason,
              dueDate: t.dueDate,
              riskId: null,
              context: plan.transfer.name,
            });
        }
      }
      for (const a of actions) {
        const late = daysBetween(a.dueDate, today);
        awaiting.push({
          kind: 'action',
          id: a.id,
          title: a.description,
          reason:
            late > 0 ? `Mitigation action ${late} days overdue` : `Mitigation action due in ${-late} days`,
          dueDate: a.dueDate,
          riskId: a.risk.id,
          context: `${riskReference(a.risk.number)} ${a.risk.title}`,
        });
      }
      for (const r of reviews) {
        const late = daysBetween(r.nextReviewOn, today);
        awaiting.push({
          kind: 'review',
          id: r.id,
          title: `${riskReference(r.number)} ${r.title}`,
          reason:
            late > 0
              ? `Risk review ${late} days late`
              : late === 0
                ? 'Risk review due today'
                : `Risk review due in ${-late} days`,
          dueDate: r.nextReviewOn,
          riskId: r.id,
          context: `Score ${r.score}`,
        });
      }
      awaiting.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));

      return {
        today,
        horizon,
        scope: input.scope,
        counts: {
          dueSoon: dueSoon.length,
          overdue: overdue.length,
          blocked: blocked.length,
          critical: critical.length,
          statutory: statutory.length,
          awaiting: awaiting.length,
        },
        dueSoon,
        overdue,
        blocked,
        critical,
        statutory,
        awaiting,
      };
    }),
});
