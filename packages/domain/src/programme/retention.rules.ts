import { z } from 'zod';
import { addMonths, formatUkDate, type TIsoDate } from '../shared/dates';
import { ZCalendarDate, ZVersion, zLine, zLines } from '../shared/zod';

/*
 * Retention. A programme's register, plans and frozen packs are evidence long after go-live (an auditor, a
 * scrutiny committee or a court may ask what the steering group knew and when). When the work is done an admin
 * closes the programme: it becomes read-only and says until when its records are kept. After that date it may
 * be deleted, in two steps by two different people: one asks, another confirms, each recorded.
 */

/** A common retention for contract and procurement records; set the date your records policy requires. */
export const DEFAULT_RETENTION_YEARS = 6;

export const defaultRetainUntil = (closedOn: TIsoDate): TIsoDate =>
  addMonths(closedOn, DEFAULT_RETENTION_YEARS * 12);

export const ZCloseProgrammeInput = z.object({
  programmeId: z.uuid(),
  version: ZVersion,
  retainUntil: ZCalendarDate,
  reason: zLines({ max: 2000 }).default(''),
});
export type TCloseProgrammeInput = z.infer<typeof ZCloseProgrammeInput>;

/** Deleting asks for the programme's code to be typed, so nobody deletes the wrong programme by a slip. */
export const ZDeletionStepInput = z.object({
  programmeId: z.uuid(),
  version: ZVersion,
  confirmCode: zLine({ min: 1, max: 40, tooShort: 'Type the programme’s code to confirm' }),
});
export type TDeletionStepInput = z.infer<typeof ZDeletionStepInput>;

export interface TRetentionState {
  status: 'open' | 'closed';
  retainUntil: TIsoDate | null;
  deletionRequestedAt: Date | null;
  deletionRequestedBy: string | null;
}

/** Why a programme may not be closed on `retainUntil` as asked, or null. */
export function closeProblem(p: TRetentionState, retainUntil: TIsoDate, today: TIsoDate): string | null {
  if (p.status === 'closed') return 'This programme is already closed.';
  if (retainUntil < today) return 'Keep the records until today or a later date.';
  return null;
}

/** Why deletion may not be asked for now, or null. */
export function deletionRequestProblem(p: TRetentionState, today: TIsoDate): string | null {
  if (p.status !== 'closed') return 'Close the programme first: only a closed programme can be deleted.';
  if (p.deletionRequestedAt) return 'Deletion has already been asked for.';
  if (!p.retainUntil || today <= p.retainUntil)
    return `Its records must be kept until ${p.retainUntil ? formatUkDate(p.retainUntil) : 'the retention date'}: it can be deleted after that date.`;
  return null;
}

/** Why the deletion may not be confirmed by this person now, or null. */
export function deletionConfirmProblem(
  p: TRetentionState,
  confirmerId: string,
  today: TIsoDate,
): string | null {
  if (p.status !== 'closed' || !p.deletionRequestedAt)
    return 'Nobody has asked for this programme to be deleted.';
  if (!p.retainUntil || today <= p.retainUntil)
    return `Its records must be kept until ${p.retainUntil ? formatUkDate(p.retainUntil) : 'the retention date'}.`;
  if (p.deletionRequestedBy === confirmerId)
    return 'Deletion needs two people: someone other than the person who asked must confirm it.';
  return null;
}
