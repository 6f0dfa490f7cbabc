import { addDays, daysBetween, formatUkDate, type TIsoDate } from '../shared/dates';
import { eliDueDate } from './registers.schema';

/*
 * TUPE money and pensions: what a late or incomplete ELI and a failure to inform and consult can cost, and
 * whether staff keep NHS Pension Scheme access under New Fair Deal. Each result carries the rule it comes
 * from in plain English. Figures are exposures a tribunal could award, not predictions of what it will.
 */

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const gbp = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;

/* ---------- constants ---------- */

/** TUPE 2006 reg. 12(4): the least a tribunal awards per employee for an ELI failure (unless it finds less just). */
export const ELI_MINIMUM_AWARD_PER_EMPLOYEE_GBP = 500;
/** TUPE 2006 reg. 16(3): the most a tribunal awards per affected employee for failing to inform and consult. */
export const CONSULTATION_MAX_WEEKS_PAY = 13;
/** Weeks in a year, to turn annual pay into a week's pay. */
export const WEEKS_PER_YEAR = 52;
/**
 * No statute fixes how long before the transfer informing and consulting must start ("long enough before",
 * reg. 13(2)); this default is a working assumption a programme may change: 30 days, the shortest collective
 * redundancy consultation period.
 */
export const DEFAULT_INFORM_BY_DAYS_BEFORE_TRANSFER = 30;

export const ELI_MONEY_RULE =
  'TUPE 2006 reg. 11: the outgoing employer must give the incoming employer employee liability information (identity and age, written particulars, disciplinary and grievance matters and claims in the last two years, collective agreements) not less than 28 days before the transfer. Reg. 12: if it does not, or the information is incomplete, the incoming employer can complain to an employment tribunal, which awards just and equitable compensation of not less than £500 for each employee concerned (reg. 12(4)), unless it finds a lesser sum just and equitable; there is no upper limit, as it has regard to the incoming employer’s losses. The outgoing employer pays.';

export const CONSULTATION_MONEY_RULE =
  'TUPE 2006 reg. 13: the outgoing and the incoming employer must each inform (and, where measures are envisaged, consult) the appropriate representatives of affected employees long enough before the transfer. Reg. 15–16: a tribunal may award up to 13 weeks’ pay per affected employee, as it finds just and equitable given the seriousness of the failure. The statutory cap on a week’s pay (Employment Rights Act 1996 s. 227) does not apply to this award: it is 13 weeks of actual gross pay. The outgoing and incoming employers are jointly and severally liable for an award against the outgoing employer (reg. 15(9)).';

export const NEW_FAIR_DEAL_RULE =
  'New Fair Deal (HM Treasury, 2013): staff compulsorily transferred out of the public sector keep access to their public service pension scheme with the new employer; for the NHS Pension Scheme the new employer is given access by a Direction. NHS guidance counts staff as eligible when they work wholly or mainly on the transferring service: more than 50% of their time. Staff moving to another NHS employer simply stay in the scheme.';

/* ---------- Agenda for Change pay ---------- */

export const AFC_BANDS = ['2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'] as const;
export type TAfcBand = (typeof AFC_BANDS)[number];

export interface TAfcPayTable {
  year: string;
  effectiveFrom: TIsoDate;
  appliesTo: string;
  source: string;
  /** Annual basic pay at the bottom and top pay points of each band, in pounds. */
  bands: Record<TAfcBand, { entry: number; top: number }>;
}

/**
 * NHS Agenda for Change annual pay, 2025/26 (England, 3.6% award from 1 April 2025), bottom and top pay
 * points of each band. Indicative only: it leaves out high cost area supplements, unsocial hours and
 * overtime, all of which count in a week's pay; use actual pay when it is known.
 */
export const AFC_PAY_2025_26: TAfcPayTable = {
  year: '2025/26',
  effectiveFrom: '2025-04-01',
  appliesTo: 'England',
  source: 'NHS Employers, Agenda for Change pay scales 2025/26 (basic pay, no high cost area supplement)',
  bands: {
    '2': { entry: 24_465, top: 24_465 },
    '3': { entry: 24_937, top: 26_598 },
    '4': { entry: 27_485, top: 30_162 },
    '5': { entry: 31_049, top: 37_796 },
    '6': { entry: 38_682, top: 46_580 },
    '7': { entry: 47_810, top: 54_710 },
    '8a': { entry: 55_690, top: 62_682 },
    '8b': { entry: 64_455, top: 74_896 },
    '8c': { entry: 76_965, top: 88_682 },
    '8d': { entry: 91_342, top: 105_337 },
    '9': { entry: 109_179, top: 125_637 },
  },
};

