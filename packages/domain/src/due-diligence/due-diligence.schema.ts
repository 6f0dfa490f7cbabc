import { z } from 'zod';
import { ZCalendarDate, ZVersion, zLine, zLines } from '../shared/zod';

/*
 * Due diligence before a handover: the commissioner (or, after award, the incoming provider) asks an outgoing
 * provider for specific information (staff lists and ELI, estates, IT, activity, subcontracts, finance); the
 * provider answers with notes and documents; the requester accepts the answer or returns it for more. During a
 * procurement an accepted answer is released to every bidder at one moment (equal treatment). Bidders' own
 * questions (clarifications) are answered once and published to all bidders without saying who asked.
 */

export const DD_CATEGORIES = [
  'workforce',
  'estates',
  'it',
  'activity',
  'subcontracts',
  'finance',
  'clinical',
  'other',
] as const;
export type TDdCategory = (typeof DD_CATEGORIES)[number];
export const DD_CATEGORY_LABELS: Record<TDdCategory, string> = {
  workforce: 'Staff lists and ELI',
  estates: 'Estates and leases',
  it: 'IT assets and contracts',
  activity: 'Activity and caseload',
  subcontracts: 'Subcontracts',
  finance: 'Finance',
  clinical: 'Clinical and quality',
  other: 'Other',
};

/**
 * A request's life: asked (open), answered by the provider, returned for more (the provider answers again),
 * accepted by the requester, or withdrawn. Release to bidders is separate: a moment, not a status.
 */
export const DD_STATUSES = ['open', 'answered', 'returned', 'accepted', 'withdrawn'] as const;
export type TDdStatus = (typeof DD_STATUSES)[number];
export const DD_STATUS_LABELS: Record<TDdStatus, string> = {
  open: 'Awaiting answer',
  answered: 'Answered, to review',
  returned: 'Returned for more',
  accepted: 'Accepted',
  withdrawn: 'Withdrawn',
};

export const ddReference = (n: number) => `DDR-${String(n).padStart(3, '0')}`;
export const clarificationReference = (n: number) => `CQ-${String(n).padStart(3, '0')}`;

export const ZDdCategory = z.enum(DD_CATEGORIES, { error: 'Choose a category from the list' });

const ZTitle = zLine({
  min: 3,
  max: 300,
  tooShort: 'Say what is asked for in at least 3 characters',
  tooLong: 'Keep the title under 300 characters',
});
const ZDetail = zLines({ max: 10_000, tooLong: 'Keep this under 10,000 characters' });

export const ZDdRequestFields = z.object({
  title: ZTitle,
  detail: ZDetail.default(''),
  category: ZDdCategory,
  /** The organisation asked: an outgoing (incumbent) provider, or another non-bidding party. */
  respondingOrganisationId: z.uuid({ error: 'Choose the organisation that is asked' }),
  /** The person at the responding organisation who answers, when known. */
  responderUserId: z.uuid({ error: 'Choose the person from the members list' }).nullable().default(null),
  dueOn: ZCalendarDate,
  lotId: z.uuid({ error: 'Choose a lot of this programme' }).nullable().default(null),
  transferId: z.uuid({ error: 'Choose a transfer of this programme' }).nullable().default(null),
});
export type TDdRequestFields = z.infer<typeof ZDdRequestFields>;

export const ZCreateDdRequestInput = ZDdRequestFields.extend({
  programmeId: z.uuid(),
  /** Asked on behalf of (leads and admins may ask for another commissioner); default the caller's organisation. */
  requestingOrganisationId: z.uuid({ error: 'Choose the organisation that asks' }).optional(),
});
export type TCreateDdRequestInput = z.infer<typeof ZCreateDdRequestInput>;

export const ZUpdateDdRequestInput = z.object({
  programmeId: z.uuid(),
  requestId: z.uuid(),
  version: ZVersion,
  title: ZTitle.optional(),
  detail: ZDetail.optional(),
  category: ZDdCategory.optional(),
  responderUserId: z.uuid({ error: 'Choose the person from the members list' }).nullable().optional(),
  dueOn: ZCalendarDate.optional(),
});
export type TUpdateDdRequestInput = z.infer<typeof ZUpdateDdRequestInput>;

const ZRequestRef = z.object({ programmeId: z.uuid(), requestId: z.uuid(), version: ZVersion });

export const ZAnswerDdRequestInput = ZRequestRef.extend({
  answer: zLines({
    min: 1,
    max: 20_000,
    tooShort: 'Write the answer (attach documents as well if you have them)',
    tooLong: 'Keep the answer under 20,000 characters',
  }),
});
export const ZReviewDdRequestInput = ZRequestRef.extend({
  outcome: z.enum(['accept', 'return'], { error: 'Accept the answer or return it' }),
  note: zLines({ max: 5_000, tooLong: 'Keep the note under 5,000 characters' }).default(''),
});
export const ZDdRequestActionInput = ZRequestRef.extend({
  note: zLines({ max: 2_000, tooLong: 'Keep the note under 2,000 characters' }).default(''),
});

export const ZDdListInput = z.object({
  programmeId: z.uuid(),
  state: z.enum(['open', 'overdue', 'all']).default('all'),
  category: ZDdCategory.optional(),
  respondingOrganisationId: z.uuid().optional(),
});
export type TDdListInput = z.infer<typeof ZDdListInput>;

// Clarifications: a bidder's question, answered once and published to every bidder without the asker.

export const CLARIFICATION_STATUSES = ['open', 'answered', 'published', 'withdrawn'] as const;
export type TClarificationStatus = (typeof CLARIFICATION_STATUSES)[number];
export const CLARIFICATION_STATUS_LABELS: Record<TClarificationStatus, string> = {
  open: 'Awaiting answer',
  answered: 'Answered, not yet published',
  published: 'Published to all bidders',
  withdrawn: 'Withdrawn',
};

export const ZAskClarificationInput = z.object({
  programmeId: z.uuid(),
  question: zLines({
    min: 10,
    max: 5_000,
    tooShort: 'Write the question in at least 10 characters',
    tooLong: 'Keep the question under 5,000 characters',
  }),
  /** The request the question is about, if any (it must be one the bidder can see). */
  requestId: z.uuid().nullable().default(null),
});
export const ZAnswerClarificationInput = z.object({
  programmeId: z.uuid(),
  clarificationId: z.uuid(),
  version: ZVersion,
  answer: zLines({
    min: 1,
    max: 20_000,
    tooShort: 'Write the answer',
    tooLong: 'Keep the answer under 20,000 characters',
  }),
  /** The question as it will be published: the asker's words with anything identifying them removed. */
  publishedQuestion: zLines({
    min: 10,
    max: 5_000,
    tooShort: 'Write the question as it will be published, in at least 10 characters',
    tooLong: 'Keep the question under 5,000 characters',
  }),
});
export const ZClarificationActionInput = z.object({
  programmeId: z.uuid(),
  clarificationId: z.uuid(),
  version: ZVersion,
});
