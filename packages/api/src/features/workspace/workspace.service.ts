import { addDays, AWAITING_DUE_SOON_DAYS, can, ForbiddenError, leadWorkspace } from '@baton/domain';
import { actionsDueBy, reviewsDueBy, type TOwnerScope } from '@baton/db';
import type { TMemberContext } from '../../context';
import { riskVisibility } from '../risk/risk.access';
import { canEditTask } from '../transition/transition.access';
import { loadVisiblePlans } from '../transition/plan.service';

/**
 * The transition lead's day over the plans the lead may see (one pass over them plus two small queries,
 * whatever the plan size); what goes where is the domain's `leadWorkspace` rule.
 */
export async function leadWorkspaceFor(
  ctx: TMemberContext,
  input: { scope: 'mine' | 'organisation' | 'programme'; horizonDays: number },
) {
  const { db, member } = ctx;
  const today = ctx.today();
  // The whole programme's late, blocked and critical work, across every organisation: for those who run the
  // handover (programme admins and transition leads), who see every organisation's rows.
  if (input.scope === 'programme' && !(can(member.role, 'items.editAny') && member.visibility.kind === 'all'))
    throw new ForbiddenError(
      'Only the programme admin and transition leads see the whole programme’s workspace.',
    );
  const owner: TOwnerScope =
    input.scope === 'programme'
      ? { all: true }
      : input.scope === 'mine'
        ? { ownerUserId: ctx.user.id }
        : { organisationId: member.organisationId };
  const dueBy = addDays(today, AWAITING_DUE_SOON_DAYS);
  const visibility = riskVisibility(member);
  const [loaded, actions, reviews] = await Promise.all([
    loadVisiblePlans(db, member, today),
    actionsDueBy(db, { programmeId: member.programmeId, dueOnOrBefore: dueBy, owner, visibility }),
    reviewsDueBy(db, { programmeId: member.programmeId, dueOnOrBefore: dueBy, owner, visibility }),
  ]);
  return leadWorkspace({
    today,
    horizonDays: input.horizonDays,
    scope: input.scope,
    userId: ctx.user.id,
    organisationId: member.organisationId,
    canEdit: (orgId) => canEditTask(member, orgId),
    plans: loaded.plans,
    dependencies: loaded.dependencies,
    actions,
    reviews,
  });
}