export interface TWeeklyPay {
  weeklyGbp: number;
  /** How the figure was reached, in words. */
  basis: string;
}

/** The midpoint of a band (halfway between its bottom and top pay points) as a week's pay (annual ÷ 52). */
export function afcBandWeeklyPay(band: TAfcBand, table: TAfcPayTable = AFC_PAY_2025_26): TWeeklyPay {
  const { entry, top } = table.bands[band];
  const annual = (entry + top) / 2;
  return {
    weeklyGbp: annual / WEEKS_PER_YEAR,
    basis: `Agenda for Change band ${band} midpoint ${gbp(annual)} a year (${table.year}, ${table.appliesTo}, indicative) ÷ ${WEEKS_PER_YEAR}`,
  };
}

/**
 * The bands named in a staff group's free-text "bands" field: "5", "Band 6", "5-7", "3 to 5, 8a", "8a–8c".
 * Ranges include both ends, in Agenda for Change order. Unknown text gives no bands.
 */
export function afcBandsIn(text: string): TAfcBand[] {
  const found = new Set<TAfcBand>();
  const re = /(?:band\s*)?\b([2-9][a-d]?)\b(?:\s*(?:-|–|to)\s*(?:band\s*)?\b([2-9][a-d]?)\b)?/gi;
  for (const m of text.matchAll(re)) {
    const from = AFC_BANDS.indexOf(m[1]!.toLowerCase() as TAfcBand);
    const to = m[2] ? AFC_BANDS.indexOf(m[2].toLowerCase() as TAfcBand) : from;
    if (from < 0 || to < 0) continue;
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) found.add(AFC_BANDS[i]!);
  }
  return AFC_BANDS.filter((b) => found.has(b));
}

/**
 * A week's pay for a staff group: the recorded average weekly pay when there is one; otherwise the average
 * of the midpoints of the bands named (indicative); otherwise unknown (null).
 */
export function weeklyPayOf(
  g: { weeklyPayGbp?: number | null; bands?: string | readonly TAfcBand[] },
  table: TAfcPayTable = AFC_PAY_2025_26,
): TWeeklyPay | null {
  if (g.weeklyPayGbp !== null && g.weeklyPayGbp !== undefined)
    return { weeklyGbp: g.weeklyPayGbp, basis: `recorded average weekly pay ${gbp(g.weeklyPayGbp)}` };
  const bands = typeof g.bands === 'string' ? afcBandsIn(g.bands) : [...(g.bands ?? [])];
  if (!bands.length) return null;
  if (bands.length === 1) return afcBandWeeklyPay(bands[0]!, table);
  const weekly = bands.reduce((s, b) => s + afcBandWeeklyPay(b, table).weeklyGbp, 0) / bands.length;
  return {
    weeklyGbp: weekly,
    basis: `average of the Agenda for Change midpoints of bands ${bands.join(', ')} (${table.year}, ${table.appliesTo}, indicative) ÷ ${WEEKS_PER_YEAR}`,
  };
}

/* ---------- exposures ---------- */

export interface TMoneyExposure {
  /** What a tribunal could award now: 0 while nothing has gone wrong. */
  minimumGbp: number;
  /** Null: no upper limit (ELI), or the pay is not known (consultation). */
  maximumGbp: number | null;
  /** The same figures if the duty were failed: what is at stake. */
  atStake: { minimumGbp: number; maximumGbp: number | null };
  /** Who pays. */
  liable: string;
  reason: string;
  rule: string;
}

export const ELI_MONEY_STATES = ['complete', 'not_due', 'late', 'incomplete'] as const;
export type TEliMoneyState = (typeof ELI_MONEY_STATES)[number];

export interface TEliExposure extends TMoneyExposure {
  state: TEliMoneyState;
  due: TIsoDate;
  employees: number;
}

/**
 * ELI against its due date (transfer date - 28 days). Complete on or before it: nothing owed. Not yet due:
 * nothing owed yet. Sent after it, or not sent once it has passed: late. Sent in time but not complete by
 * it (once it has passed): incomplete. Late or incomplete exposes the outgoing employer to at least £500 per
 * employee in the group, with no upper limit.
 */
