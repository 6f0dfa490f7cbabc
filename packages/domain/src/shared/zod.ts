import { z } from 'zod';
import { ZIsoDate } from './iso-date';

/**
 * The same fields with their defaults removed. An edit is partial: with zod 4 a `.partial()` of a field that
 * has a default still fills the default in, which would silently reset every field the edit did not send.
 */
export function withoutDefaults<S extends z.ZodRawShape>(
  shape: S,
): { [K in keyof S]: z.ZodType<z.output<S[K]>, z.input<S[K]>> } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    out[key] = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType);
  }
  return out as never;
}

/*
 * Building blocks that keep bad input a clear 400 before it reaches the database: PostgreSQL refuses a NUL
 * character in text (and `\u0000` in jsonb), and an integer outside int4 in an `integer` column, and would
 * answer either with a 500.
 */

/** The largest value of a PostgreSQL `integer` (int4). */
export const INT4_MAX = 2_147_483_647;

const formatNumber = (n: number) => n.toLocaleString('en-GB');

/** A whole number within [min, max]: every integer input names its bounds. */
export function zInt(min: number, max: number, message?: string) {
  const m = message ?? `Use a whole number from ${formatNumber(min)} to ${formatNumber(max)}`;
  return z.number({ error: m }).int(m).min(min, m).max(max, m);
}

/** The version of a row an edit read (optimistic locking): a positive int4. */
export const ZVersion = zInt(1, INT4_MAX, 'The version must be a whole number from 1 to 2,147,483,647');

/** A version that may also be 0 (a row that has never been saved, e.g. the default risk matrix). */
export const ZVersionOrZero = zInt(0, INT4_MAX, 'The version must be a whole number from 0 to 2,147,483,647');

export const CONTROL_CHARACTERS_MESSAGE = 'Remove the invisible control characters';
export const LINE_BREAKS_MESSAGE = 'Keep it to one line: remove the line breaks and tabs';
export const BROKEN_CHARACTERS_MESSAGE = 'Remove the broken characters (half of an emoji or symbol)';

/** C0 and C1 control characters and DEL, except tab, line feed and carriage return (and those three). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
/** Half of a UTF-16 surrogate pair: cannot be stored as UTF-8 (drivers silently replace it with U+FFFD). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with the characters of a text, if anything: the message to show next to the field. */
export function textCharacterProblem(s: string, multiline = false): string | null {
  if (CONTROL.test(s)) return CONTROL_CHARACTERS_MESSAGE;
  if (LONE_SURROGATE.test(s)) return BROKEN_CHARACTERS_MESSAGE;
  if (!multiline && LINE_BREAK_OR_TAB.test(s)) return LINE_BREAKS_MESSAGE;
  return null;
}

/** Refuse control characters (tab and line breaks too, unless `multiline`) and lone surrogates. */
export function refuseControlCharacters<S extends z.ZodType<string, unknown>>(
  schema: S,
  { multiline = false }: { multiline?: boolean } = {},
): S {
  return schema.superRefine((s, ctx) => {
    const problem = textCharacterProblem(s, multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: s });
  }) as S;
}

interface TextOptions {
  /** Fewest characters after trimming (default 0). */
  min?: number;
  /** Most characters after trimming (required: every text input has a bound). */
  max: number;
  /** Tab and line breaks allowed (notes, descriptions); other control characters never are. */
  multiline?: boolean;
  /** Message when shorter than `min`. */
  tooShort?: string;
  /** Message when longer than `max`. */
  tooLong?: string;
  /** Message when not a string at all. */
  required?: string;
}

/** Free text as people type it: trimmed, bounded, without control characters or broken characters. */
export function zText(o: TextOptions) {
  const min = o.min ?? 0;
  let s = z.string(o.required ? { error: o.required } : undefined).trim();
  if (min > 0) s = s.min(min, o.tooShort ?? `Enter at least ${formatNumber(min)} characters`);
  s = s.max(o.max, o.tooLong ?? `Use at most ${formatNumber(o.max)} characters`);
  return refuseControlCharacters(s, { multiline: o.multiline });
}

/** One line of text (names, titles, codes): no tab or line break either. */
export const zLine = (o: Omit<TextOptions, 'multiline'>) => zText({ ...o, multiline: false });

/** Several lines of text (notes, descriptions, evidence). */
export const zLines = (o: Omit<TextOptions, 'multiline'>) => zText({ ...o, multiline: true });

/**
 * Every string anywhere in a value (a matrix, an imported row) free of control characters and broken
 * characters, each problem reported at its path. For composite inputs whose fields are defined elsewhere.
 */
export function refuseControlCharactersDeep<S extends z.ZodType>(
  schema: S,
  { multiline = false }: { multiline?: boolean } = {},
): S {
  return schema.superRefine((value, ctx) => {
    const walk = (v: unknown, path: PropertyKey[]) => {
      if (typeof v === 'string') {
        const problem = textCharacterProblem(v, multiline);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path, input: v });
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          walk(k, path);
          walk(x, [...path, k]);
        }
    };
    walk(value, []);
  }) as S;
}

/** The calendar dates Baton stores: PostgreSQL refuses year 0, and date arithmetic must stay in four digits. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';

/** A calendar date (`YYYY-MM-DD`) between 1900 and 2199. */
export const ZCalendarDate = ZIsoDate.refine(
  (s) => s >= EARLIEST_DATE && s <= LATEST_DATE,
  'Use a date between 1900 and 2199',
);
