import type { TPartyRole } from '../programme/programme.schema';
import { daysBetween, type TIsoDate } from '../shared/dates';
import type { TWorkstream } from '../shared/workstreams';
import {
  ddReference,
  type TClarificationStatus,
  type TDdCategory,
  type TDdStatus,
} from './due-diligence.schema';

/*
 * The rules of due diligence requests and clarifications: one place decides what is overdue, what may be
 * released or chased and who may answer, so the list, the workspace, the pack and the notifications agree.
 */

/** Waiting on the responding organisation: asked and not yet answered, or returned for more. */
export const isAwaitingAnswer = (status: TDdStatus) => status === 'open' || status === 'returned';

export interface TDdState {
  /** Waiting on the provider past the due date. */
  overdue: boolean;
  /** Whole days past the due date (0 when not overdue). */
  daysOverdue: number;
  /** Days until due (negative once past), while an answer is awaited; null otherwise. */
  daysToDue: number | null;
}

/** How a request stands today. Overdue: awaiting an answer and the due date is before today. */
export function ddStateOf(r: { status: TDdStatus; dueOn: TIsoDate }, today: TIsoDate): TDdState {
  if (!isAwaitingAnswer(r.status)) return { overdue: false, daysOverdue: 0, daysToDue: null };
  const daysToDue = daysBetween(today, r.dueOn);
  return { overdue: daysToDue < 0, daysOverdue: Math.max(0, -daysToDue), daysToDue };
}

/** A chase reminds the provider once a day at most, and only while an answer is awaited. */
export function chaseRefusal(
  r: { status: TDdStatus; lastChasedOn: TIsoDate | null },
  today: TIsoDate,
): string | null {
  if (!isAwaitingAnswer(r.status)) return 'Only a request still awaiting an answer can be chased.';
  if (r.lastChasedOn === today) return 'This request was already chased today.';
  return null;
}

/**
 * Release to bidders: only an accepted answer (the requester has checked it), once; it cannot be taken back,
 * since every bidder has seen it at the same moment.
 */
export function releaseRefusal(r: { status: TDdStatus; releasedAt: Date | null }): string | null {
  if (r.releasedAt) return 'This answer has already been released to bidders.';
  if (r.status !== 'accepted') return 'Accept the answer before releasing it to bidders.';
  return null;
}

/** What a transition in the request's life needs, as a refusal message or null. */
export function ddTransitionRefusal(
  action: 'answer' | 'review' | 'withdraw' | 'edit',
  status: TDdStatus,
): string | null {
  switch (action) {
    case 'answer':
      return isAwaitingAnswer(status) || status === 'answered'
        ? null
        : `A request that is ${status === 'accepted' ? 'accepted' : 'withdrawn'} takes no further answers.`;
    case 'review':
      return status === 'answered' ? null : 'Only an answered request can be accepted or returned.';
    case 'withdraw':
    case 'edit':
      return status === 'accepted' || status === 'withdrawn'
        ? `A request that is ${status} cannot be changed.`
        : null;
  }
}

/** Commissioners run the procurement: they release answers and answer bidders' questions. */
export const isCommissionerRole = (roles: readonly TPartyRole[]) =>
  roles.includes('lead_commissioner') || roles.includes('co_commissioner');

/** Who may ask for information: commissioners, and incoming providers once they are named. */
export const mayRequestAs = (roles: readonly TPartyRole[]) =>
  isCommissionerRole(roles) || roles.includes('incoming_provider');

/** Who may be asked: a party that is not only a bidder (bidders ask clarifications, they are not asked). */
export const mayBeAsked = (roles: readonly TPartyRole[]) =>
  roles.length > 0 && roles.some((r) => r !== 'bidder');

/** A clarification is answered once: editing the answer is possible until it is published. */
export function clarificationRefusal(
  action: 'answer' | 'publish' | 'withdraw',
  status: TClarificationStatus,
): string | null {
  if (status === 'published') return 'This clarification has been published to all bidders: it is final.';
  if (status === 'withdrawn') return 'This question was withdrawn.';
  if (action === 'publish' && status !== 'answered') return 'Answer the question before publishing it.';
  return null;
}

/** The register category a late request's risk goes under (the programme's default categories). */
export const DD_RISK_CATEGORY: Record<TDdCategory, string> = {
  workforce: 'workforce_tupe',
  estates: 'estates',
  it: 'it_data',
  activity: 'service_continuity',
  subcontracts: 'procurement_legal',
  finance: 'finance',
  clinical: 'clinical_quality',
  other: 'procurement_legal',
};

/**
 * The risk an overdue request raises (Luton's "essential information for bidders is not available from current
 * providers"): only a request still awaiting an answer after its due date, and only once.
 */
export function riskFromRequestRefusal(
  r: { status: TDdStatus; dueOn: TIsoDate; riskId: string | null },
  today: TIsoDate,
): string | null {
  if (r.riskId) return 'This request has already raised a risk.';
  if (!ddStateOf(r, today).overdue) return 'Only an overdue request raises a risk.';
  return null;
}

export function riskDraftFromRequest(r: {
  number: number;
  title: string;
  respondingOrganisation: { name: string };
  dueOn: TIsoDate;
}) {
  return {
    title: `Information not available in time: ${r.title}`.slice(0, 200),
    cause: `${r.respondingOrganisation.name} has not answered due diligence request ${ddReference(r.number)} (due ${r.dueOn}).`,
    event: `Essential information is not available from the current provider when bidders or the incoming provider need it.`,
    effect:
      'Bidders price or plan on incomplete information; tenders are qualified or challenged; transfer planning slips.',
  };
}

/** The plan workstream a request's information serves: where an overdue request shows in a transfer's readiness. */
export const DD_WORKSTREAM: Record<TDdCategory, TWorkstream> = {
  workforce: 'workforce_tupe',
  estates: 'estates_facilities',
  it: 'it_data_records',
  activity: 'clinical_safety_caseload',
  subcontracts: 'contracts_finance',
  finance: 'contracts_finance',
  clinical: 'clinical_safety_caseload',
  other: 'contracts_finance',
};
