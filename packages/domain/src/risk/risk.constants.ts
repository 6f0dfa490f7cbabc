/*
 * The risk register's fixed lists and their labels, apart from the schemas that check input (risk.schema.ts):
 * a screen that only shows them does not download the validation library.
 */
export const RISK_STATUSES = ['draft', 'open', 'closed', 'materialised'] as const;
export type TRiskStatus = (typeof RISK_STATUSES)[number];
export const RISK_STATUS_LABELS: Record<TRiskStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  closed: 'Closed',
  materialised: 'Materialised (now an issue)',
};

/** How soon the risk could occur: the register's proximity column. */
export const PROXIMITIES = [
  'within_1_month',
  'one_to_3_months',
  'three_to_6_months',
  'over_6_months',
] as const;
export type TProximity = (typeof PROXIMITIES)[number];
export const PROXIMITY_LABELS: Record<TProximity, string> = {
  within_1_month: 'Within 1 month',
  one_to_3_months: '1 to 3 months',
  three_to_6_months: '3 to 6 months',
  over_6_months: 'Over 6 months',
};

/** Registers are tiered: an escalated programme risk goes up to an organisation's corporate register or BAF. */
export const ESCALATION_TIERS = ['programme', 'corporate', 'board_assurance'] as const;
export type TEscalationTier = (typeof ESCALATION_TIERS)[number];
export const ESCALATION_TIER_LABELS: Record<TEscalationTier, string> = {
  programme: 'Programme register',
  corporate: 'Corporate register',
  board_assurance: 'Board Assurance Framework',
};

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type TActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<TActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const EXPECTED_EFFECTS = ['likelihood', 'consequence', 'both'] as const;
export type TExpectedEffect = (typeof EXPECTED_EFFECTS)[number];
