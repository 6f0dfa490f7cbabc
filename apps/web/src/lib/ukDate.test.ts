import { describe, expect, it } from 'vitest';
import { parseUkDate } from './ukDate';

describe('dates as people in the UK type them', () => {
  it.each([
    ['1/11/2026', '2026-11-01'],
    ['01/11/2026', '2026-11-01'],
    ['1/04/2026', '2026-04-01'],
    ['01/4/2026', '2026-04-01'],
    ['01/11/26', '2026-11-01'],
    ['1 April 2026', '2026-04-01'],
    ['01 Apr 2026', '2026-04-01'],
    ['01-11-2026', '2026-11-01'],
    ['01.11.2026', '2026-11-01'],
    ['2026-11-01', '2026-11-01'],
  ])('%s is %s', (typed, iso) => expect(parseUkDate(typed)).toBe(iso));

  it.each(['31/02/2026', '13/13/2026', 'next Tuesday', '11/2026'])('%s is not a date', (typed) =>
    expect(parseUkDate(typed)).toBeNull(),
  );
});
