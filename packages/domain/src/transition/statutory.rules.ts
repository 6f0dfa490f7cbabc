import { addDays, type TIsoDate } from '../shared/dates';
import { addWorkingDays } from '../shared/uk-calendar';

/** A date the law or the contract fixes, with the rule it came from so nobody has to take it on trust. */
export interface TDerivedMilestone {
  key: string;
  label: string;
  date: TIsoDate;
  rule: string;
  /** True when the date is a deadline for doing something (it turns red when missed). */
  isDeadline: boolean;
}

export type TMilestoneState = 'done' | 'missed' | 'due_soon' | 'upcoming';

/** Missed: a deadline passed and the thing was not done. Due soon: within 14 days. */
export function milestoneState(
  m: { date: TIsoDate; isDeadline: boolean },
  doneOn: TIsoDate | null,
  today: TIsoDate,
): TMilestoneState {
  if (doneOn) return 'done';
  if (!m.isDeadline) return m.date < today ? 'done' : 'upcoming';
  if (m.date < today) return 'missed';
  return m.date <= addDays(today, 14) ? 'due_soon' : 'upcoming';
}

export interface TTransferRuleInput {
  transferDate: TIsoDate;
  /** Redundancies the incoming employer proposes at one establishment (0 when none). */
  proposedRedundancies: number;
  /** Planned first dismissal, when redundancies are proposed. */
  firstDismissalDate: TIsoDate | null;
  /** Days legacy systems stay readable after go-live (commonly 90). */
  legacyAccessDays: number;
}

/** TUPE 2006 (as amended 2014) and TULRCA 1992 s.188 dates that follow from a transfer date. */
export function transferMilestones(t: TTransferRuleInput): TDerivedMilestone[] {
  const out: TDerivedMilestone[] = [
    {
      key: 'eli_due',
      label: 'Employee liability information due',
      date: addDays(t.transferDate, -28),
      rule: 'TUPE reg. 11: the outgoing employer gives ELI not less than 28 days before the transfer (at least £500 per employee if not).',
      isDeadline: true,
    },
    {
      key: 'measures_letter',
      label: 'Measures letter and consultation under way',
      date: addDays(t.transferDate, -42),
      rule: 'TUPE reg. 13: inform and consult representatives "long enough before" the transfer, including the measures envisaged; Baton plans this 6 weeks ahead (up to 13 weeks’ pay per employee if not).',
      isDeadline: true,
    },
    {
      key: 'transfer',
      label: 'Transfer and service commencement',
      date: t.transferDate,
      rule: 'The planned transfer date (the service commencement date).',
      isDeadline: false,
    },
    {
      key: 'legacy_access_end',
      label: 'Legacy system read-only access ends',
      date: addDays(t.transferDate, t.legacyAccessDays),
      rule: `Legacy clinical systems stay readable for ${t.legacyAccessDays} days after go-live (data sharing agreement).`,
      isDeadline: false,
    },
  ];
  if (t.proposedRedundancies >= 20 && t.firstDismissalDate) {
    const days = t.proposedRedundancies >= 100 ? 45 : 30;
    out.push({
      key: 'collective_consultation',
      label: 'Collective redundancy consultation must start',
      date: addDays(t.firstDismissalDate, -days),
      rule: `TULRCA 1992 s.188: ${t.proposedRedundancies} proposed redundancies at one establishment needs at least ${days} days' consultation before the first dismissal (${days === 45 ? '100 or more' : '20 to 99'}).`,
      isDeadline: true,
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * PSR standstill (SI 2023/1348 reg. 12): it begins the day after the intention-to-award notice is
 * published and ends at midnight at the end of the eighth working day after the day on which it began.
 */
export function psrStandstillEnd(
  noticePublished: TIsoDate,
  extraNonWorking?: ReadonlySet<TIsoDate>,
): TIsoDate {
  const began = addDays(noticePublished, 1);
  return addWorkingDays(began, 8, extraNonWorking);
}

export interface TConditionPrecedent {
  id: string;
  title: string;
  metOn: TIsoDate | null;
}

export type TCommencement =
  | { kind: 'set'; date: TIsoDate; reason: string; beyondLongstop: boolean }
  | { kind: 'awaiting'; openConditions: string[]; reason: string };

/**
 * NHS Standard Contract: the service commences on the later of the Expected Service Commencement Date and
 * the day after the last Condition Precedent is met. Until every condition is met the date is not known.
 */
export function actualCommencement(
  expected: TIsoDate,
  conditions: readonly TConditionPrecedent[],
  longstop: TIsoDate | null,
): TCommencement {
  const open = conditions.filter((c) => !c.metOn);
  if (open.length) {
    return {
      kind: 'awaiting',
      openConditions: open.map((c) => c.title),
      reason: `${open.length} condition${open.length === 1 ? '' : 's'} precedent not yet met`,
    };
  }
  const lastMet = conditions.reduce<TIsoDate | null>(
    (m, c) => (m === null || c.metOn! > m ? c.metOn! : m),
    null,
  );
  const dayAfter = lastMet ? addDays(lastMet, 1) : null;
  const date = dayAfter && dayAfter > expected ? dayAfter : expected;
  return {
    kind: 'set',
    date,
    reason:
      dayAfter && dayAfter > expected
        ? `The day after the last condition precedent was met (${lastMet}), which is later than the expected date`
        : 'The expected service commencement date: every condition precedent was met before it',
    beyondLongstop: longstop !== null && date > longstop,
  };
}