export function eliExposure(i: {
  transferDate: TIsoDate;
  today: TIsoDate;
  headcount: number;
  eliSentOn: TIsoDate | null;
  eliCompleteOn: TIsoDate | null;
}): TEliExposure {
  const due = eliDueDate(i.transferDate);
  const employees = Math.max(0, i.headcount);
  const atStake = { minimumGbp: employees * ELI_MINIMUM_AWARD_PER_EMPLOYEE_GBP, maximumGbp: null };
  const base = { due, employees, atStake, liable: 'The outgoing employer', rule: ELI_MONEY_RULE };
  const owed = (state: TEliMoneyState, reason: string): TEliExposure => ({
    ...base,
    state,
    minimumGbp: atStake.minimumGbp,
    maximumGbp: null,
    reason: `${reason}: at least ${gbp(atStake.minimumGbp)} (${plural(employees, 'employee')} × ${gbp(ELI_MINIMUM_AWARD_PER_EMPLOYEE_GBP)}), no upper limit`,
  });
  const clear = (state: TEliMoneyState, reason: string): TEliExposure => ({
    ...base,
    state,
    minimumGbp: 0,
    maximumGbp: 0,
    reason,
  });
  const sent = i.eliSentOn ?? i.eliCompleteOn;
  const dueText = formatUkDate(due);
  if (sent && sent > due)
    return owed(
      'late',
      `ELI sent on ${formatUkDate(sent)}, ${plural(daysBetween(due, sent), 'day')} after it was due (${dueText})`,
    );
  if (sent && i.eliCompleteOn && i.eliCompleteOn <= due)
    return clear(
      'complete',
      `ELI complete on ${formatUkDate(i.eliCompleteOn)}, by its due date (${dueText}): nothing owed`,
    );
  if (i.today <= due)
    return clear(
      'not_due',
      `${sent ? `ELI sent on ${formatUkDate(sent)} and not yet complete` : 'ELI not sent'}; due by ${dueText}. If missed: at least ${gbp(atStake.minimumGbp)}`,
    );
  if (!sent) return owed('late', `ELI not sent by its due date (${dueText})`);
  return owed(
    'incomplete',
    i.eliCompleteOn
      ? `ELI sent on ${formatUkDate(sent)} but only complete on ${formatUkDate(i.eliCompleteOn)}, after it was due (${dueText})`
      : `ELI sent on ${formatUkDate(sent)} but still not complete, and it was due on ${dueText}`,
  );
}

export const CONSULTATION_MONEY_STATES = ['met', 'in_progress', 'not_due', 'late', 'failed'] as const;
export type TConsultationMoneyState = (typeof CONSULTATION_MONEY_STATES)[number];

export interface TConsultationExposure extends TMoneyExposure {
  state: TConsultationMoneyState;
  /** Inform and consult should start by this date (a programme setting, see DEFAULT_INFORM_BY_DAYS_BEFORE_TRANSFER). */
  informBy: TIsoDate;
  employees: number;
  weeklyPay: TWeeklyPay | null;
}

/**
 * Inform and consult, by its dates. Started by the inform-by date and ended (the end has happened) on or
 * before the transfer: met. The transfer date reached without that end: failed. Started after the inform-by
 * date, set to end after the transfer, or not started once the inform-by date has passed: late (a claim is
 * possible). Started in time and still running: in progress. Otherwise: not due. Late and failed expose both
 * employers to up to 13 weeks' pay per affected employee (uncapped week's pay); the minimum is nil.
 */
