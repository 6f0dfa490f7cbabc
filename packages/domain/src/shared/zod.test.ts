import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as domain from '../index';
import {
  BROKEN_CHARACTERS_MESSAGE,
  CONTROL_CHARACTERS_MESSAGE,
  INT4_MAX,
  LINE_BREAKS_MESSAGE,
  refuseControlCharactersDeep,
  textCharacterProblem,
  ZCalendarDate,
  zInt,
  zLine,
  zLines,
  ZVersion,
  ZVersionOrZero,
} from './zod';

const messages = (r: { error?: { issues: Array<{ message: string }> } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe('ZVersion', () => {
  it.each([
    [1, true],
    [2, true],
    [INT4_MAX, true],
    [INT4_MAX + 1, false],
    [2 ** 32, false],
    [2 ** 53, false],
    [0, false],
    [-1, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['1', false],
    [null, false],
  ])('%s -> %s', (v, ok) => {
    expect(ZVersion.safeParse(v).success).toBe(ok);
  });

  it('says what a version must be', () => {
    expect(messages(ZVersion.safeParse(2 ** 31))).toEqual([
      'The version must be a whole number from 1 to 2,147,483,647',
    ]);
  });

  it('ZVersionOrZero allows 0 (a matrix never saved)', () => {
    expect(ZVersionOrZero.safeParse(0).success).toBe(true);
    expect(ZVersionOrZero.safeParse(INT4_MAX + 1).success).toBe(false);
  });
});

describe('zInt', () => {
  it('bounds both ends with one message', () => {
    const s = zInt(-365, 365);
    expect(s.safeParse(-365).success).toBe(true);
    expect(s.safeParse(365).success).toBe(true);
    expect(messages(s.safeParse(366))).toEqual(['Use a whole number from -365 to 365']);
    expect(messages(s.safeParse(-366))).toEqual(['Use a whole number from -365 to 365']);
    expect(messages(s.safeParse(0.5))).toEqual(['Use a whole number from -365 to 365']);
    expect(messages(zInt(0, 100, '0 to 100').safeParse('x'))).toEqual(['0 to 100']);
  });
});

describe('text without control characters', () => {
  const line = zLine({ min: 2, max: 10 });
  const lines = zLines({ max: 50 });

  it.each([
    ['\u0000', CONTROL_CHARACTERS_MESSAGE],
    ['\u0001', CONTROL_CHARACTERS_MESSAGE],
    ['\u0007', CONTROL_CHARACTERS_MESSAGE],
    ['\u001b', CONTROL_CHARACTERS_MESSAGE],
    ['\u007f', CONTROL_CHARACTERS_MESSAGE],
    ['\u0085', CONTROL_CHARACTERS_MESSAGE],
    ['\u009f', CONTROL_CHARACTERS_MESSAGE],
    ['\ud800', BROKEN_CHARACTERS_MESSAGE],
    ['\udfff', BROKEN_CHARACTERS_MESSAGE],
  ])('refuses %j inside a value, in one line or several', (ch, message) => {
    expect(messages(line.safeParse(`ab${ch}cd`))).toEqual([message]);
    expect(messages(lines.safeParse(`ab${ch}cd`))).toEqual([message]);
  });

  it('one line refuses tabs and line breaks inside; several lines keep them', () => {
    for (const ch of ['\t', '\n', '\r'])
      expect(messages(line.safeParse(`ab${ch}cd`)), JSON.stringify(ch)).toEqual([LINE_BREAKS_MESSAGE]);
    expect(lines.parse('First line\r\n\tSecond line')).toBe('First line\r\n\tSecond line');
  });

  it('trims before counting, and the ends may carry whitespace of any kind', () => {
    expect(line.parse('  \t ab \n')).toBe('ab');
    expect(messages(line.safeParse('   '))).toEqual(['Enter at least 2 characters']);
    expect(messages(line.safeParse('abcdefghijk'))).toEqual(['Use at most 10 characters']);
  });

  it('accepts what people really type: accents, other scripts, emoji, quotes, invisible joiners', () => {
    for (const ok of [
      'Zoë',
      'Łódź',
      '日本語',
      'العربية',
      '😀😀',
      '👩🏽‍⚕️',
      "O'Brien",
      '"50%"',
      'a\u200bb',
      '\u202eab',
    ])
      expect(line.safeParse(ok).success, ok).toBe(true);
  });

  it('textCharacterProblem names the first problem, or none', () => {
    expect(textCharacterProblem('fine')).toBeNull();
    expect(textCharacterProblem('two\nlines', true)).toBeNull();
    expect(textCharacterProblem('two\nlines')).toBe(LINE_BREAKS_MESSAGE);
    expect(textCharacterProblem('nul\u0000\n', true)).toBe(CONTROL_CHARACTERS_MESSAGE);
  });

  it('refuseControlCharactersDeep reports each string at its path', () => {
    const s = refuseControlCharactersDeep(z.object({ a: z.array(z.object({ label: z.string() })) }));
    const r = s.safeParse({ a: [{ label: 'ok' }, { label: 'b\u0000d' }] });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['a.1.label', CONTROL_CHARACTERS_MESSAGE],
    ]);
  });
});

describe('ZCalendarDate', () => {
  it.each([
    ['2026-11-23', true],
    ['1900-01-01', true],
    ['2199-12-31', true],
    ['1899-12-31', false],
    ['2200-01-01', false],
    ['0000-01-01', false],
    ['9999-12-31', false],
    ['2026-02-30', false],
    ['2026-1-1', false],
  ])('%s -> %s', (v, ok) => {
    expect(ZCalendarDate.safeParse(v).success).toBe(ok);
  });
});

/* ---------- every input schema the domain exports ---------- */

type Def = { type: string; [k: string]: any };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

/** The fields of an input, by path: wrappers unwrapped, intersections merged, arrays as `path.*`. */
function fieldsOf(schema: unknown, path = ''): Array<[string, Def, unknown]> {
  let s = schema;
  while (WRAPPERS.has(defOf(s).type) || defOf(s).type === 'pipe') {
    const d = defOf(s);
    s = d.type === 'pipe' ? (defOf(d.out).type === 'transform' ? d.in : d.out) : d.innerType;
  }
  const d = defOf(s);
  if (d.type === 'object')
    return Object.entries(d.shape as Record<string, unknown>).flatMap(([k, f]) =>
      fieldsOf(f, path ? `${path}.${k}` : k),
    );
  if (d.type === 'intersection') return [...fieldsOf(d.left, path), ...fieldsOf(d.right, path)];
  if (d.type === 'array') return fieldsOf(d.element, `${path}.*`);
  return [[path, d, s]];
}

const inputs = Object.entries(domain).filter(
  ([name, v]) => /^Z.*Input$/.test(name) && v instanceof z.ZodType,
) as Array<[string, z.ZodType]>;

/** The bounds a number schema states (its checks, and the safe-integer range of `.int()`). */
function boundsOf(d: Def): { min: number; max: number; int: boolean } {
  const b = { min: -Infinity, max: Infinity, int: false };
  for (const c of (d.checks ?? []).map((x: any) => x._zod.def)) {
    if (c.check === 'greater_than') b.min = Math.max(b.min, Number(c.value));
    if (c.check === 'less_than') b.max = Math.min(b.max, Number(c.value));
    if (c.check === 'number_format') {
      b.int = c.format !== 'float32' && c.format !== 'float64';
      if (c.format === 'safeint') {
        b.min = Math.max(b.min, Number.MIN_SAFE_INTEGER);
        b.max = Math.min(b.max, Number.MAX_SAFE_INTEGER);
      }
    }
  }
  return b;
}

/** Secrets that are never stored as given: only their hash is. */
const NOT_STORED: Record<string, string> = {
  password: 'only its argon2 hash is stored; any character may be part of a password',
  token: 'only its hash is looked up',
};

/** A value at a path (`a.*.b`): arrays get one element. */
function at(path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (head === '*') return [rest.length ? at(rest.join('.'), value) : value] as never;
  return { [head!]: rest.length ? at(rest.join('.'), value) : value };
}

describe('every domain input schema', () => {
  it('there are input schemas to check', () => {
    expect(inputs.length).toBeGreaterThan(20);
  });

  it.each(inputs)(
    '%s: every integer has bounds that fit PostgreSQL integer, every number is bounded',
    (_n, s) => {
      for (const [path, d] of fieldsOf(s)) {
        if (d.type !== 'number') continue;
        const { min, max, int } = boundsOf(d);
        expect(Number.isFinite(max) && Number.isFinite(min), `${path} is bounded`).toBe(true);
        if (int) {
          expect(max, `${path} fits an integer column`).toBeLessThanOrEqual(INT4_MAX);
          expect(min, `${path} fits an integer column`).toBeGreaterThanOrEqual(-INT4_MAX - 1);
        }
      }
    },
  );

  it.each(inputs)('%s: a NUL in any text field is refused, next to that field', (_n, s) => {
    for (const [path, d] of fieldsOf(s)) {
      if (d.type !== 'string' || NOT_STORED[path]) continue;
      const r = s.safeParse(at(path, 'ab\u0000cd'));
      const here = r.error?.issues.filter((i) => i.path.join('.') === path.replaceAll('.*', '.0')) ?? [];
      expect(here.length, `${path} refuses a NUL`).toBeGreaterThan(0);
      // Free text says why; formatted fields (ids, codes, emails, dates) say what they expect.
      if (!d.format && !(d.checks ?? []).some((c: any) => c._zod.def.format === 'regex'))
        expect(
          here.map((i) => i.message),
          path,
        ).toContain(CONTROL_CHARACTERS_MESSAGE);
    }
  });
});
