import { z } from 'zod';
import { addDays, daysBetween, formatUkDate, type TIsoDate } from '../shared/dates';
import { ZCalendarDate, ZVersion, zInt, zLine, zLines } from '../shared/zod';
import type { TRag, TRagVerdict } from './readiness.rules';

/*
 * Registers per transfer: the TUPE staff groups, estate sites and IT systems that move with it. Each row is
 * edited on its own; a few dates and statuses derive a state with the reason for it, never a bare colour.
 */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const listOf = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** One broken cross-field rule: the field it is shown next to, and what to do about it. */
export interface TFieldProblem {
  path: string;
  message: string;
}

/** Zod refinement from a list of pure checks, so the same rules run in forms, on the server and in tests. */
function refineWith<T>(check: (v: T) => TFieldProblem[]) {
  return (v: T, ctx: z.RefinementCtx) => {
    for (const p of check(v)) ctx.addIssue({ code: 'custom', message: p.message, path: [p.path] });
  };
}

/**
 * The update shape of a form: every field optional and without its default (a default inside `.partial()`
 * would silently overwrite the stored value with it).
 */
type TPatchShape<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]>;
};
function patchShape<S extends z.ZodRawShape>(shape: S): TPatchShape<S> {
  return Object.fromEntries(
    Object.entries(shape).map(([k, f]) => [
      k,
      (f instanceof z.ZodDefault ? (f.unwrap() as z.ZodType) : (f as z.ZodType)).optional(),
    ]),
  ) as unknown as TPatchShape<S>;
}

const ZOptionalDate = ZCalendarDate.nullable().default(null);
const ZNote = zLines({ max: 4000, tooLong: 'Use at most 4,000 characters' }).default('');

/* ---------- TUPE staff groups ---------- */

export const PENSION_STATUSES = [
  'nhs_pension_access',
  'new_fair_deal_direction',
  'broadly_comparable',
  'not_eligible',
  'unknown',
] as const;
export const ZPensionStatus = z.enum(PENSION_STATUSES, { error: 'Choose a pension status' });
export type TPensionStatus = z.infer<typeof ZPensionStatus>;
export const PENSION_STATUS_LABELS: Record<TPensionStatus, string> = {
  nhs_pension_access: 'NHS Pension Scheme access',
  new_fair_deal_direction: 'New Fair Deal (Direction)',
  broadly_comparable: 'Broadly comparable scheme',
  not_eligible: 'Not eligible',
  unknown: 'Not yet known',
};

const ZHeadcount = z
  .number({ error: 'Enter the number of staff' })
  .int('Use a whole number of staff')
  .min(0, 'The headcount cannot be negative')
  .max(100_000, 'Use at most 100,000');
const ZWte = z
  .number({ error: 'Enter the whole-time equivalent' })
  .min(0, 'The WTE cannot be negative')
  .max(100_000, 'Use at most 100,000')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'Use at most 2 decimal places');

const staffGroupShape = {
  outgoingEmployerId: z.uuid({ error: 'Choose the outgoing employer' }),
  incomingEmployerId: z.uuid({ error: 'Choose the incoming employer' }),
  service: zLine({
    min: 2,
    max: 200,
    required: 'Name the service',
    tooShort: 'Name the service (e.g. District nursing)',
    tooLong: 'Use at most 200 characters',
  }),
  site: zLine({ max: 200, tooLong: 'Use at most 200 characters' }).default(''),
  headcount: ZHeadcount,
  wte: ZWte,
  bands: zLine({ max: 200, tooLong: 'Use at most 200 characters' }).default(''),
  unions: zLine({ max: 500, tooLong: 'Use at most 500 characters' }).default(''),
  eliSentOn: ZOptionalDate,
  eliCompleteOn: ZOptionalDate,
  measuresLetterOn: ZOptionalDate,
  consultationStart: ZOptionalDate,
  consultationEnd: ZOptionalDate,
  pensionStatus: ZPensionStatus.default('unknown'),
  /** Average weekly pay per person, for the TUPE money rules (the 13 weeks' pay award is not capped). */
  weeklyPayGbp: z
    .number({ error: 'Enter the weekly pay in pounds' })
    .min(0, 'Pay cannot be negative')
    .max(100_000, 'Use at most £100,000 a week')
    .nullable()
    .default(null),
  /** The share of their working time spent on the service: New Fair Deal needs more than 50%. */
  percentTimeOnService: zInt(0, 100, '0 to 100').nullable().default(null),
  objectors: z
    .number({ error: 'Enter the number of objectors (0 if none)' })
    .int('Use a whole number')
    .min(0, 'Objectors cannot be negative')
    .max(100_000, 'Use at most 100,000')
    .default(0),
  notes: ZNote,
};

