/*
 * Assurance gateways (issue 15, part 4): pure rules. A gateway assesses one organisation against domains of
 * criteria; panel members rate each criterion, moderation agrees one rating per criterion and per domain, and
 * the steering group records a recommendation.
 */

export const GATEWAY_RATINGS = ['assured', 'partially_assured', 'not_assured'] as const;
export type TGatewayRating = (typeof GATEWAY_RATINGS)[number];

export const GATEWAY_RATING_LABELS: Record<TGatewayRating, string> = {
  assured: 'Assured',
  partially_assured: 'Partially assured',
  not_assured: 'Not assured',
};

export const GATEWAY_STATUSES = ['draft', 'scoring', 'moderation', 'decided'] as const;
export type TGatewayStatus = (typeof GATEWAY_STATUSES)[number];

export const GATEWAY_STATUS_LABELS: Record<TGatewayStatus, string> = {
  draft: 'Draft',
  scoring: 'Panel scoring',
  moderation: 'Moderation',
  decided: 'Decided',
};

export const GATEWAY_RECOMMENDATIONS = ['progress', 'progress_with_conditions', 'do_not_progress'] as const;
export type TGatewayRecommendation = (typeof GATEWAY_RECOMMENDATIONS)[number];

export const GATEWAY_RECOMMENDATION_LABELS: Record<TGatewayRecommendation, string> = {
  progress: 'Progress',
  progress_with_conditions: 'Progress with conditions',
  do_not_progress: 'Do not progress',
};

/** Gateways map to NHS England's ISAP checkpoints (the same three the programme timeline carries). */
export const ISAP_CHECKPOINTS = [1, 2, 3] as const;
export const ISAP_CHECKPOINT_LABELS: Record<1 | 2 | 3, string> = {
  1: 'ISAP checkpoint 1: before procurement begins',
  2: 'ISAP checkpoint 2: before contract signature',
  3: 'ISAP checkpoint 3: before service start',
};
/** The timeline stage each checkpoint is (see programme/stages.rules.ts). */
export const ISAP_STAGE_KEYS: Record<1 | 2 | 3, string> = { 1: 'isap_1', 2: 'isap_2', 3: 'isap_3' };

/** Said on screen beside every domain rating, so the rule and its explanation cannot drift apart. */
export const DOMAIN_ROLL_UP_RULE =
  'A domain is not assured if any of its criteria is not assured; partially assured if any criterion is ' +
  'partially assured; assured only when every criterion is assured. A domain with an unrated criterion has no rating yet.';

const SEVERITY: Record<TGatewayRating, number> = { assured: 0, partially_assured: 1, not_assured: 2 };

/**
 * The domain roll-up: the weakest criterion decides (a gateway is an assurance, so one unassured criterion
 * cannot be averaged away). Null while any criterion is unrated, or when the domain has no criteria.
 */
export function rollUpDomainRating(criteria: readonly (TGatewayRating | null)[]): TGatewayRating | null {
  if (criteria.length === 0) return null;
  let worst: TGatewayRating = 'assured';
  for (const rating of criteria) {
    if (rating === null) return null;
    if (SEVERITY[rating] > SEVERITY[worst]) worst = rating;
  }
  return worst;
}

/** The recommendation the moderated domain ratings point to; the steering group may still choose otherwise. */
export function suggestedRecommendation(
  domains: readonly (TGatewayRating | null)[],
): TGatewayRecommendation | null {
  const overall = rollUpDomainRating(domains);
  if (overall === null) return null;
  if (overall === 'assured') return 'progress';
  if (overall === 'partially_assured') return 'progress_with_conditions';
  return 'do_not_progress';
}

/** The spread of panel ratings on one criterion, for the moderation matrix. */
export function ratingSpread(
  ratings: readonly TGatewayRating[],
): Record<TGatewayRating, number> & { agreed: boolean } {
  const spread = { assured: 0, partially_assured: 0, not_assured: 0 };
  for (const rating of ratings) spread[rating] += 1;
  const distinct = GATEWAY_RATINGS.filter((r) => spread[r] > 0).length;
  return { ...spread, agreed: distinct === 1 };
}

/** The one forward path: draft -> panel scoring -> moderation -> decided. */
const NEXT: Record<TGatewayStatus, TGatewayStatus | null> = {
  draft: 'scoring',
  scoring: 'moderation',
  moderation: 'decided',
  decided: null,
};
export const nextGatewayStatus = (status: TGatewayStatus) => NEXT[status];

