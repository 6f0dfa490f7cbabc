import { daysBetween, type TIsoDate } from '../shared/dates';
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
}

interface KeyDateSource {
  intentionToAwardDate: TIsoDate | null;
  contractAwardDate: TIsoDate | null;
  expectedServiceCommencement: TIsoDate;
  longstopDate: TIsoDate | null;
}

/** The programme's headline dates in date order, each marked done, today or upcoming. */
export function keyDatesOf(p: KeyDateSource, today: TIsoDate): TKeyDate[] {
  const candidates: Array<[string, string, TIsoDate | null]> = [
    ['intentionToAward', 'Intention to award published', p.intentionToAwardDate],
    ['contractAward', 'Contract awarded', p.contractAwardDate],
    ['serviceCommencement', 'Expected service commencement', p.expectedServiceCommencement],
    ['longstop', 'Longstop date', p.longstopDate],
  ];
  return candidates
    .filter((c): c is [string, string, TIsoDate] => c[2] !== null)
    .map(([key, label, date]) => ({
      key,
      label,
      date,
      status: (date < today ? 'done' : date === today ? 'today' : 'upcoming') as TKeyDateStatus,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