export interface TStaffGroupCheck {
  outgoingEmployerId: string;
  incomingEmployerId: string;
  headcount: number;
  wte: number;
  objectors: number;
  eliSentOn: TIsoDate | null;
  eliCompleteOn: TIsoDate | null;
  consultationStart: TIsoDate | null;
  consultationEnd: TIsoDate | null;
}

/** Rules across the fields of one staff group. */
export function staffGroupProblems(g: TStaffGroupCheck): TFieldProblem[] {
  const out: TFieldProblem[] = [];
  if (g.outgoingEmployerId === g.incomingEmployerId)
    out.push({
      path: 'incomingEmployerId',
      message: 'The incoming employer must differ from the outgoing one',
    });
  if (g.wte > g.headcount)
    out.push({
      path: 'wte',
      message: `The WTE (${g.wte}) cannot be more than the headcount (${g.headcount})`,
    });
  if (g.objectors > g.headcount)
    out.push({
      path: 'objectors',
      message: `Objectors (${g.objectors}) cannot be more than the headcount (${g.headcount})`,
    });
  if (g.eliCompleteOn && !g.eliSentOn)
    out.push({ path: 'eliSentOn', message: 'Give the date ELI was first sent' });
  if (g.eliCompleteOn && g.eliSentOn && g.eliCompleteOn < g.eliSentOn)
    out.push({ path: 'eliCompleteOn', message: 'ELI cannot be complete before it was first sent' });
  if (g.consultationEnd && !g.consultationStart)
    out.push({ path: 'consultationStart', message: 'Give the date consultation started' });
  if (g.consultationEnd && g.consultationStart && g.consultationEnd < g.consultationStart)
    out.push({ path: 'consultationEnd', message: 'Consultation cannot end before it starts' });
  return out;
}

export const ZStaffGroupFields = z.object(staffGroupShape).superRefine(refineWith(staffGroupProblems));
export type TStaffGroupFields = z.infer<typeof ZStaffGroupFields>;
export const ZCreateStaffGroupInput = z
  .object({ programmeId: z.uuid(), transferId: z.uuid(), ...staffGroupShape })
  .superRefine(refineWith(staffGroupProblems));
export type TCreateStaffGroupInput = z.infer<typeof ZCreateStaffGroupInput>;
/** Only the fields named change; cross-field rules are checked on the merged row by the server. */
export const ZUpdateStaffGroupInput = z.object({
  programmeId: z.uuid(),
  staffGroupId: z.uuid(),
  version: ZVersion,
  ...patchShape(staffGroupShape),
});
export type TUpdateStaffGroupInput = z.infer<typeof ZUpdateStaffGroupInput>;

export const ELI_NOTICE_DAYS = 28;
export const ELI_RULE =
  'TUPE reg. 11: the outgoing employer gives employee liability information not less than 28 days before the transfer (reg. 12: at least £500 per employee if not).';

export const ELI_STATES = ['sent', 'late', 'due_soon', 'not_due'] as const;
export type TEliState = (typeof ELI_STATES)[number];
export const ELI_STATE_LABELS: Record<TEliState, string> = {
  sent: 'Sent',
  late: 'Late',
  due_soon: 'Due soon',
  not_due: 'Not yet due',
};

export function eliDueDate(transferDate: TIsoDate): TIsoDate {
  return addDays(transferDate, -ELI_NOTICE_DAYS);
}

export interface TEliStatus {
  due: TIsoDate;
  state: TEliState;
  reason: string;
  rule: string;
}

/**
 * ELI against the reg. 11 deadline. Sent on or before the due date: sent. Sent after it, or not sent and the
 * due date has passed: late (the breach has happened either way). Not sent and due within `warningDays`
 * (default 14, counting today): due soon. Otherwise not due.
 */
