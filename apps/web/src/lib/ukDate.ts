import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

// Strict parsing compares the date written back in the same format, so "01/11/2026" needs DD/MM as well as D/M.
const FORMATS = [
  'YYYY-MM-DD',
  'D/M/YYYY',
  'DD/MM/YYYY',
  'DD/M/YYYY',
  'D/MM/YYYY',
  'D/M/YY',
  'DD/MM/YY',
  'D MMMM YYYY',
  'DD MMMM YYYY',
  'D MMM YYYY',
  'DD MMM YYYY',
  'D-M-YYYY',
  'DD-MM-YYYY',
  'D.M.YYYY',
  'DD.MM.YYYY',
];

/** Accepts what people in the UK type: 1/4/2026, 1 April 2026, 2026-04-01. */
export function parseUkDate(value: string): string | null {
  const parsed = dayjs(value.trim(), FORMATS, true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}