export function consultationExposure(i: {
  transferDate: TIsoDate;
  today: TIsoDate;
  /** Affected employees: those transferring and any others the transfer or its measures affect. */
  affectedEmployees: number;
  weeklyPay: TWeeklyPay | null;
  consultationStart: TIsoDate | null;
  consultationEnd: TIsoDate | null;
  informByDaysBefore?: number;
}): TConsultationExposure {
  const informBy = addDays(i.transferDate, -(i.informByDaysBefore ?? DEFAULT_INFORM_BY_DAYS_BEFORE_TRANSFER));
  const employees = Math.max(0, i.affectedEmployees);
  const maximum = i.weeklyPay
    ? Math.round(CONSULTATION_MAX_WEEKS_PAY * i.weeklyPay.weeklyGbp * employees)
    : null;
  const atStake = { minimumGbp: 0, maximumGbp: maximum };
  const base = {
    informBy,
    employees,
    weeklyPay: i.weeklyPay,
    atStake,
    liable: 'The outgoing and incoming employers, jointly and severally',
    rule: CONSULTATION_MONEY_RULE,
  };
  const figure =
    maximum === null
      ? 'up to 13 weeks’ pay per affected employee (record the weekly pay or bands to put a figure on it)'
      : `up to ${gbp(maximum)} (${plural(employees, 'affected employee')} × 13 weeks × ${gbp(i.weeklyPay!.weeklyGbp)} a week: ${i.weeklyPay!.basis}; no cap on a week’s pay)`;
  const exposed = (state: TConsultationMoneyState, reason: string): TConsultationExposure => ({
    ...base,
    state,
    minimumGbp: 0,
    maximumGbp: maximum,
    reason: `${reason}: ${figure}`,
  });
  const clear = (state: TConsultationMoneyState, reason: string): TConsultationExposure => ({
    ...base,
    state,
    minimumGbp: 0,
    maximumGbp: 0,
    reason,
  });
  const transferText = formatUkDate(i.transferDate);
  const informText = formatUkDate(informBy);
  const start = i.consultationStart;
  const end = i.consultationEnd;
  // An end date counts once it has happened and if it is on or before the transfer.
  const endedInTime = end !== null && end <= i.transferDate && end <= i.today;
  if (start && endedInTime && start <= informBy)
    return clear(
      'met',
      `Informed and consulted from ${formatUkDate(start)} to ${formatUkDate(end!)}, before the transfer: nothing owed`,
    );
  if (i.today >= i.transferDate && !endedInTime)
    return exposed(
      'failed',
      start
        ? `Consultation started on ${formatUkDate(start)} and had not ended by the transfer (${transferText})`
        : `Staff representatives were not informed and consulted before the transfer (${transferText})`,
    );
  if (start && start > informBy)
    return exposed(
      'late',
      `Consultation started on ${formatUkDate(start)}, after it should have (${informText}): a claim is possible`,
    );
  if (start && end && end > i.transferDate)
    return exposed(
      'late',
      `Consultation is set to end on ${formatUkDate(end)}, after the transfer (${transferText})`,
    );
  if (start)
    return clear(
      'in_progress',
      `Consultation under way since ${formatUkDate(start)}; it must end before the transfer (${transferText}). If it fails: ${figure}`,
    );
  if (i.today > informBy)
    return exposed(
      'late',
      `Staff representatives not yet informed, and they should have been by ${informText}`,
    );
  return clear(
    'not_due',
    `Inform and consult staff representatives by ${informText}. If it fails: ${figure}`,
  );
}

/* ---------- pensions ---------- */

export type TFairDealRoute = 'nhs_employer' | 'new_fair_deal' | 'none' | 'unknown';

export interface TFairDealEligibility {
  /** Null while the share of time on the service is not known. */
  eligible: boolean | null;
  route: TFairDealRoute;
  reason: string;
  rule: string;
}

/**
 * New Fair Deal: continued NHS Pension Scheme access for staff compulsorily transferred who have access now
 * and spend MORE than 50% of their time on the service (exactly 50% is not enough). Staff moving to an NHS
 * employer stay in the scheme without it.
 */
export function newFairDealEligibility(i: {
  percentTimeOnService: number | null;
  /** Transferred by TUPE (not volunteers). Default true. */
  compulsorilyTransferred?: boolean;
  /** Members of, or eligible for, the NHS Pension Scheme now (directly or by an earlier Fair Deal). Default true. */
  nhsPensionAccessNow?: boolean;
  /** The incoming employer is itself an NHS body (trust, foundation trust). */
  incomingIsNhsEmployer: boolean;
}): TFairDealEligibility {
  const rule = NEW_FAIR_DEAL_RULE;
  if (i.nhsPensionAccessNow === false)
    return {
      eligible: false,
      route: 'none',
      reason:
        'Not in or eligible for the NHS Pension Scheme now: New Fair Deal protects access staff already have',
      rule,
    };
  if (i.incomingIsNhsEmployer)
    return {
      eligible: true,
      route: 'nhs_employer',
      reason:
        'The incoming employer is an NHS employer: staff stay in the NHS Pension Scheme, no Direction needed',
      rule,
    };
  if (i.compulsorilyTransferred === false)
    return {
      eligible: false,
      route: 'none',
      reason:
        'Not compulsorily transferred (New Fair Deal covers TUPE transfers, not staff who choose to move)',
      rule,
    };
  if (i.percentTimeOnService === null)
    return {
      eligible: null,
      route: 'unknown',
      reason: 'Record the share of their time staff spend on the service: more than 50% makes them eligible',
      rule,
    };
  if (i.percentTimeOnService > 50)
    return {
      eligible: true,
      route: 'new_fair_deal',
      reason: `${i.percentTimeOnService}% of their time on the service, more than 50%: eligible for continued NHS Pension Scheme access (the incoming employer needs a Direction)`,
      rule,
    };
  return {
    eligible: false,
    route: 'none',
    reason: `${i.percentTimeOnService}% of their time on the service, not more than 50%: not eligible under New Fair Deal`,
    rule,
  };
}