export function eliStatus(i: {
  transferDate: TIsoDate;
  eliSentOn: TIsoDate | null;
  today: TIsoDate;
  warningDays?: number;
}): TEliStatus {
  const due = eliDueDate(i.transferDate);
  const base = { due, rule: ELI_RULE };
  if (i.eliSentOn) {
    const late = daysBetween(due, i.eliSentOn);
    if (late > 0)
      return {
        ...base,
        state: 'late',
        reason: `ELI sent on ${formatUkDate(i.eliSentOn)}, ${plural(late, 'day')} after it was due (${formatUkDate(due)})`,
      };
    return {
      ...base,
      state: 'sent',
      reason:
        late === 0
          ? `ELI sent on ${formatUkDate(i.eliSentOn)}, the day it was due`
          : `ELI sent on ${formatUkDate(i.eliSentOn)}, ${plural(-late, 'day')} before it was due (${formatUkDate(due)})`,
    };
  }
  const left = daysBetween(i.today, due);
  if (left < 0)
    return {
      ...base,
      state: 'late',
      reason: `ELI not sent: it was due on ${formatUkDate(due)}, ${plural(-left, 'day')} ago`,
    };
  if (left <= (i.warningDays ?? 14))
    return {
      ...base,
      state: 'due_soon',
      reason:
        left === 0
          ? `ELI not sent: it is due today (${formatUkDate(due)})`
          : `ELI not sent: due on ${formatUkDate(due)}, in ${plural(left, 'day')}`,
    };
  return { ...base, state: 'not_due', reason: `ELI due on ${formatUkDate(due)}, in ${plural(left, 'day')}` };
}

/* ---------- estate sites ---------- */

export const LANDLORD_TYPES = [
  'nhs_property_services',
  'community_health_partnerships',
  'nhs_trust',
  'local_authority',
  'private',
] as const;
export const ZLandlordType = z.enum(LANDLORD_TYPES, { error: 'Choose the landlord' });
export type TLandlordType = z.infer<typeof ZLandlordType>;
export const LANDLORD_TYPE_LABELS: Record<TLandlordType, string> = {
  nhs_property_services: 'NHS Property Services',
  community_health_partnerships: 'Community Health Partnerships (LIFT)',
  nhs_trust: 'NHS trust',
  local_authority: 'Local authority',
  private: 'Private landlord',
};

export const TENURES = ['freehold', 'lease', 'underlease', 'licence', 'none'] as const;
export const ZTenure = z.enum(TENURES, { error: 'Choose how the outgoing provider holds the site' });
export type TTenure = z.infer<typeof ZTenure>;
export const TENURE_LABELS: Record<TTenure, string> = {
  freehold: 'Freehold',
  lease: 'Lease',
  underlease: 'Underlease',
  licence: 'Licence',
  none: 'No formal tenure',
};

export const SITE_ROUTES = ['assign', 'new_lease', 'underlease', 'licence', 'vacate'] as const;
export const ZSiteRoute = z.enum(SITE_ROUTES, { error: 'Choose the route for the site' });
export type TSiteRoute = z.infer<typeof ZSiteRoute>;
export const SITE_ROUTE_LABELS: Record<TSiteRoute, string> = {
  assign: 'Lease assignment',
  new_lease: 'New lease',
  underlease: 'Underlease',
  licence: 'Licence',
  vacate: 'Vacate',
};

export const LANDLORD_CONSENTS = ['not_needed', 'not_requested', 'requested', 'granted', 'refused'] as const;
export const ZLandlordConsent = z.enum(LANDLORD_CONSENTS, { error: 'Choose the landlord consent status' });
export type TLandlordConsent = z.infer<typeof ZLandlordConsent>;
export const LANDLORD_CONSENT_LABELS: Record<TLandlordConsent, string> = {
  not_needed: 'Not needed',
  not_requested: 'Not yet requested',
  requested: 'Requested',
  granted: 'Granted',
  refused: 'Refused',
};

export const CQC_LOCATION_STATUSES = ['not_started', 'applied', 'approved', 'not_required'] as const;
export const ZCqcLocationStatus = z.enum(CQC_LOCATION_STATUSES, { error: 'Choose the CQC location status' });
export type TCqcLocationStatus = z.infer<typeof ZCqcLocationStatus>;
export const CQC_LOCATION_STATUS_LABELS: Record<TCqcLocationStatus, string> = {
  not_started: 'Not started',
  applied: 'Applied',
  approved: 'Approved',
  not_required: 'Not required',
};

