import { addDays, daysBetween, formatUkDate, type TIsoDate } from '../shared/dates';
import { psrStandstillEnd } from '../transition/statutory.rules';
import type { TProcurementRoute } from './programme.schema';

/*
 * The programme timeline: the stages from pre-procurement engagement to the post-transfer review, the
 * procurement route's own steps (dialogue stages, gateways, Provider Selection Regime steps), NHS England's
 * ISAP checkpoints, and the standstill derived from the route. One rule says where each stage stands, and how
 * far it has slipped, for every screen and paper.
 */

export const STAGE_KINDS = ['stage', 'checkpoint', 'standstill'] as const;
export type TStageKind = (typeof STAGE_KINDS)[number];

export interface TStageTemplate {
  key: string;
  label: string;
  kind: TStageKind;
  /** Planned length in days, to lay out a first plan from the expected service commencement backwards. */
  days: number;
  /** Where the stage's rule comes from, said on screen. */
  rule?: string;
}

const s = (key: string, label: string, days: number, rule?: string): TStageTemplate => ({
  key,
  label,
  kind: 'stage',
  days,
  ...(rule ? { rule } : {}),
});
const checkpoint = (key: string, label: string, rule: string): TStageTemplate => ({
  key,
  label,
  kind: 'checkpoint',
  days: 1,
  rule,
});

const ISAP_1 = checkpoint(
  'isap_1',
  'ISAP checkpoint 1',
  'NHS England Integrated Support and Assurance Process: checkpoint 1 before formal procurement begins.',
);
const ISAP_2 = checkpoint(
  'isap_2',
  'ISAP checkpoint 2',
  'NHS England ISAP: checkpoint 2 before contract signature (preferred bidder).',
);
const ISAP_3 = checkpoint(
  'isap_3',
  'ISAP checkpoint 3',
  'NHS England ISAP: checkpoint 3 before service commencement.',
);

export const PSR_STANDSTILL_RULE =
  'Provider Selection Regime (SI 2023/1348 reg. 12): begins the day after the intention to award is published and ends at midnight at the end of the eighth working day (weekends and English bank holidays excluded).';
export const PCR_STANDSTILL_RULE =
  'Public Contracts Regulations 2015 reg. 87: at least 10 calendar days after the award decision notice is sent electronically.';

/** The standstill a route has, if any: PSR direct award A and B have none. */
export function standstillRuleOf(route: TProcurementRoute): 'psr' | 'pcr' | null {
  if (route === 'psr_direct_award_a' || route === 'psr_direct_award_b') return null;
  return route.startsWith('psr_') ? 'psr' : 'pcr';
}

/** The standstill's end from the day the intention to award (or award decision notice) is published. */
export function standstillEndOf(route: TProcurementRoute, published: TIsoDate): TIsoDate | null {
  const rule = standstillRuleOf(route);
  if (rule === 'psr') return psrStandstillEnd(published);
  if (rule === 'pcr') return addDays(published, 10);
  return null;
}

const ROUTE_STEPS: Record<TProcurementRoute, TStageTemplate[]> = {
  competitive_dialogue: [
    s('selection', 'Selection questionnaire (PQQ)', 35),
    s('itpd', 'Invitation to participate in dialogue (ITPD)', 70),
    s('itcd', 'Invitation to continue dialogue (ITCD)', 56),
    s('final_tenders', 'Call for final tenders', 35),
    s('evaluation', 'Evaluation and moderation', 28),
    s('preferred_bidder', 'Clarification and preferred bidder', 21),
  ],
  open_procedure: [s('tender', 'Invitation to tender', 35), s('evaluation', 'Evaluation and moderation', 28)],
  restricted_procedure: [
    s('selection', 'Selection questionnaire', 30),
    s('tender', 'Invitation to tender', 35),
    s('evaluation', 'Evaluation and moderation', 28),
  ],
  most_capable_provider: [
    s('mcp_notice', 'Notice of intent and expressions of interest', 28),
    s('gateway_1', 'Assurance gateway 1', 56),
    s('gateway_2', 'Assurance gateway 2', 56),
  ],
  psr_direct_award_a: [s('decision', 'Decision to award to the existing provider (direct award A)', 14)],
  psr_direct_award_b: [s('decision', 'Decision to award where patients choose (direct award B)', 14)],
  psr_direct_award_c: [
    s('assessment', 'Assessment of the existing provider against the key criteria (direct award C)', 28),
  ],
  psr_most_suitable_provider: [
    s('assessment', 'Assessment of providers against the key criteria (most suitable provider)', 42),
  ],
  psr_competitive: [
    s('tender', 'Invitation to tender (competitive process)', 42),
    s('evaluation', 'Evaluation', 28),
  ],
};

