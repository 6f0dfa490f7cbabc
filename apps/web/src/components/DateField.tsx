import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

const FORMATS = ['YYYY-MM-DD', 'D/M/YYYY', 'D/M/YY', 'D MMMM YYYY', 'D MMM YYYY', 'D-M-YYYY', 'D.M.YYYY'];

/** Accepts what people in the UK type: 1/4/2026, 1 April 2026, 2026-04-01. */
function parseUkDate(value: string): string | null {
  const parsed = dayjs(value.trim(), FORMATS, true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}

/** A calendar date field whose value is a `YYYY-MM-DD` string (or null), like the API's dates. */
export function DateField(props: Omit<DateInputProps, 'dateParser' | 'valueFormat'>) {
  return (
    <DateInput
      valueFormat="D MMMM YYYY"
      dateParser={parseUkDate}
      placeholder="e.g. 1 April 2026"
      firstDayOfWeek={1}
      clearButtonProps={{
        'aria-label': `Clear ${typeof props.label === 'string' ? props.label.toLowerCase() : 'date'}`,
      }}
      {...props}
    />
  );
}
