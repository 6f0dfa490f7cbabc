import { addDays, daysBetween, type TIsoDate } from '../shared/dates';
import { psrStandstillEnd } from '../transition/statutory.rules';
import { PROGRAMME_STAGES, type TProgrammeStage } from './programme.schema';

export type TCountdown =
  | { kind: 'future'; days: number; weeks: number; workingDaysApprox: number }
  | { kind: 'today' }
  | { kind: 'past'; days: number };

/** Countdown to a date, as the overview shows it: days and whole weeks to go, or days since. */
export function countdownTo(target: TIsoDate, today: TIsoDate): TCountdown {
  const days = daysBetween(today, target);
  if (days === 0) return { kind: 'today' };
  if (days < 0) return { kind: 'past', days: -days };
  return { kind: 'future', days, weeks: Math.floor(days / 7), workingDaysApprox: Math.round((days * 5) / 7) };
}

/** Stage changes move forward, or back by one step to correct a mistake; never a jump backwards. */
export function isAllowedStageChange(from: TProgrammeStage, to: TProgrammeStage): boolean {
  const a = PROGRAMME_STAGES.indexOf(from);
  const b = PROGRAMME_STAGES.indexOf(to);
  return b >= a - 1;
}

export type TKeyDateStatus = 'done' | 'today' | 'upcoming';
export interface TKeyDate {
  key: string;
  label: string;
  date: TIsoDate;
  status: TKeyDateStatus;
  /** Where a derived date comes from, so nobody has to take it on trust. */
  rule?: string;
}

interface KeyDateSource {
  intentionToAwardDate: TIsoDate | null;
  contractAwardDate: TIsoDate | null;
  expectedServiceCommencement: TIsoDate;
  longstopDate: TIsoDate | null;
}

/** The programme's headline dates in date order, each marked done, today or upcoming. */
export function keyDatesOf(p: KeyDateSource, today: TIsoDate): TKeyDate[] {
  const candidates: Array<[string, string, TIsoDate | null, string?]> = [
    ['intentionToAward', 'Intention to award published', p.intentionToAwardDate],
    [
      'standstillEnd',
      'PSR standstill ends',
      p.intentionToAwardDate ? psrStandstillEnd(p.intentionToAwardDate) : null,
      'SI 2023/1348 reg. 12: begins the day after the notice; ends at midnight at the end of the eighth working day after it began (weekends and English bank holidays excluded).',
    ],
    [
      'isapCheckpoint2',
      'ISAP checkpoint 2 due',
      p.contractAwardDate,
      'NHS England ISAP: checkpoint 2 before contract signature (preferred bidder stage).',
    ],
    ['contractAward', 'Contract awarded', p.contractAwardDate],
    [
      'isapCheckpoint3',
      'ISAP checkpoint 3 due',
      addDays(p.expectedServiceCommencement, -1),
      'NHS England ISAP: checkpoint 3 before service commencement.',
    ],
    ['serviceCommencement', 'Expected service commencement', p.expectedServiceCommencement],
    ['longstop', 'Longstop date', p.longstopDate],
  ];
  return candidates
    .filter((c): c is [string, string, TIsoDate, string?] => c[2] !== null)
    .map(([key, label, date, rule]) => ({
      key,
      label,
      date,
      status: (date < today ? 'done' : date === today ? 'today' : 'upcoming') as TKeyDateStatus,
      ...(rule ? { rule } : {}),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
