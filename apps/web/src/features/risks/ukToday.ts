import { todayInUk } from '@baton/domain';

/** Today as a UK calendar date, the way the server dates reviews. */
export function ukToday(): string {
  return todayInUk();
}
