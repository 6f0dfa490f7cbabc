import { addDays, AWAITING_DUE_SOON_DAYS, can, ForbiddenError, leadWorkspace } from '@baton/domain';
import {
  actionsDueBy,
  listDdRequests,
  listRaidItems,
  pendingPanelRatings,
  reviewsDueBy,
  type TOwnerScope,
} from '@baton/db';
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
  const [loaded, actions, reviews, raid, requests, ratings] = await Promise.all([
    loadVisiblePlans(db, member, today),
    actionsDueBy(db, { programmeId: member.programmeId, dueOnOrBefore: dueBy, owner, visibility }),
    reviewsDueBy(db, { programmeId: member.programmeId, dueOnOrBefore: dueBy, owner, visibility }),
    listRaidItems(db, member.programmeId, visibility, {
      statuses: ['open', 'in_progress'],
      ...('ownerUserId' in owner ? { ownerUserId: owner.ownerUserId } : {}),
    }),
    // Requests this scope must answer: asked of the person, of the organisation, or (programme) all of them.
    listDdRequests(db, member.programmeId, member.visibility, {
      statuses: ['open', 'returned'],
      dueBefore: addDays(dueBy, 1),
      ...('ownerUserId' in owner
        ? { responderUserId: owner.ownerUserId }
        : 'organisationId' in owner
          ? { respondingOrganisationId: owner.organisationId }
          : {}),
    }),
    // The caller's own panel ratings still to give, whatever the scope: nobody else can give them.
    pendingPanelRatings(db, member.programmeId, ctx.user.id),
  ]);
  // Meeting actions, issues and assumptions with a due date, owned in scope and due soon or late.
  const raidDue = raid.flatMap((r) =>
    r.dueOn &&
    r.dueOn <= dueBy &&
    ('organisationId' in owner ? r.owningOrganisation.id === owner.organisationId : true)
      ? [{ id: r.id, kind: r.kind, number: r.number, title: r.title, dueOn: r.dueOn }]
      : [],
  );
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
    raid: raidDue,
    requests: requests.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      dueOn: r.dueOn,
      askedBy: r.requestingOrganisation.name,
    })),
    ratings,
  });
}