/** Domains and criteria may be edited only before scoring starts, so every panel member rates the same list. */
export const canEditTemplate = (status: TGatewayStatus) => status === 'draft';

/**
 * Moderation opens only when every panel member has rated every criterion (independent scoring is complete).
 */
export function scoringComplete(criterionCount: number, panelRatingCounts: readonly number[]): boolean {
  if (criterionCount === 0 || panelRatingCounts.length === 0) return false;
  return panelRatingCounts.every((n) => n >= criterionCount);
}

/**
 * Independent scoring: a panel member sees colleagues' ratings only once they have submitted all of their own,
 * or once moderation has opened. Bidders never see panel ratings (see the access module).
 */
export function maySeeOthersRatings(
  status: TGatewayStatus,
  ownRatedCount: number,
  criterionCount: number,
): boolean {
  if (status === 'moderation' || status === 'decided') return true;
  return status === 'scoring' && criterionCount > 0 && ownRatedCount >= criterionCount;
}

/**
 * The recommendation is recorded only once moderation has agreed a rating for every criterion and every domain:
 * the steering group decides on the panel's agreed view, not on a partial one.
 */
export function moderationProblem(
  domains: readonly {
    agreedRating: TGatewayRating | null;
    criteria: readonly { agreedRating: TGatewayRating | null }[];
  }[],
): string | null {
  const criteria = domains.flatMap((d) => d.criteria);
  const openCriteria = criteria.filter((c) => c.agreedRating === null).length;
  const openDomains = domains.filter((d) => d.agreedRating === null).length;
  if (openCriteria === 0 && openDomains === 0) return null;
  const parts = [
    openCriteria ? `${openCriteria} criteri${openCriteria === 1 ? 'on' : 'a'}` : null,
    openDomains ? `${openDomains} domain${openDomains === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  return `Agree a moderated rating for every criterion and domain first: ${parts.join(' and ')} still to agree.`;
}

/** A recommendation with conditions needs at least one condition; the others need none. */
export function recommendationProblem(
  recommendation: TGatewayRecommendation,
  conditionCount: number,
): string | null {
  if (recommendation === 'progress_with_conditions' && conditionCount === 0)
    return 'Add at least one condition, or choose another recommendation';
  if (recommendation !== 'progress_with_conditions' && conditionCount > 0)
    return 'Conditions belong only to "progress with conditions"';
  return null;
}

/** The Suffolk gateway domains, each with a few criteria: the editable starting template for a new gateway. */
export const GATEWAY_TEMPLATE: readonly { name: string; criteria: readonly string[] }[] = [
  {
    name: 'Alliance commitment',
    criteria: [
      'Alliance agreement or partnership terms agreed in principle by all partners',
      'Shared vision and outcomes endorsed at board level by each partner',
      'Risk and gain share arrangements understood and accepted',
    ],
  },
  {
    name: 'Service management',
    criteria: [
      'Named accountable leadership for the service from day one',
      'Clinical governance and quality assurance framework in place',
      'Performance reporting against the contract KPIs designed and tested',
    ],
  },
  {
    name: 'Service delivery',
    criteria: [
      'Service model and pathways described and consistent with the specification',
      'Safe transfer of the current caseload and waiting lists planned',
      'Safeguarding arrangements agreed with the local safeguarding partnership',
    ],
  },
  {
    name: 'HR including TUPE',
    criteria: [
      'TUPE consultation plan agreed with the outgoing provider and staff side',
      'Employee liability information received and reviewed',
      'Pension arrangements (NHS Pension Scheme access) confirmed',
    ],
  },
  {
    name: 'Governance',
    criteria: [
      'Registration with CQC for the regulated activities confirmed or applied for',
      'Board assurance and escalation routes defined for the mobilisation period',
      'Information governance: DSPT submission and data sharing agreements in place',
    ],
  },
  {
    name: 'IT',
    criteria: [
      'Clinical record system chosen and data migration plan tested',
      'Network, devices and access for transferring staff ready for day one',
      'Interoperability with GP and acute systems confirmed',
    ],
  },
  {
    name: 'Mobilisation',
    criteria: [
      'Mobilisation plan with milestones, owners and critical path',
      'Estates: premises, leases and licences secured or agreed',
      'Communications plan for patients, staff and stakeholders',
    ],
  },
  {
    name: 'Cost',
    criteria: [
      'Financial model affordable within the contract value',
      'Mobilisation costs identified and funded',
      'Financial standing and guarantees assured',
    ],
  },
];
