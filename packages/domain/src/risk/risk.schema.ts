import { z } from 'zod';
import { withoutDefaults, ZCalendarDate, ZVersion, zLine, zLines } from '../shared/zod';
import { ZWorkstream } from '../shared/workstreams.schema';
import {
  ACTION_STATUSES,
  ESCALATION_TIERS,
  EXPECTED_EFFECTS,
  PROXIMITIES,
  RISK_STATUSES,
} from './risk.constants';
import { ZAssessment } from './risk.matrix.schema';

export * from './risk.constants';

export const ZRiskStatus = z.enum(RISK_STATUSES);
export const ZProximity = z.enum(PROXIMITIES);
export const ZEscalationTier = z.enum(ESCALATION_TIERS);

const text = (max: number, what: string) =>
  zLines({ max, tooLong: `Keep the ${what} under ${max.toLocaleString('en-GB')} characters` });

/** A category of the programme's risk matrix, by key (the matrix names its keys this way). */
export const ZRiskCategoryKey = z
  .string({ error: 'Choose a category' })
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Choose a category');

export const ZRiskFields = z.object({
  title: zLine({
    min: 3,
    max: 200,
    tooShort: 'Give the risk a short title',
    tooLong: 'Keep the title under 200 characters',
  }),
  cause: text(2000, 'cause').default(''),
  event: zLines({
    min: 3,
    max: 2000,
    tooShort: 'Describe the risk event: what might happen',
    tooLong: 'Keep the event under 2,000 characters',
  }),
  effect: text(2000, 'effect').default(''),
  categoryKey: ZRiskCategoryKey,
  workstream: ZWorkstream.nullable().default(null),
  lotIds: z.array(z.uuid()).max(20).default([]),
  ownerUserId: z.uuid().nullable(),
  owningOrganisationId: z.uuid({ error: 'Choose the owning organisation' }),
  affectedOrganisationIds: z.array(z.uuid()).max(30).default([]),
  controls: text(4000, 'controls').default(''),
  gaps: text(4000, 'gaps in control').default(''),
  status: ZRiskStatus.default('open'),
  initial: ZAssessment,
  current: ZAssessment,
  target: ZAssessment,
  targetDate: ZCalendarDate.nullable().default(null),
  proximity: ZProximity.nullable().default(null),
  escalationTier: ZEscalationTier.default('programme'),
  raisedOn: ZCalendarDate.optional(),
});
export type TRiskFields = z.infer<typeof ZRiskFields>;

export const ZCreateRiskInput = ZRiskFields.extend({ programmeId: z.uuid() });
export type TCreateRiskInput = z.infer<typeof ZCreateRiskInput>;

/** An edit names the version it read and only the fields it changes. */
export const ZUpdateRiskInput = z.object(withoutDefaults(ZRiskFields.shape)).partial().extend({
  programmeId: z.uuid(),
  riskId: z.uuid(),
  version: ZVersion,
});
export type TUpdateRiskInput = z.infer<typeof ZUpdateRiskInput>;

export const ZReviewRiskInput = z.object({
  programmeId: z.uuid(),
  riskId: z.uuid(),
  version: ZVersion,
  current: ZAssessment,
  note: zLines({
    min: 3,
    max: 4000,
    tooShort: 'Say briefly what the review found',
    tooLong: 'Keep the note under 4,000 characters',
  }),
  reviewedOn: ZCalendarDate.optional(),
});
export type TReviewRiskInput = z.infer<typeof ZReviewRiskInput>;

export const ZActionStatus = z.enum(ACTION_STATUSES);
export const ZExpectedEffect = z.enum(EXPECTED_EFFECTS);

export const ZActionFields = z.object({
  description: zLines({
    min: 3,
    max: 2000,
    tooShort: 'Describe the action',
    tooLong: 'Keep the description under 2,000 characters',
  }),
  ownerUserId: z.uuid().nullable(),
  organisationId: z.uuid({ error: 'Choose the organisation doing this' }),
  dueDate: ZCalendarDate,
  status: ZActionStatus.default('not_started'),
  expectedEffect: ZExpectedEffect.default('likelihood'),
  evidence: text(4000, 'evidence note').default(''),
  completedOn: ZCalendarDate.nullable().default(null),
  /** The plan task that delivers this mitigation, when there is one. */
  taskId: z.uuid().nullable().default(null),
});
export const ZCreateActionInput = ZActionFields.extend({ programmeId: z.uuid(), riskId: z.uuid() });
export type TCreateActionInput = z.infer<typeof ZCreateActionInput>;
export const ZUpdateActionInput = z.object(withoutDefaults(ZActionFields.shape)).partial().extend({
  programmeId: z.uuid(),
  actionId: z.uuid(),
  version: ZVersion,
});
export type TUpdateActionInput = z.infer<typeof ZUpdateActionInput>;
