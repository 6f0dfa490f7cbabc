import {
  categoryOf,
  derivedRiskColumns,
  RuleViolationError,
  type TAssessment,
  type TRiskFields,
  type TRiskMatrix,
} from '@baton/domain';
import { programmeReferences, type Executor, type TRiskRow, type TRiskWrite } from '@baton/db';
import type { TMember } from '../../access/membership';
import { riskNaming } from './risk.access';

export type TRiskFieldsResolved = Omit<TRiskFields, 'raisedOn'> & {
  raisedOn: string;
  lastReviewedOn: string;
};

/** A stored risk's fields in input form, so a partial edit can be laid over them. */
export function fieldsOf(r: TRiskRow): TRiskFieldsResolved {
  const a = (x: { consequence: TAssessment['consequence']; likelihood: TAssessment['likelihood'] }) => ({
    consequence: x.consequence,
    likelihood: x.likelihood,
  });
  return {
    title: r.title,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    categoryKey: r.categoryKey,
    workstream: r.workstream,
    lotIds: r.lotIds,
    ownerUserId: r.owner?.id ?? null,
    owningOrganisationId: r.owningOrganisation.id,
    affectedOrganisationIds: r.affectedOrganisationIds,
    controls: r.controls,
    gaps: r.gaps,
    status: r.status,
    initial: a(r.initial),
    current: a(r.current),
    target: a(r.target),
    targetDate: r.targetDate,
    proximity: r.proximity,
    escalationTier: r.escalationTier,
    raisedOn: r.raisedOn,
    lastReviewedOn: r.lastReviewedOn,
  };
}

/**
 * Checks what only the database can answer (the category exists in this programme's matrix; the lots belong
 * to the programme; the organisations and owner may be named by the caller on this risk) and computes the
 * derived columns.
 */
export async function resolveRiskWrite(
  db: Executor,
  member: TMember,
  f: TRiskFieldsResolved,
  matrix: TRiskMatrix,
): Promise<TRiskWrite> {
  const errors: Record<string, string[]> = {};
  if (!categoryOf(f.categoryKey, matrix))
    errors.categoryKey = ['Choose one of the programme’s risk categories'];
  const refs = await programmeReferences(db, member.programmeId, {
    organisationIds: [],
    lotIds: f.lotIds,
    userIds: [],
  });
  if (f.lotIds.some((id) => !refs.lotIds.has(id))) errors.lotIds = ['Choose lots of this programme'];
  if (f.targetDate && f.targetDate < f.raisedOn)
    errors.targetDate = ['The target date cannot be before the risk was raised'];
  try {
    await riskNaming(db, member, f).check();
  } catch (e) {
    if (!(e instanceof RuleViolationError)) throw e;
    Object.assign(errors, e.fieldErrors);
  }
  if (Object.keys(errors).length) {
    throw new RuleViolationError('Some of the values need correcting.', errors);
  }
  return {
    ...f,
    workstream: f.workstream ?? null,
    targetDate: f.targetDate ?? null,
    proximity: f.proximity ?? null,
    derived: derivedRiskColumns(f, matrix),
  };
}
