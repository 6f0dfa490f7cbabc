import {
  CONFIDENCE_LABELS,
  confidenceMove,
  ForbiddenError,
  isPublicPartyRole,
  ratingsOf,
  RuleViolationError,
  type TConfidenceInput,
  type TConfidenceMove,
  type TConfidenceRating,
  type TIsoDate,
} from '@baton/domain';
import {
  findProgramme,
  insertConfidence,
  listConfidence,
  listParties,
  type Executor,
  type TConfidenceRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { transferAuditAudience, visibleTransfer } from './transition.access';

/*
 * Delivery confidence assessments. The commissioner's (by a programme admin, transition lead or steering group
 * member of a commissioning organisation) and each provider's self-assessment (by a member of the transfer's
 * outgoing or incoming provider who may change its items). A new judgement is a new row: how it moved is shown.
 */

export interface TConfidenceShown {
  kind: 'commissioner' | 'provider';
  organisation: string;
  rating: TConfidenceRating;
  label: string;
  previous: TConfidenceRating | null;
  move: TConfidenceMove;
  rationale: string;
  assessedOn: TIsoDate;
  assessedBy: string | null;
}

/** Who the caller assesses as, for this transfer, or why they may not. */
async function assessorOf(
  db: Executor,
  m: TMember,
  transfer: { outgoing: { id: string }; incoming: { id: string } },
) {
  const parties = await listParties(db, m.programmeId);
  const commissioner = parties.some(
    (p) => p.organisation.id === m.organisationId && isPublicPartyRole(p.role),
  );
  if (commissioner && ['programme_admin', 'transition_lead', 'steering_group_member'].includes(m.role))
    return 'commissioner' as const;
  if (
    (m.organisationId === transfer.outgoing.id || m.organisationId === transfer.incoming.id) &&
    m.role !== 'executive_viewer'
  )
    return 'provider' as const;
  throw new ForbiddenError(
    'Delivery confidence is assessed by the commissioner’s programme team and, for their own side, by the outgoing and incoming providers.',
  );
}

export function assessConfidence(ctx: TMemberContext, input: TConfidenceInput) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const transfer = await visibleTransfer(trx, member, input.transferId);
    const kind = await assessorOf(trx, member, transfer);
    const programme = (await findProgramme(trx, member.programmeId))!;
    if (!ratingsOf(programme.confidenceScale).includes(input.rating))
      throw new RuleViolationError('This programme uses the three-point scale: Green, Amber or Red.', {
        rating: ['Choose Green, Amber or Red'],
      });
    const assessedOn = input.assessedOn ?? ctx.today();
    if (assessedOn > ctx.today())
      throw new RuleViolationError('An assessment cannot be dated in the future.', {
        assessedOn: ['Use today or an earlier date'],
      });
    const id = await insertConfidence(trx, {
      programmeId: member.programmeId,
      transferId: transfer.id,
      organisationId: member.organisationId,
      kind,
      scale: programme.confidenceScale,
      rating: input.rating,
      rationale: input.rationale,
      assessedOn,
      createdBy: ctx.user.id,
    });
    await audit({
      entityType: 'transfer',
      entityId: transfer.id,
      action: 'update',
      organisationId: member.organisationId,
      audience: transferAuditAudience(transfer),
      summary: `${kind === 'commissioner' ? 'Delivery confidence' : 'Provider self-assessment'} for ${transfer.name}: ${CONFIDENCE_LABELS[input.rating]}`,
      after: { id, ...input, kind, assessedOn },
    });
    return { id, kind };
  });
}

/** The latest judgement of each assessor per transfer (as at a date), with the one before it. */
export function latestConfidence(rows: readonly TConfidenceRow[]): Map<string, TConfidenceShown[]> {
  const out = new Map<string, TConfidenceShown[]>();
  const seen = new Map<string, TConfidenceRow[]>();
  for (const r of rows) {
    const key = `${r.transferId} ${r.kind} ${r.organisation.id}`;
    const list = seen.get(key) ?? [];
    if (list.length < 2) list.push(r);
    seen.set(key, list);
  }
  for (const [, [latest, previous]] of seen) {
    const shown: TConfidenceShown = {
      kind: latest!.kind,
      organisation: latest!.organisation.shortName,
      rating: latest!.rating,
      label: CONFIDENCE_LABELS[latest!.rating],
      previous: previous?.rating ?? null,
      move: confidenceMove(previous?.rating, latest!.rating),
      rationale: latest!.rationale,
      assessedOn: latest!.assessedOn,
      assessedBy: latest!.assessedBy,
    };
    const list = out.get(latest!.transferId) ?? [];
    list.push(shown);
    out.set(latest!.transferId, list);
  }
  for (const list of out.values())
    list.sort((a, b) =>
      a.kind === b.kind ? a.organisation.localeCompare(b.organisation) : a.kind === 'commissioner' ? -1 : 1,
    );
  return out;
}

export async function confidenceFor(db: Executor, transferIds: readonly string[], asOf?: TIsoDate) {
  return latestConfidence(await listConfidence(db, transferIds, asOf));
}

/** Every assessment of one transfer, newest first. */
export async function confidenceHistory(ctx: TMemberContext, transferId: string) {
  const transfer = await visibleTransfer(ctx.db, ctx.member, transferId);
  const programme = (await findProgramme(ctx.db, ctx.member.programmeId))!;
  return {
    scale: programme.confidenceScale,
    ratings: ratingsOf(programme.confidenceScale),
    history: await listConfidence(ctx.db, [transfer.id]),
  };
}
