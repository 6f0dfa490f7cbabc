import type { TConfidenceRating, TConfidenceScale } from '@baton/domain';
import type { Executor } from '../client';

/* Delivery confidence assessments: one row per judgement, never edited (a new judgement is a new row). */

export interface TConfidenceRow {
  id: string;
  transferId: string;
  organisation: { id: string; shortName: string };
  kind: 'commissioner' | 'provider';
  scale: TConfidenceScale;
  rating: TConfidenceRating;
  rationale: string;
  assessedOn: string;
  assessedBy: string | null;
  createdAt: Date;
}

export async function insertConfidence(
  db: Executor,
  c: {
    programmeId: string;
    transferId: string;
    organisationId: string;
    kind: 'commissioner' | 'provider';
    scale: TConfidenceScale;
    rating: TConfidenceRating;
    rationale: string;
    assessedOn: string;
    createdBy: string;
  },
): Promise<string> {
  const r = await db
    .insertInto('confidence_assessments')
    .values({
      programme_id: c.programmeId,
      transfer_id: c.transferId,
      organisation_id: c.organisationId,
      kind: c.kind,
      scale: c.scale,
      rating: c.rating,
      rationale: c.rationale,
      assessed_on: c.assessedOn,
      created_by: c.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Every assessment of these transfers on or before a date, newest first. */
export async function listConfidence(
  db: Executor,
  transferIds: readonly string[],
  asOf?: string,
): Promise<TConfidenceRow[]> {
  if (!transferIds.length) return [];
  let q = db
    .selectFrom('confidence_assessments as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select([
      'c.id',
      'c.transfer_id',
      'c.organisation_id',
      'o.short_name',
      'c.kind',
      'c.scale',
      'c.rating',
      'c.rationale',
      'c.assessed_on',
      'c.created_at',
      'u.name as assessed_by',
    ])
    .where('c.transfer_id', 'in', [...transferIds])
    .orderBy('c.assessed_on', 'desc')
    .orderBy('c.created_at', 'desc');
  if (asOf) q = q.where('c.assessed_on', '<=', asOf);
  return (await q.execute()).map((r) => ({
    id: r.id,
    transferId: r.transfer_id,
    organisation: { id: r.organisation_id, shortName: r.short_name },
    kind: r.kind as 'commissioner' | 'provider',
    scale: r.scale as TConfidenceScale,
    rating: r.rating as TConfidenceRating,
    rationale: r.rationale,
    assessedOn: r.assessed_on,
    assessedBy: r.assessed_by,
    createdAt: r.created_at,
  }));
}