const siteShape = {
  name: zLine({
    min: 2,
    max: 200,
    required: 'Name the site',
    tooShort: 'Name the site (e.g. Riverside Health Centre)',
    tooLong: 'Use at most 200 characters',
  }),
  address: zLines({ max: 500, tooLong: 'Use at most 500 characters' }).default(''),
  landlordType: ZLandlordType,
  tenure: ZTenure,
  route: ZSiteRoute,
  landlordConsent: ZLandlordConsent.default('not_requested'),
  cqcLocationStatus: ZCqcLocationStatus.default('not_started'),
  readinessNote: ZNote,
};

export const ZSiteFields = z.object(siteShape);
export type TSiteFields = z.infer<typeof ZSiteFields>;
export const ZCreateSiteInput = z.object({ programmeId: z.uuid(), transferId: z.uuid(), ...siteShape });
export type TCreateSiteInput = z.infer<typeof ZCreateSiteInput>;
export const ZUpdateSiteInput = z.object({
  programmeId: z.uuid(),
  siteId: z.uuid(),
  version: ZVersion,
  ...patchShape(siteShape),
});
export type TUpdateSiteInput = z.infer<typeof ZUpdateSiteInput>;

/** Days before the transfer when a location the CQC has not approved turns red. */
export const CQC_WARNING_DAYS = 30;
export const SITE_READINESS_RULE =
  'Red: the landlord refused consent, or the CQC has not approved the location within 30 days of the transfer. Amber: consent or CQC approval still pending. Green: both done or not needed. A site being vacated needs no CQC approval.';

const worst = (a: TRag, b: TRag): TRag =>
  a === 'red' || b === 'red' ? 'red' : a === 'amber' || b === 'amber' ? 'amber' : 'green';
function verdict(reasons: Array<[TRag, string]>, green: string): TRagVerdict {
  const order = { red: 0, amber: 1, green: 2 };
  const sorted = [...reasons].sort((a, b) => order[a[0]] - order[b[0]]);
  return {
    rag: reasons.reduce<TRag>((r, [c]) => worst(r, c), 'green'),
    reasons: sorted.length ? sorted.map(([, t]) => t) : [green],
  };
}
const untilTransfer = (today: TIsoDate, transferDate: TIsoDate) => {
  const d = daysBetween(today, transferDate);
  return d > 0
    ? `the transfer is ${plural(d, 'day')} away`
    : d === 0
      ? 'the transfer is today'
      : 'the transfer date has passed';
};

/** Is this site ready to run services from on the transfer date? */
export function siteReadiness(i: {
  today: TIsoDate;
  transferDate: TIsoDate;
  route: TSiteRoute;
  landlordConsent: TLandlordConsent;
  cqcLocationStatus: TCqcLocationStatus;
}): TRagVerdict {
  const reasons: Array<[TRag, string]> = [];
  const route = SITE_ROUTE_LABELS[i.route].toLowerCase();
  if (i.landlordConsent === 'refused')
    reasons.push(['red', `The landlord refused consent: the ${route} cannot go ahead as planned`]);
  else if (i.landlordConsent === 'not_requested')
    reasons.push(['amber', 'Landlord consent not yet requested']);
  else if (i.landlordConsent === 'requested')
    reasons.push(['amber', 'Landlord consent requested, not yet granted']);

  const cqcPending =
    i.route !== 'vacate' && (i.cqcLocationStatus === 'not_started' || i.cqcLocationStatus === 'applied');
  if (cqcPending) {
    const what =
      i.cqcLocationStatus === 'applied'
        ? 'CQC location approval applied for, not yet approved'
        : 'CQC location registration not started';
    const late = daysBetween(i.today, i.transferDate) <= CQC_WARNING_DAYS;
    reasons.push(late ? ['red', `${what} and ${untilTransfer(i.today, i.transferDate)}`] : ['amber', what]);
  }
  const consent = i.landlordConsent === 'granted' ? 'landlord consent granted' : 'no landlord consent needed';
  const cqc =
    i.route === 'vacate'
      ? 'the site is being vacated'
      : i.cqcLocationStatus === 'approved'
        ? 'CQC location approved'
        : 'no CQC location approval needed';
  return verdict(reasons, `Ready: ${consent}; ${cqc}`);
}

/* ---------- IT systems ---------- */

