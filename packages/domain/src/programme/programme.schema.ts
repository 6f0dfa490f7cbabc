import { z } from 'zod';
import { ZCalendarDate, ZVersion, zLine, zLines } from '../shared/zod';

export const PROCUREMENT_ROUTES = [
  'competitive_dialogue',
  'open_procedure',
  'restricted_procedure',
  'most_capable_provider',
  'psr_direct_award_a',
  'psr_direct_award_b',
  'psr_direct_award_c',
  'psr_most_suitable_provider',
  'psr_competitive',
] as const;
export const ZProcurementRoute = z.enum(PROCUREMENT_ROUTES);
export type TProcurementRoute = z.infer<typeof ZProcurementRoute>;
export const PROCUREMENT_ROUTE_LABELS: Record<TProcurementRoute, string> = {
  competitive_dialogue: 'Competitive dialogue',
  open_procedure: 'Open procedure',
  restricted_procedure: 'Restricted procedure',
  most_capable_provider: 'Most capable provider',
  psr_direct_award_a: 'PSR Direct Award A',
  psr_direct_award_b: 'PSR Direct Award B',
  psr_direct_award_c: 'PSR Direct Award C',
  psr_most_suitable_provider: 'PSR Most Suitable Provider',
  psr_competitive: 'PSR Competitive process',
};

/** Stages in order: a programme moves forward through them. */
export const PROGRAMME_STAGES = [
  'pre_procurement',
  'procurement',
  'evaluation',
  'standstill',
  'contract_award',
  'transition',
  'live',
  'closed',
] as const;
export const ZProgrammeStage = z.enum(PROGRAMME_STAGES);
export type TProgrammeStage = z.infer<typeof ZProgrammeStage>;
export const PROGRAMME_STAGE_LABELS: Record<TProgrammeStage, string> = {
  pre_procurement: 'Pre-procurement',
  procurement: 'Procurement',
  evaluation: 'Evaluation',
  standstill: 'Standstill',
  contract_award: 'Contract award',
  transition: 'Transition',
  live: 'Live service',
  closed: 'Closed',
};

/** An organisation's role in a programme, optionally for one lot. */
export const PARTY_ROLES = [
  'lead_commissioner',
  'co_commissioner',
  'outgoing_provider',
  'incoming_provider',
  'bidder',
  'partner',
] as const;
export const ZPartyRole = z.enum(PARTY_ROLES);
export type TPartyRole = z.infer<typeof ZPartyRole>;
export const PARTY_ROLE_LABELS: Record<TPartyRole, string> = {
  lead_commissioner: 'Lead commissioner',
  co_commissioner: 'Co-commissioner',
  outgoing_provider: 'Outgoing provider',
  incoming_provider: 'Incoming provider',
  bidder: 'Bidder',
  partner: 'Partner',
};

const ZMoney = z
  .number({ error: 'Enter an amount in pounds' })
  .nonnegative('The amount cannot be negative')
  .max(100_000_000_000, 'That amount is implausibly large');

export const ZProgrammeFields = z.object({
  name: zLine({
    min: 3,
    max: 200,
    tooShort: 'Enter at least 3 characters',
    tooLong: 'Keep the name under 200 characters',
  }),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{2,16}$/, 'Use 2 to 16 capital letters, digits or dashes'),
  description: zLines({ max: 4000, tooLong: 'Keep the description under 4,000 characters' }).default(''),
  procurementRoute: ZProcurementRoute,
  stage: ZProgrammeStage,
  contractValueGbp: ZMoney.nullable(),
  contractTermMonths: z.number().int().min(1, 'At least 1 month').max(240, 'At most 20 years').nullable(),
  expectedServiceCommencement: ZCalendarDate,
  intentionToAwardDate: ZCalendarDate.nullable(),
  contractAwardDate: ZCalendarDate.nullable(),
  longstopDate: ZCalendarDate.nullable(),
});

export const ZCreateProgrammeInput = ZProgrammeFields.superRefine((p, ctx) => {
  if (p.longstopDate && p.longstopDate < p.expectedServiceCommencement) {
    ctx.addIssue({
      code: 'custom',
      path: ['longstopDate'],
      message: 'The longstop date cannot be before the expected service commencement date',
    });
  }
});
export type TCreateProgrammeInput = z.infer<typeof ZCreateProgrammeInput>;

export const ZUpdateProgrammeInput = ZProgrammeFields.extend({
  programmeId: z.uuid(),
  version: ZVersion,
}).superRefine((p, ctx) => {
  if (p.longstopDate && p.longstopDate < p.expectedServiceCommencement) {
    ctx.addIssue({
      code: 'custom',
      path: ['longstopDate'],
      message: 'The longstop date cannot be before the expected service commencement date',
    });
  }
});
export type TUpdateProgrammeInput = z.infer<typeof ZUpdateProgrammeInput>;

export const ZLotFields = z.object({
  code: zLine({
    min: 1,
    max: 20,
    tooShort: 'Enter a lot code, e.g. Lot 1',
    tooLong: 'Keep the code under 20 characters',
  }),
  name: zLine({
    min: 3,
    max: 200,
    tooShort: 'Enter at least 3 characters',
    tooLong: 'Keep the name under 200 characters',
  }),
  services: zLines({ max: 2000, tooLong: 'Keep the services list under 2,000 characters' }).default(''),
  annualValueGbp: ZMoney.nullable(),
});
export const ZCreateLotInput = ZLotFields.extend({ programmeId: z.uuid() });
export type TCreateLotInput = z.infer<typeof ZCreateLotInput>;
export const ZUpdateLotInput = ZLotFields.extend({
  programmeId: z.uuid(),
  lotId: z.uuid(),
  version: ZVersion,
});
export type TUpdateLotInput = z.infer<typeof ZUpdateLotInput>;

export const ZAddPartyInput = z.object({
  programmeId: z.uuid(),
  organisationId: z.uuid(),
  role: ZPartyRole,
  lotId: z.uuid().nullable(),
});
export type TAddPartyInput = z.infer<typeof ZAddPartyInput>;

/** The markings a programme's papers may carry (Government Security Classifications, with NHS descriptors). */
export const PROTECTIVE_MARKINGS = [
  'OFFICIAL',
  'OFFICIAL-SENSITIVE',
  'OFFICIAL-SENSITIVE: COMMERCIAL',
  'OFFICIAL-SENSITIVE: PERSONAL',
] as const;
export type TProtectiveMarking = (typeof PROTECTIVE_MARKINGS)[number];

/** Where the programme's papers go and how they are marked. */
export const ZGovernanceInput = z.object({
  programmeId: z.uuid(),
  version: ZVersion,
  /** Empty: named from the stage ("Transition steering group" after award). */
  governanceGroupName: zLine({
    max: 120,
    tooLong: 'Keep the name under 120 characters',
  })
    .transform((s) => s || null)
    .refine(
      (s) => s === null || s.length >= 3,
      'Give the group a name of at least 3 characters, or leave it empty',
    ),
  protectiveMarking: z.enum(PROTECTIVE_MARKINGS, { error: 'Choose a marking from the list' }),
});
export type TGovernanceInput = z.infer<typeof ZGovernanceInput>;

export const ZProgrammeSecurityInput = z.object({
  programmeId: z.uuid(),
  version: ZVersion,
  /** Members who sign in with a password must also use a second factor (authenticator app). */
  requireSecondFactor: z.boolean(),
});
export type TProgrammeSecurityInput = z.infer<typeof ZProgrammeSecurityInput>;
