import {
  daysBetween,
  isOpenTask,
  planMilestoneState,
  progressMatrix,
  riskReference,
  topRedItems,
  type TIsoDate,
  type TPartyRole,
  type TRedItem,
} from '@baton/domain';
import { listParties, listRisks, listTransfers } from '@baton/db';
import { programmeProcedure, router } from '../../trpc';
import { onlyOrgOf } from '../risk/risk.access';
import { loadPlans, readinessOfPlans } from '../transition/transition.readiness';
import { transferMilestonesWithState } from '../transition/transition.schedule';

/** How a chief executive reads the organisations: who buys, who hands over, who takes over, who helps. */
const ROLE_ORDER: Record<TPartyRole, number> = {
  lead_commissioner: 0,
  co_commissioner: 1,
  outgoing_provider: 2,
  incoming_provider: 3,
  partner: 4,
  bidder: 5,
};

export const progressRouter = router({
  /**
   * Joint progress of every organisation towards go-live, read-only: percent complete by workstream and
   * organisation, milestones, readiness per transfer and the few red items with their owners. Scoped to what
   * the caller's organisation may see.
   */
  joint: programmeProcedure('programme.read').query(async ({ ctx, input }) => {
    const today = ctx.today();
    const only = onlyOrgOf(ctx.member);
    const [transfers, parties, escalated] = await Promise.all([
      listTransfers(ctx.db, input.programmeId, only),
      listParties(ctx.db, input.programmeId),
      listRisks(
        ctx.db,
        {
          programmeId: input.programmeId,
          today,
          onlyOrganisationId: only,
          escalated: true,
          statuses: ['open', 'draft'],
        },
        { sort: 'score', direction: 'desc', limit: 20 },
      ),
    ]);
    const loaded = await loadPlans(ctx.db, input.programmeId, transfers, today);
    const readiness = readinessOfPlans(loaded, today);
    const programme = loaded.programme!;

    // Organisations: the programme's parties in role order, then any other task owner.
    const names = new Map<string, { id: string; name: string; shortName: string; roles: TPartyRole[] }>();
    for (const p of [...parties].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])) {
      if (only && p.organisation.id !== only && !['lead_commissioner', 'co_commissioner'].includes(p.role))
        continue;
      const o = names.get(p.organisation.id) ?? { ...p.organisation, roles: [] };
      if (!o.roles.includes(p.role)) o.roles.push(p.role);
      names.set(p.organisation.id, o);
    }
    const tasks = loaded.plans.flatMap((p) => p.tasks);
    for (const t of tasks) {
      if (!names.has(t.owningOrganisation.id))
        names.set(t.owningOrganisation.id, {
          id: t.owningOrganisation.id,
          name: t.owningOrganisation.shortName,
          shortName: t.owningOrganisation.shortName,
          roles: [],
        });
    }
    const matrix = progressMatrix(
      tasks.map((t) => ({
        workstream: t.workstream,
        owningOrganisationId: t.owningOrganisation.id,
        status: t.status,
        percentComplete: t.percentComplete,
      })),
      [...names.keys()],
    );

    const statutory = new Map(
      loaded.plans.map((p) => [p.transfer.id, transferMilestonesWithState(p.transfer, p.tasks, today)]),
    );
    const statutoryOf = (plan: (typeof loaded.plans)[number]) => statutory.get(plan.transfer.id)!;

    const milestones = loaded.plans.map((plan) => ({
      transferId: plan.transfer.id,
      transferName: plan.transfer.name,
      plannedTransferDate: plan.transfer.plannedTransferDate,
      forecastGoLive: plan.schedule.forecastGoLive,
      items: [
        ...plan.tasks
          .filter((t) => (t.kind === 'milestone' || t.kind === 'gate') && t.status !== 'cancelled')
          .map((t) => {
            const forecastFinish = plan.schedule.tasks.get(t.id)?.forecastFinish ?? t.dueDate;
            return {
              source: 'plan' as const,
              key: t.id,
              label: t.title,
              kind: t.kind,
              date: t.dueDate,
              forecast: forecastFinish,
              state: planMilestoneState({ status: t.status, dueDate: t.dueDate, forecastFinish }, today),
              owner: t.owningOrganisation.shortName,
            };
          }),
        ...statutoryOf(plan)
          .filter((s) => s.key !== 'transfer')
          .map((s) => ({
            source: 'statutory' as const,
            key: s.key,
            label: s.label,
            kind: 'statutory' as const,
            date: s.date,
            forecast: null as TIsoDate | null,
            state: s.state,
            owner: null as string | null,
          })),
      ].sort((a, b) => a.date.localeCompare(b.date)),
    }));

    const red: TRedItem[] = [];
    for (const plan of loaded.plans) {
      for (const t of plan.tasks) {
        if (!isOpenTask(t) || t.dueDate >= today) continue;
        const critical = plan.schedule.tasks.get(t.id)?.critical ?? false;
        const kind = t.conditionPrecedent
          ? 'condition'
          : t.kind === 'gate'
            ? 'gate'
            : critical
              ? 'critical_task'
              : null;
        if (!kind) continue;
        red.push({
          kind,
          title: t.title,
          organisation: t.owningOrganisation.shortName,
          person: t.assignee?.name ?? null,
          transferName: plan.transfer.name,
          dueDate: t.dueDate,
          score: daysBetween(t.dueDate, today),
          link: { taskId: t.id, transferId: plan.transfer.id },
        });
      }
      for (const s of statutoryOf(plan)) {
        if (s.state !== 'missed') continue;
        red.push({
          kind: 'statutory',
          title: s.label,
          organisation: plan.transfer.outgoing.shortName,
          person: null,
          transferName: plan.transfer.name,
          dueDate: s.date,
          score: daysBetween(s.date, today),
          link: { transferId: plan.transfer.id },
        });
      }
    }
    for (const r of escalated.items) {
      red.push({
        kind: 'risk',
        title: `${riskReference(r.number)} ${r.title}`,
        organisation: r.owningOrganisation.shortName,
        person: r.owner?.name ?? null,
        transferName: null,
        dueDate: null,
        score: r.current.score,
        link: { riskId: r.id },
      });
    }

    const rag = { red: 0, amber: 0, green: 0 };
    for (const r of readiness) rag[r.readiness.overall.rag]++;
    const forecasts = readiness.map((r) => r.forecastGoLive).filter((d): d is string => d !== null);
    return {
      today,
      programme: {
        id: programme.id,
        name: programme.name,
        expectedServiceCommencement: programme.expectedServiceCommencement,
        daysToGoLive: daysBetween(today, programme.expectedServiceCommencement),
        latestForecastGoLive: forecasts.length ? forecasts.reduce((a, b) => (a > b ? a : b)) : null,
      },
      scope: only ? ('own' as const) : ('all' as const),
      transfersByRag: rag,
      organisations: matrix.organisationIds.map((id) => names.get(id)!),
      matrix,
      readiness: readiness.map((r) => ({
        transferId: r.transfer.id,
        name: r.transfer.name,
        lotCode: r.transfer.lotCode,
        outgoing: r.transfer.outgoing.shortName,
        incoming: r.transfer.incoming.shortName,
        plannedTransferDate: r.transfer.plannedTransferDate,
        forecastGoLive: r.forecastGoLive,
        daysToTransfer: r.countdownDays,
        percentComplete: r.percentComplete,
        rag: r.readiness.overall.rag,
        reasons: r.readiness.overall.reasons,
        openConditions: r.openConditions.length,
      })),
      milestones,
      redItems: topRedItems(red, today),
    };
  }),
});