export const SYSTEM_TYPES = [
  'clinical_record',
  'telephony',
  'network',
  'smartcards',
  'interface',
  'other',
] as const;
export const ZSystemType = z.enum(SYSTEM_TYPES, { error: 'Choose the kind of system' });
export type TSystemType = z.infer<typeof ZSystemType>;
export const SYSTEM_TYPE_LABELS: Record<TSystemType, string> = {
  clinical_record: 'Clinical record',
  telephony: 'Telephony',
  network: 'Network',
  smartcards: 'Smartcards',
  interface: 'Interface',
  other: 'Other',
};

export const MIGRATION_METHODS = [
  'extract_and_load',
  'shared_instance',
  'new_instance',
  'read_only_legacy',
  'decommission',
] as const;
export const ZMigrationMethod = z.enum(MIGRATION_METHODS, { error: 'Choose how the data moves' });
export type TMigrationMethod = z.infer<typeof ZMigrationMethod>;
export const MIGRATION_METHOD_LABELS: Record<TMigrationMethod, string> = {
  extract_and_load: 'Extract and load',
  shared_instance: 'Shared instance',
  new_instance: 'New instance',
  read_only_legacy: 'Read-only legacy access',
  decommission: 'Decommission',
};

export const ASSURANCE_STATUSES = ['not_started', 'in_progress', 'complete', 'not_required'] as const;
export const ZAssuranceStatus = z.enum(ASSURANCE_STATUSES, { error: 'Choose a status' });
export type TAssuranceStatus = z.infer<typeof ZAssuranceStatus>;
export const ASSURANCE_STATUS_LABELS: Record<TAssuranceStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  not_required: 'Not required',
};

/** The go-live conditions of a system, in the order they are reported. */
export const SYSTEM_ASSURANCES = ['dpiaStatus', 'dsaStatus', 'dsptStatus', 'safetyCaseStatus'] as const;
export type TSystemAssurance = (typeof SYSTEM_ASSURANCES)[number];
export const SYSTEM_ASSURANCE_LABELS: Record<TSystemAssurance, string> = {
  dpiaStatus: 'DPIA',
  dsaStatus: 'Data sharing agreement',
  dsptStatus: 'DSPT',
  safetyCaseStatus: 'Clinical safety case (DCB0160)',
};

const systemShape = {
  name: zLine({
    min: 2,
    max: 200,
    required: 'Name the system',
    tooShort: 'Name the system (e.g. SystmOne)',
    tooLong: 'Use at most 200 characters',
  }),
  supplier: zLine({ max: 200, tooLong: 'Use at most 200 characters' }).default(''),
  systemType: ZSystemType,
  dataControllerBeforeId: z.uuid({ error: 'Choose the data controller before the transfer' }),
  dataControllerAfterId: z.uuid({ error: 'Choose the data controller after the transfer' }),
  migrationMethod: ZMigrationMethod,
  finalExtractDate: ZOptionalDate,
  cutoverStart: ZOptionalDate,
  goLiveDate: ZOptionalDate,
  /** Null: the default, go-live plus the transfer's legacy access days. */
  legacyAccessEnd: ZOptionalDate,
  dpiaStatus: ZAssuranceStatus.default('not_started'),
  dsaStatus: ZAssuranceStatus.default('not_started'),
  dsptStatus: ZAssuranceStatus.default('not_started'),
  safetyCaseStatus: ZAssuranceStatus.default('not_started'),
  notes: ZNote,
};

export interface TSystemCheck {
  finalExtractDate: TIsoDate | null;
  cutoverStart: TIsoDate | null;
  goLiveDate: TIsoDate | null;
  legacyAccessEnd: TIsoDate | null;
}

/** Migration dates in order: final extract <= cutover start <= go-live <= end of legacy access. */
export function systemProblems(s: TSystemCheck): TFieldProblem[] {
  const out: TFieldProblem[] = [];
  const { finalExtractDate: extract, cutoverStart: cutover, goLiveDate: goLive, legacyAccessEnd } = s;
  if (extract && cutover && cutover < extract)
    out.push({ path: 'cutoverStart', message: 'The cutover cannot start before the final data extract' });
  if (cutover && goLive && goLive < cutover)
    out.push({ path: 'goLiveDate', message: 'Go-live cannot be before the cutover starts' });
  else if (extract && goLive && goLive < extract)
    out.push({ path: 'goLiveDate', message: 'Go-live cannot be before the final data extract' });
  if (goLive && legacyAccessEnd && legacyAccessEnd < goLive)
    out.push({ path: 'legacyAccessEnd', message: 'Legacy access cannot end before go-live' });
  return out;
}