/** The stages of a programme on this route, in order. */
export function stageTemplate(route: TProcurementRoute): TStageTemplate[] {
  const rule = standstillRuleOf(route);
  return [
    s('engagement', 'Pre-procurement engagement and market testing', 90),
    s('due_diligence', 'Due diligence and information for bidders', 60),
    ISAP_1,
    ...ROUTE_STEPS[route],
    ISAP_2,
    ...(rule
      ? [
          s(
            'intention_to_award',
            route.startsWith('psr_') ? 'Intention to award published' : 'Award decision notice sent',
            1,
          ),
          {
            key: 'standstill',
            label: 'Standstill',
            kind: 'standstill' as const,
            days: rule === 'psr' ? 12 : 10,
            rule: rule === 'psr' ? PSR_STANDSTILL_RULE : PCR_STANDSTILL_RULE,
          },
        ]
      : []),
    s('contract_award', 'Contract award and signature', 14),
    s('mobilisation', 'Mobilisation and transition', 120),
    ISAP_3,
    s('commencement', 'Service commencement', 1),
    s('post_transfer_review', 'Post-transfer review', 90),
  ];
}

/** A first plan: stages laid end to end so that service commencement falls on the expected date. */
export function stagesFromTemplate(
  route: TProcurementRoute,
  expectedServiceCommencement: TIsoDate,
): Array<TStageTemplate & { plannedStart: TIsoDate; plannedEnd: TIsoDate }> {
  const stages = stageTemplate(route);
  const at = stages.findIndex((x) => x.key === 'commencement');
  let end = addDays(expectedServiceCommencement, -1);
  const before: Array<TStageTemplate & { plannedStart: TIsoDate; plannedEnd: TIsoDate }> = [];
  for (const st of stages.slice(0, at).reverse()) {
    const start = st.kind === 'checkpoint' ? end : addDays(end, -(st.days - 1));
    before.unshift({ ...st, plannedStart: start, plannedEnd: end });
    if (st.kind !== 'checkpoint') end = addDays(start, -1);
  }
  let start = expectedServiceCommencement;
  const after = stages.slice(at).map((st) => {
    const row = { ...st, plannedStart: start, plannedEnd: addDays(start, st.days - 1) };
    start = addDays(row.plannedEnd, 1);
    return row;
  });
  return [...before, ...after];
}

export type TStageStatus = 'not_started' | 'in_progress' | 'complete' | 'slipping' | 'late';

export interface TStageInput {
  /** The template's key, or null for a stage an admin added. */
  key: string | null;
  kind: TStageKind;
  plannedStart: TIsoDate;
  plannedEnd: TIsoDate;
  actualStart: TIsoDate | null;
  actualEnd: TIsoDate | null;
  /** The owner's forecast of the end, when it differs from the plan. */
  forecastEnd: TIsoDate | null;
}

export interface TStageState {
  status: TStageStatus;
  /** Days after the planned end that it ended, or is forecast to end, or (still open) today is; 0 on plan. */
  slipDays: number;
  /** The end the stage had or is expected to have. */
  expectedEnd: TIsoDate;
  rag: 'green' | 'amber' | 'red';
  reason: string;
}

/** Slips within this many days are amber; beyond, red. */
export const STAGE_RED_AFTER_DAYS = 14;

/**
 * Where a stage stands today.
 * - complete: it has an actual end (slipped if that was after the planned end);
 * - late: the planned end has passed without an actual end (it slips a day for every day it stays open);
 * - slipping: still open and on time so far, but forecast to end after the planned end;
 * - in progress: started (actually, or by its planned start) and forecast on time;
 * - not started: before its planned start, without an actual start.
 */
