import { z } from 'zod';
import { ZCalendarDate, ZVersion, zLine, zLines } from '../shared/zod';
import { GATEWAY_RATINGS, GATEWAY_RECOMMENDATIONS, GATEWAY_STATUSES } from './gateway.rules';

/*
 * Assurance gateways: the input shapes the API accepts. A gateway assesses one organisation (the bidder,
 * alliance or preferred provider) against domains of criteria, optionally at an ISAP checkpoint (1 to 3).
 */

export const ZGatewayRating = z.enum(GATEWAY_RATINGS, {
  error: 'Choose assured, partially assured or not assured',
});
export const ZGatewayStatus = z.enum(GATEWAY_STATUSES, { error: 'Choose a status from the list' });
export const ZGatewayRecommendation = z.enum(GATEWAY_RECOMMENDATIONS, {
  error: 'Choose progress, progress with conditions or do not progress',
});

const zName = (what: string) =>
  zLine({
    min: 2,
    max: 200,
    tooShort: `Give the ${what} a name of at least 2 characters`,
    tooLong: `Keep the ${what} name under 200 characters`,
  });
const zComment = zLines({ max: 5_000, tooLong: 'Keep this under 5,000 characters' });

export const ZGatewayFields = z.object({
  name: zName('gateway'),
  assessedOrganisationId: z.uuid({ error: 'Choose the organisation being assured' }),
  isapCheckpoint: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .nullable()
    .default(null),
  lotId: z.uuid({ error: 'Choose a lot from the list' }).nullable().default(null),
  scoringOpensOn: ZCalendarDate.nullable().default(null),
  panelDueOn: ZCalendarDate.nullable().default(null),
  panelUserIds: z
    .array(z.uuid({ error: 'Choose panel members from the members list' }))
    .max(20)
    .default([]),
});
export type TGatewayFields = z.infer<typeof ZGatewayFields>;

export const ZCreateGatewayInput = ZGatewayFields.extend({
  programmeId: z.uuid(),
  /** Start from the Suffolk template (editable until scoring starts). */
  useTemplate: z.boolean().default(true),
});
export type TCreateGatewayInput = z.infer<typeof ZCreateGatewayInput>;

const ZGatewayRef = z.object({ programmeId: z.uuid(), gatewayId: z.uuid() });

export const ZGatewayGetInput = ZGatewayRef;
export const ZGatewayListInput = z.object({ programmeId: z.uuid() });

export const ZAdvanceGatewayInput = ZGatewayRef.extend({ version: ZVersion, to: ZGatewayStatus });

/** Details and panel: the assessed organisation only in draft; the panel until moderation opens. */
export const ZUpdateGatewayInput = ZGatewayRef.extend({ version: ZVersion }).extend(ZGatewayFields.shape);
export type TUpdateGatewayInput = z.infer<typeof ZUpdateGatewayInput>;

const ZCriterionText = zLine({
  min: 3,
  max: 500,
  tooShort: 'Describe each criterion in at least 3 characters',
  tooLong: 'Keep each criterion under 500 characters',
});
/** The whole list of domains and criteria at once (draft only): what the editor shows is what is stored. */
export const ZSetCriteriaInput = ZGatewayRef.extend({
  version: ZVersion,
  domains: z
    .array(
      z.object({
        name: zName('domain'),
        criteria: z.array(ZCriterionText).min(1, 'Give each domain at least one criterion').max(20),
      }),
    )
    .min(1, 'A gateway needs at least one domain')
    .max(20, 'Keep a gateway to 20 domains'),
});
export type TSetCriteriaInput = z.infer<typeof ZSetCriteriaInput>;

/** A panel member rates as themselves: no user id in the input. */
export const ZRateCriterionInput = ZGatewayRef.extend({
  criterionId: z.uuid(),
  rating: ZGatewayRating,
  comment: zComment.default(''),
  version: ZVersion.optional(),
});

export const ZModerateInput = ZGatewayRef.extend({
  target: z.enum(['criterion', 'domain']),
  targetId: z.uuid(),
  agreedRating: ZGatewayRating,
  reasons: zLines({
    min: 3,
    max: 5_000,
    tooShort: 'Record the reasons for the agreed rating',
    tooLong: 'Keep this under 5,000 characters',
  }),
  version: ZVersion,
});

export const ZEvidenceFields = z.object({
  description: zLine({
    min: 3,
    max: 300,
    tooShort: 'Say what the evidence is',
    tooLong: 'Keep this under 300 characters',
  }),
  providedBy: zLine({ max: 200, tooLong: 'Keep this under 200 characters' }).default(''),
  receivedOn: ZCalendarDate.nullable().default(null),
  domainId: z.uuid().nullable().default(null),
  criterionId: z.uuid().nullable().default(null),
  reference: zLine({ max: 1_000, tooLong: 'Keep the reference under 1,000 characters' }).default(''),
  notes: zComment.default(''),
});
export const ZAddEvidenceInput = ZEvidenceFields.extend(ZGatewayRef.shape);
export type TAddEvidenceInput = z.infer<typeof ZAddEvidenceInput>;
export const ZRemoveEvidenceInput = ZGatewayRef.extend({ evidenceId: z.uuid(), version: ZVersion });

export const ZGatewayCondition = z.object({
  text: zLine({
    min: 3,
    max: 300,
    tooShort: 'Describe the condition',
    tooLong: 'Keep it under 300 characters',
  }),
  ownerUserId: z.uuid({ error: 'Choose the owner from the members list' }).nullable().default(null),
  dueOn: ZCalendarDate.nullable().default(null),
});

export const ZRecordRecommendationInput = ZGatewayRef.extend({
  version: ZVersion,
  recommendation: ZGatewayRecommendation,
  rationale: zLines({
    min: 3,
    max: 10_000,
    tooShort: 'Give the rationale',
    tooLong: 'Keep this under 10,000 characters',
  }),
  decidedOn: ZCalendarDate,
  /** The steering group meeting that took the decision, if it was taken at one. */
  meetingId: z.uuid().nullable().default(null),
  conditions: z.array(ZGatewayCondition).max(30).default([]),
});
export type TRecordRecommendationInput = z.infer<typeof ZRecordRecommendationInput>;