export const ZSystemFields = z.object(systemShape).superRefine(refineWith(systemProblems));
export type TSystemFields = z.infer<typeof ZSystemFields>;
export const ZCreateSystemInput = z
  .object({ programmeId: z.uuid(), transferId: z.uuid(), ...systemShape })
  .superRefine(refineWith(systemProblems));
export type TCreateSystemInput = z.infer<typeof ZCreateSystemInput>;
export const ZUpdateSystemInput = z.object({
  programmeId: z.uuid(),
  systemId: z.uuid(),
  version: ZVersion,
  ...patchShape(systemShape),
});
export type TUpdateSystemInput = z.infer<typeof ZUpdateSystemInput>;

/** Days before go-live when an incomplete go-live condition turns red. */
export const SYSTEM_WARNING_DAYS = 14;
export const SYSTEM_READINESS_RULE =
  'Go-live conditions: DPIA, data sharing agreement, the receiving organisation’s DSPT and the DCB0160 clinical safety case. Red: any not complete within 14 days of go-live. Amber: any still open, or go-live not set or after the transfer. Green: all complete or not required.';

export interface TSystemDates {
  /** The system's own go-live date, or the transfer date when none is set. */
  effectiveGoLive: TIsoDate;
  /** As entered, or go-live plus the transfer's legacy access days. */
  effectiveLegacyAccessEnd: TIsoDate;
  legacyAccessEndIsDefault: boolean;
  legacyAccessEndRule: string;
}

export function systemDates(
  s: { goLiveDate: TIsoDate | null; legacyAccessEnd: TIsoDate | null },
  transfer: { plannedTransferDate: TIsoDate; legacyAccessDays: number },
): TSystemDates {
  const effectiveGoLive = s.goLiveDate ?? transfer.plannedTransferDate;
  return {
    effectiveGoLive,
    effectiveLegacyAccessEnd: s.legacyAccessEnd ?? addDays(effectiveGoLive, transfer.legacyAccessDays),
    legacyAccessEndIsDefault: s.legacyAccessEnd === null,
    legacyAccessEndRule: s.legacyAccessEnd
      ? 'Set on this system.'
      : `Go-live plus the transfer’s ${plural(transfer.legacyAccessDays, 'day')} of read-only legacy access.`,
  };
}

/** Are this system's go-live conditions met in time? */
export function systemReadiness(i: {
  today: TIsoDate;
  transferDate: TIsoDate;
  goLiveDate: TIsoDate | null;
  migrationMethod: TMigrationMethod;
  dpiaStatus: TAssuranceStatus;
  dsaStatus: TAssuranceStatus;
  dsptStatus: TAssuranceStatus;
  safetyCaseStatus: TAssuranceStatus;
}): TRagVerdict {
  const reasons: Array<[TRag, string]> = [];
  const goLive = i.goLiveDate ?? i.transferDate;
  const open = SYSTEM_ASSURANCES.filter((k) => i[k] !== 'complete' && i[k] !== 'not_required');
  if (open.length) {
    const names = listOf(
      open.map((k) => `${SYSTEM_ASSURANCE_LABELS[k]} (${ASSURANCE_STATUS_LABELS[i[k]].toLowerCase()})`),
    );
    const left = daysBetween(i.today, goLive);
    const when =
      left > 0
        ? `go-live is ${plural(left, 'day')} away`
        : left === 0
          ? 'go-live is today'
          : 'go-live has passed';
    reasons.push(
      left <= SYSTEM_WARNING_DAYS
        ? ['red', `Not complete and ${when}: ${names}`]
        : ['amber', `Not yet complete: ${names}`],
    );
  }
  if (i.migrationMethod !== 'decommission') {
    if (i.goLiveDate === null)
      reasons.push([
        'amber',
        `No go-live date set: the transfer date (${formatUkDate(i.transferDate)}) is assumed`,
      ]);
    else if (i.goLiveDate > i.transferDate)
      reasons.push([
        'amber',
        `Goes live on ${formatUkDate(i.goLiveDate)}, ${plural(daysBetween(i.transferDate, i.goLiveDate), 'day')} after the transfer`,
      ]);
  }
  return verdict(reasons, 'Ready: every go-live condition is complete or not required');
}