/* ---------- a staff group, and a transfer's groups ---------- */

export interface TStaffGroupMoneyInput {
  headcount: number;
  /** Affected employees for inform and consult, when more than the group (default: the headcount). */
  affectedEmployees?: number;
  weeklyPayGbp?: number | null;
  /** Free text ("5-7") or a list of Agenda for Change bands, used when weekly pay is not recorded. */
  bands?: string | readonly TAfcBand[];
  eliSentOn: TIsoDate | null;
  eliCompleteOn: TIsoDate | null;
  consultationStart: TIsoDate | null;
  consultationEnd: TIsoDate | null;
  percentTimeOnService: number | null;
  incomingIsNhsEmployer: boolean;
  compulsorilyTransferred?: boolean;
  nhsPensionAccessNow?: boolean;
}

export interface TStaffGroupMoney {
  eli: TEliExposure;
  consultation: TConsultationExposure;
  pensions: TFairDealEligibility;
}

/** The money rules and pension eligibility of one staff group. */
export function staffGroupMoney(
  g: TStaffGroupMoneyInput,
  transfer: { transferDate: TIsoDate; today: TIsoDate; informByDaysBefore?: number; payTable?: TAfcPayTable },
): TStaffGroupMoney {
  return {
    eli: eliExposure({
      transferDate: transfer.transferDate,
      today: transfer.today,
      headcount: g.headcount,
      eliSentOn: g.eliSentOn,
      eliCompleteOn: g.eliCompleteOn,
    }),
    consultation: consultationExposure({
      transferDate: transfer.transferDate,
      today: transfer.today,
      affectedEmployees: g.affectedEmployees ?? g.headcount,
      weeklyPay: weeklyPayOf(g, transfer.payTable),
      consultationStart: g.consultationStart,
      consultationEnd: g.consultationEnd,
      ...(transfer.informByDaysBefore === undefined
        ? {}
        : { informByDaysBefore: transfer.informByDaysBefore }),
    }),
    pensions: newFairDealEligibility(g),
  };
}

export interface TTupeMoneyTotals {
  /** Sum of the ELI minimums owed now (no upper limit applies). */
  eliMinimumGbp: number;
  /** Sum of the inform-and-consult maximums exposed now; null if a group exposed has no pay recorded. */
  consultationMaximumGbp: number | null;
  /** The same sums if every duty still open were failed. */
  atStake: { eliMinimumGbp: number; consultationMaximumGbp: number | null };
  /** Headcount eligible for NHS Pension Scheme access (as NHS employer staff or under New Fair Deal). */
  pensionEligibleHeadcount: number;
  /** Headcount whose eligibility is not known yet. */
  pensionUnknownHeadcount: number;
}

/** Totals across a transfer's staff groups. */
export function tupeMoneyTotals(
  groups: ReadonlyArray<{ headcount: number } & TStaffGroupMoney>,
): TTupeMoneyTotals {
  const sumOrNull = (xs: Array<number | null>) =>
    xs.some((x) => x === null) ? null : xs.reduce<number>((s, x) => s + x!, 0);
  return {
    eliMinimumGbp: groups.reduce((s, g) => s + g.eli.minimumGbp, 0),
    consultationMaximumGbp: sumOrNull(groups.map((g) => g.consultation.maximumGbp)),
    atStake: {
      eliMinimumGbp: groups.reduce((s, g) => s + g.eli.atStake.minimumGbp, 0),
      consultationMaximumGbp: sumOrNull(groups.map((g) => g.consultation.atStake.maximumGbp)),
    },
    pensionEligibleHeadcount: groups
      .filter((g) => g.pensions.eligible === true)
      .reduce((s, g) => s + g.headcount, 0),
    pensionUnknownHeadcount: groups
      .filter((g) => g.pensions.eligible === null)
      .reduce((s, g) => s + g.headcount, 0),
  };
}
