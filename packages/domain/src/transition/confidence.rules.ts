import { z } from 'zod';
import { ZCalendarDate, zLines } from '../shared/zod';

/*
 * Delivery confidence, as people judge it: beside the computed readiness RAG, the commissioner records a
 * delivery confidence assessment per transfer (and each provider its self-assessment) on the Infrastructure and
 * Projects Authority's scale. The five-point scale is the one most NHS programme boards know; a programme may
 * choose the IPA's three-point scale instead.
 */

export const CONFIDENCE_SCALES = ['five', 'three'] as const;
export type TConfidenceScale = (typeof CONFIDENCE_SCALES)[number];

export const CONFIDENCE_RATINGS = ['green', 'amber_green', 'amber', 'amber_red', 'red'] as const;
export const ZConfidenceRating = z.enum(CONFIDENCE_RATINGS, { error: 'Choose a rating' });
export type TConfidenceRating = z.infer<typeof ZConfidenceRating>;

export const CONFIDENCE_LABELS: Record<TConfidenceRating, string> = {
  green: 'Green',
  amber_green: 'Amber/Green',
  amber: 'Amber',
  amber_red: 'Amber/Red',
  red: 'Red',
};

/** The IPA's published meanings (five-point scale). */
export const CONFIDENCE_MEANINGS: Record<TConfidenceRating, string> = {
  green:
    'Successful delivery on time, budget and quality appears highly likely and there are no major outstanding issues that at this stage appear to threaten delivery significantly.',
  amber_green:
    'Successful delivery appears probable. However, constant attention will be needed to ensure risks do not materialise into major issues threatening delivery.',
  amber:
    'Successful delivery appears feasible but significant issues already exist, requiring management attention. These appear resolvable at this stage and, if addressed promptly, should not present a cost or schedule overrun.',
  amber_red:
    'Successful delivery is in doubt, with major risks or issues apparent in a number of key areas. Urgent action is needed to address these problems and/or assess whether resolution is feasible.',
  red: 'Successful delivery appears to be unachievable. There are major issues with definition, schedule, budget, quality and/or benefits delivery, which at this stage do not appear to be manageable or resolvable. It may need re-scoping and/or its overall viability reassessed.',
};

export const ratingsOf = (scale: TConfidenceScale): readonly TConfidenceRating[] =>
  scale === 'three' ? ['green', 'amber', 'red'] : CONFIDENCE_RATINGS;

/** Higher is more confident: for saying whether a judgement improved or worsened. */
const RANK: Record<TConfidenceRating, number> = { red: 0, amber_red: 1, amber: 2, amber_green: 3, green: 4 };

export type TConfidenceMove = 'new' | 'up' | 'down' | 'same';
export function confidenceMove(
  previous: TConfidenceRating | null | undefined,
  current: TConfidenceRating,
): TConfidenceMove {
  if (!previous) return 'new';
  return RANK[current] > RANK[previous] ? 'up' : RANK[current] < RANK[previous] ? 'down' : 'same';
}

export const ZConfidenceInput = z.object({
  programmeId: z.uuid(),
  transferId: z.uuid(),
  rating: ZConfidenceRating,
  rationale: zLines({ min: 10, max: 4000, tooShort: 'Say in a sentence or two why' }),
  assessedOn: ZCalendarDate.optional(),
});
export type TConfidenceInput = z.infer<typeof ZConfidenceInput>;