export function stageStateOf(st: TStageInput, today: TIsoDate): TStageState {
  const done = st.actualEnd !== null;
  const expectedEnd =
    st.actualEnd ?? (st.forecastEnd && st.forecastEnd > st.plannedEnd ? st.forecastEnd : st.plannedEnd);
  const overdue = !done && st.plannedEnd < today;
  const slipDays = done
    ? Math.max(0, daysBetween(st.plannedEnd, st.actualEnd!))
    : overdue
      ? Math.max(daysBetween(st.plannedEnd, today), daysBetween(st.plannedEnd, expectedEnd))
      : Math.max(0, daysBetween(st.plannedEnd, expectedEnd));
  const status: TStageStatus = done
    ? 'complete'
    : overdue
      ? 'late'
      : slipDays > 0
        ? 'slipping'
        : st.actualStart !== null || st.plannedStart <= today
          ? 'in_progress'
          : 'not_started';
  const rag = slipDays === 0 || done ? 'green' : slipDays > STAGE_RED_AFTER_DAYS ? 'red' : 'amber';
  const reason =
    status === 'complete'
      ? slipDays > 0
        ? `Completed ${formatUkDate(st.actualEnd!)}, ${slipDays} days after the plan`
        : `Completed ${formatUkDate(st.actualEnd!)}`
      : status === 'late'
        ? `Planned to end ${formatUkDate(st.plannedEnd)}: ${slipDays} days late and still open`
        : status === 'slipping'
          ? `Forecast to end ${formatUkDate(expectedEnd)}, ${slipDays} days after the plan`
          : status === 'in_progress'
            ? `On plan to end ${formatUkDate(st.plannedEnd)}`
            : `Starts ${formatUkDate(st.plannedStart)}`;
  return { status, slipDays, expectedEnd, rag: done ? 'green' : rag, reason };
}

export interface TTimelineSummary {
  /** The stage under way (the first not complete), if any. */
  current: string | null;
  /** Open stages slipping or late, worst first: the risk signal. */
  slipping: Array<{ key: string | null; label: string; slipDays: number; rag: 'amber' | 'red' }>;
  /** The largest slip of an open stage: what the remaining stages would move by if nothing is recovered. */
  worstSlipDays: number;
}

export function timelineSummaryOf(
  stages: ReadonlyArray<TStageInput & { label: string }>,
  today: TIsoDate,
): TTimelineSummary {
  const states = stages.map((st) => ({ st, state: stageStateOf(st, today) }));
  const open = states.filter((x) => x.state.status !== 'complete');
  const slipping = open
    .filter((x) => x.state.slipDays > 0)
    .sort((a, b) => b.state.slipDays - a.state.slipDays)
    .map((x) => ({
      key: x.st.key,
      label: x.st.label,
      slipDays: x.state.slipDays,
      rag: x.state.rag as 'amber' | 'red',
    }));
  return {
    current: open[0]?.st.label ?? null,
    slipping,
    worstSlipDays: slipping[0]?.slipDays ?? 0,
  };
}

/** A slipping or late stage raises a risk on the register (a slipping stage is a risk signal), once. */
export function riskFromStageRefusal(
  st: TStageInput & { riskId: string | null },
  today: TIsoDate,
): string | null {
  if (st.riskId) return 'This stage has already raised a risk.';
  const state = stageStateOf(st, today);
  if (state.status !== 'late' && state.status !== 'slipping')
    return 'Only a slipping or late stage raises a risk.';
  return null;
}

export function riskDraftFromStage(st: { label: string; plannedEnd: TIsoDate }, slipDays: number) {
  return {
    title: `Programme timeline slipping: ${st.label}`.slice(0, 200),
    cause: `“${st.label}” was planned to end ${formatUkDate(st.plannedEnd)} and is ${slipDays} days behind.`,
    event: 'Later stages of the procurement and the transfer slip with it.',
    effect:
      'The contract is signed late, mobilisation is squeezed, and the service commencement date or the longstop is at risk.',
  };
}
