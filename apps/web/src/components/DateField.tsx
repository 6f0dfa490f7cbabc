import { DateInput, type DateInputProps } from '@mantine/dates';
import { parseUkDate } from '../lib/ukDate';

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
