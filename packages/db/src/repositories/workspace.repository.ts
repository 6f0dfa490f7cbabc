import type { TVisibility } from '@baton/domain';
import type { Executor } from '../client';
import { visibleWhere } from '../visibility';

/*
 * What a transition lead (or their organisation) owes an update on, besides plan tasks: mitigation actions
 * overdue or due soon, and risk reviews due soon or late. "Whose" is either one person or one organisation.
 */

/** Whose items: one person's, one organisation's, or everyone's the reader may see (`all`). */
export type TOwnerScope = { ownerUserId: string } | { organisationId: string } | { all: true };

export async function actionsDueBy(
  db: Executor,
  p: { programmeId: string; dueOnOrBefore: string; owner: TOwnerScope; visibility: TVisibility },
) {
  let q = db
    .selectFrom('mitigation_actions as a')
    .innerJoin('risks as r', 'r.id', 'a.risk_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('users as u', 'u.id', 'a.owner_user_id')
    .select([
      'a.id',
      'a.description',
      'a.due_date',
      'a.status',
      'a.risk_id',
      'r.number as risk_number',
      'r.title as risk_title',
      'o.short_name as org_short',
      'u.name as owner_name',
    ])
    .where('a.programme_id', '=', p.programmeId)
    .where('a.status', 'in', ['not_started', 'in_progress'])
    .where('a.due_date', '<=', p.dueOnOrBefore)
    .where(visibleWhere(p.visibility, 'r.owning_organisation_id'))
    .orderBy('a.due_date')
    .orderBy('a.id')
    .limit(200);
  if ('ownerUserId' in p.owner) q = q.where('a.owner_user_id', '=', p.owner.ownerUserId);
  else if ('organisationId' in p.owner) q = q.where('a.organisation_id', '=', p.owner.organisationId);
  return (await q.execute()).map((a) => ({
    id: a.id,
    description: a.description,
    dueDate: a.due_date,
    status: a.status,
    organisation: a.org_short,
    owner: a.owner_name,
    risk: { id: a.risk_id, number: a.risk_number, title: a.risk_title },
  }));
}

export async function reviewsDueBy(
  db: Executor,
  p: { programmeId: string; dueOnOrBefore: string; owner: TOwnerScope; visibility: TVisibility },
) {
  let q = db
    .selectFrom('risks as r')
    .innerJoin('organisations as o', 'o.id', 'r.owning_organisation_id')
    .leftJoin('users as u', 'u.id', 'r.owner_user_id')
    .select([
      'r.id',
      'r.number',
      'r.title',
      'r.current_score',
      'r.next_review_on',
      'o.short_name as org_short',
      'u.name as owner_name',
    ])
    .where('r.programme_id', '=', p.programmeId)
    .where('r.status', 'in', ['open', 'draft'])
    .where('r.next_review_on', '<=', p.dueOnOrBefore)
    .where(visibleWhere(p.visibility, 'r.owning_organisation_id'))
    .orderBy('r.next_review_on')
    .orderBy('r.number')
    .limit(200);
  if ('ownerUserId' in p.owner) q = q.where('r.owner_user_id', '=', p.owner.ownerUserId);
  else if ('organisationId' in p.owner) q = q.where('r.owning_organisation_id', '=', p.owner.organisationId);
  return (await q.execute()).map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    score: r.current_score,
    nextReviewOn: r.next_review_on,
    organisation: r.org_short,
    owner: r.owner_name,
  }));
}
