import fc from 'fast-check';
import type { z } from 'zod';

/*
 * A fast-check Arbitrary for the *input* of a zod 4 schema, found by walking `schema._zod.def`.
 *
 * Every schema node yields two generators:
 * - `valid`: values that honour the constraints zod states structurally (types, formats, lengths, bounds,
 *   enum values), biased to the edges a database cares about: 2^31 where an integer has no upper bound,
 *   strings of exactly the maximum length, unusual but legal Unicode, LIKE wildcards and quotes.
 *   Refinements (`.refine`, `.superRefine`) cannot be read, so a valid value may still fail them.
 * - `bad`: near misses and hostile values: one field of an otherwise valid object made bad, a NUL or other
 *   control character inside an otherwise valid string, lone surrogates, whitespace only, one character too
 *   long, 100,000 characters, 2^31, 2^53, -1, NaN, Infinity, the wrong type.
 *
 * `zodArbitrary(schema)` mixes the two (mostly valid), so calls get past validation and reach the database
 * while the hostile values probe what validation lets through.
 */

type Gen = { valid: fc.Arbitrary<unknown>; bad: fc.Arbitrary<unknown> };

export interface ZodArbitraryContext {
  /** Where in the input: object keys, `'*'` for an array element or record value. */
  path: readonly string[];
  /** The nearest object key (array elements inherit their array's key). */
  key: string | undefined;
  schema: z.core.$ZodType;
  /** The well-formed values the generator would use: mix them in to keep its edge cases. */
  fallback: fc.Arbitrary<unknown>;
}

export interface ZodArbitraryOptions {
  /**
   * Replace the well-formed values of a node (a string, a number, an object...; wrappers such as optional,
   * nullable and default are unwrapped first) with your own, e.g. ids that exist, or `perturbed(example)` for
   * an object whose refinements random values rarely satisfy. Return undefined to keep the default. The bad
   * values of that node are still generated.
   */
  override?: (at: ZodArbitraryContext) => fc.Arbitrary<unknown> | undefined;
  /** Relative weights of well-formed and bad values at the top level (default 3 : 2). */
  validWeight?: number;
  badWeight?: number;
  /** Longest array generated as well-formed, whatever the schema allows (default 5). */
  maxArrayLength?: number;
  /** Longest string generated as well-formed besides the exact maximum (default 40). */
  maxStringLength?: number;
}

/** Characters that have no business in stored text, and Unicode that breaks naive handling. */
export const HOSTILE_CHARACTERS: readonly string[] = [
  '\u0000', // PostgreSQL refuses 0x00 in text
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u2029',
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\ufeff',
  '\u200b',
  '\u202e',
  '\uffff',
];

/** Whole strings that are blank, tricky for SQL/LIKE/HTML, or numbers in disguise. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '   ',
  '\t',
  '\n',
  '\r\n',
  ' \t\n ',
  '\u00a0',
  '\u3000',
  '\u0000',
  'a\u0000b',
  '\ud800',
  "'; drop table risks; --",
  '%',
  '_',
  '\\',
  '%_\\',
  '${x}',
  '<script>alert(1)</script>',
  'NaN',
  'Infinity',
  '-1',
  '2147483648',
  'R-2147483648',
  '1e309',
  'null',
  'undefined',
  '__proto__',
  'constructor',
];

/** Integers and floats at the edges of int4, safe integers and IEEE 754. */
export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1e-9,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  1e21,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** NUL most often: it is the one PostgreSQL refuses outright. */
const hostileCharacter = () =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant('\u0000') },
    { weight: 2, arbitrary: pick(HOSTILE_CHARACTERS) },
  );

const WRONG_TYPES: readonly unknown[] = [null, undefined, 0, 1, '', 'x', true, false, [], {}, Number.NaN];

/** Legal text that still trips careless code: accents, scripts, emoji (surrogate pairs), quotes, wildcards. */
const NICE_FRAGMENTS = [
  'District nursing',
  'Riverside',
  'TUPE',
  'St. Mary’s',
  "O'Brien",
  'Zoë',
  'Łódź',
  'Ærø',
  'naïve café',
  'ß',
  'İ',
  '日本語',
  'עברית',
  'العربية',
  '😀',
  '👩🏽‍⚕️',
  '🇬🇧',
  '"quoted"',
  '50%',
  'a_b',
  'back\\slash',
  'x < y & z',
  '#1',
  'Lot 1',
  '£1,000',
  '—',
  '…',
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const MAX_DEPTH = 8;

/** Schemas that only wrap another: an override is asked about the schema inside, with the same key. */
const WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'nonoptional',
  'readonly',
  'catch',
  'success',
  'lazy',
  'promise',
  'pipe',
]);

export function zodArbitrary(
  schema: z.core.$ZodType,
  options: ZodArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const g = zodArbitraries(schema, options);
  return fc.oneof(
    { weight: options.validWeight ?? 3, arbitrary: g.valid },
    { weight: options.badWeight ?? 2, arbitrary: g.bad },
  );
}

/** The two generators of a schema: values that honour its stated constraints, and bad ones. */
export function zodArbitraries(schema: z.core.$ZodType, options: ZodArbitraryOptions = {}): Gen {
  return new Walker(options).gen(schema, [], undefined, 0);
}

/**
 * A known-good value, or the same value with one string made hostile (a NUL or other control character
 * inside it) or one number replaced by a hostile number: the near miss that reaches furthest when random
 * values rarely satisfy a schema's refinements (a risk matrix's bands must cover every score).
 */
export function perturbed(example: unknown): fc.Arbitrary<unknown> {
  const leaves: Array<Array<string | number>> = [];
  const walk = (v: unknown, at: Array<string | number>) => {
    if (typeof v === 'string' || typeof v === 'number') leaves.push(at);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(example, []);
  if (!leaves.length) return fc.constant(example);
  const spoil = (v: unknown, ch: string, at: number, n: number) => {
    if (typeof v !== 'string') return n;
    const i = at % (v.length + 1);
    return v.slice(0, i) + ch + v.slice(i);
  };
  const changed = fc
    .tuple(fc.nat({ max: leaves.length - 1 }), hostileCharacter(), fc.nat(), pick(HOSTILE_NUMBERS))
    .map(([i, ch, at, n]) => {
      const path = leaves[i]!;
      if (path.length === 0) return spoil(example, ch, at, n);
      const copy = structuredClone(example) as Record<string | number, unknown>;
      let node = copy;
      for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      node[last] = spoil(node[last], ch, at, n);
      return copy;
    });
  return fc.oneof({ weight: 1, arbitrary: fc.constant(example) }, { weight: 3, arbitrary: changed });
}

/** The string format a schema states (`uuid`, `email`, `regex`...), if any. */
export function stringFormatOf(schema: z.core.$ZodType): string | undefined {
  const d = defOf(schema);
  if (d.type !== 'string') return undefined;
  for (const c of [d, ...checksOf(d)])
    if (c.check === 'string_format' && typeof c.format === 'string') return c.format;
  return undefined;
}

/* ---------------------------------------------------------------------------------------------------- */

type Def = Record<string, any> & { type: string; checks?: Array<{ _zod: { def: Record<string, any> } }> };

const defOf = (s: z.core.$ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (d: Def): Array<Record<string, any>> => (d.checks ?? []).map((c) => c._zod.def);
const wrongType = () => fc.constantFrom(...WRONG_TYPES);
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** A random string of `minLength` to `maxLength` characters taken from `chars`. */
const charsOf = (chars: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars.split('')), minLength, maxLength });

/** Optional keys may be absent: their generators yield undefined, which the object drops. */
function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

class Walker {
  constructor(private readonly o: ZodArbitraryOptions) {}

  private get maxArray() {
    return this.o.maxArrayLength ?? 5;
  }
  private get maxString() {
    return this.o.maxStringLength ?? 40;
  }

  gen(schema: z.core.$ZodType, path: readonly string[], key: string | undefined, depth: number): Gen {
    const g = this.build(schema, path, key, depth);
    if (!this.o.override || WRAPPERS.has(defOf(schema).type)) return g;
    // The caller's own well-formed values for this node, if it has any; the bad ones stay.
    const own = this.o.override({ path, key, schema, fallback: g.valid });
    return own ? { valid: own, bad: g.bad } : g;
  }

  private build(
    schema: z.core.$ZodType,
    path: readonly string[],
    key: string | undefined,
    depth: number,
  ): Gen {
    const d = defOf(schema);
    if (depth > MAX_DEPTH) return { valid: fc.constant(undefined), bad: wrongType() };
    const next = (s: z.core.$ZodType, p: readonly string[] = path, k: string | undefined = key) =>
      this.gen(s, p, k, depth + 1);

    switch (d.type) {
      /* ---- wrappers: the key and path pass through ---- */
      case 'optional': {
        const inner = next(d.innerType);
        return {
          valid: fc.oneof(
            { weight: 1, arbitrary: fc.constant(undefined) },
            { weight: 3, arbitrary: inner.valid },
          ),
          bad: inner.bad,
        };
      }
      case 'nullable': {
        const inner = next(d.innerType);
        return {
          valid: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: inner.valid }),
          bad: inner.bad,
        };
      }
      case 'default':
      case 'prefault': {
        const inner = next(d.innerType);
        return {
          valid: fc.oneof(
            { weight: 1, arbitrary: fc.constant(undefined) },
            { weight: 3, arbitrary: inner.valid },
          ),
          bad: inner.bad,
        };
      }
      case 'nonoptional':
      case 'readonly':
      case 'catch':
      case 'success':
      case 'promise':
        return next(d.innerType);
      case 'lazy':
        return next(d.getter());
      case 'pipe': {
        const from = defOf(d.in).type;
        const to = defOf(d.out).type;
        // A transform accepts anything: the constraints are on the other side of the pipe.
        if (to === 'transform') return next(d.in);
        if (from === 'transform') return next(d.out);
        // e.g. z.string().trim().pipe(z.email()): the input must satisfy both, and `out` is the stricter.
        const a = next(d.in);
        const b = next(d.out);
        return { valid: b.valid, bad: fc.oneof(a.bad, b.bad) };
      }
      case 'transform':
      case 'any':
      case 'unknown':
      case 'custom':
        return {
          valid: fc.oneof(
            fc.string({ maxLength: 10 }),
            fc.integer({ min: -1000, max: 1000 }),
            fc.boolean(),
            fc.constant(null),
          ),
          bad: fc.oneof(pick(HOSTILE_STRINGS), pick(HOSTILE_NUMBERS), wrongType()),
        };

      /* ---- leaves ---- */
      case 'string':
        return this.string(d);
      case 'number':
        return this.number(d);
      case 'int':
        return this.number({ ...d, format: d.format ?? 'safeint' });
      case 'bigint':
        return {
          valid: fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
          bad: fc.oneof(pick(HOSTILE_NUMBERS), wrongType()),
        };
      case 'boolean':
        return {
          valid: fc.boolean(),
          bad: fc.constantFrom<unknown>('true', 'false', 0, 1, null, undefined, 'yes'),
        };
      case 'enum': {
        const values = Object.values(d.entries as Record<string, string | number>);
        const first = String(values[0] ?? '');
        return {
          valid: values.length ? pick(values) : fc.constant(undefined),
          bad: fc.oneof(
            fc.constantFrom<unknown>('', 'not_a_value', first.toUpperCase(), ` ${first}`, `${first}\u0000`),
            pick(HOSTILE_STRINGS),
            wrongType(),
          ),
        };
      }
      case 'literal': {
        const values = d.values as unknown[];
        return {
          valid: pick(values),
          bad: fc.oneof(fc.constantFrom<unknown>(`${String(values[0])}\u0000`, 'other'), wrongType()),
        };
      }
      case 'null':
        return { valid: fc.constant(null), bad: wrongType() };
      case 'undefined':
      case 'void':
      case 'never':
        return { valid: fc.constant(undefined), bad: wrongType() };
      case 'nan':
        return { valid: fc.constant(Number.NaN), bad: wrongType() };
      case 'date':
        return {
          valid: fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
          bad: fc.constantFrom<unknown>(
            new Date(Number.NaN),
            new Date(-8.64e15),
            new Date(8.64e15),
            '2026-11-23',
            0,
            null,
          ),
        };
      case 'symbol':
        return { valid: fc.constant(Symbol('x')), bad: wrongType() };
      case 'file':
      case 'function':
      case 'map':
      case 'set':
        return {
          valid: fc.constant(d.type === 'map' ? new Map() : d.type === 'set' ? new Set() : undefined),
          bad: wrongType(),
        };
      case 'template_literal':
        return {
          valid: d.pattern instanceof RegExp ? matching(d.pattern) : fc.string({ maxLength: 20 }),
          bad: fc.oneof(pick(HOSTILE_STRINGS), wrongType()),
        };

      /* ---- containers ---- */
      case 'object':
        return this.object(d.shape as Record<string, z.core.$ZodType>, path, depth);
      case 'intersection': {
        const shape = objectShapeOf(schema);
        if (shape) return this.object(shape, path, depth);
        const left = next(d.left);
        const right = next(d.right);
        return { valid: left.valid, bad: fc.oneof(left.bad, right.bad) };
      }
      case 'union': {
        const options = (d.options as z.core.$ZodType[]).map((s) => next(s));
        return {
          valid: fc.oneof(...options.map((g) => g.valid)),
          bad: fc.oneof(...options.map((g) => g.bad)),
        };
      }
      case 'array':
        return this.array(d, path, key, depth);
      case 'tuple': {
        const items = (d.items as z.core.$ZodType[]).map((s, i) => next(s, [...path, String(i)]));
        const valid = fc.tuple(...items.map((g) => g.valid));
        const bads = items.map((g, i) => fc.tuple(...items.map((h, j) => (i === j ? g.bad : h.valid))));
        return { valid, bad: fc.oneof(wrongType(), ...bads) };
      }
      case 'record':
        return this.record(d, path, key, depth);
      default:
        return { valid: fc.constant(undefined), bad: wrongType() };
    }
  }

  private object(shape: Record<string, z.core.$ZodType>, path: readonly string[], depth: number): Gen {
    const keys = Object.keys(shape);
    const gens = Object.fromEntries(keys.map((k) => [k, this.gen(shape[k]!, [...path, k], k, depth + 1)]));
    const validOf = Object.fromEntries(keys.map((k) => [k, gens[k]!.valid]));
    const valid = fc.record(validOf).map(dropUndefined);
    if (keys.length === 0) return { valid, bad: wrongType() };
    // One field bad, the rest well-formed: the near miss that gets furthest.
    const oneBad = fc
      .constantFrom(...keys)
      .chain((bad) => fc.record({ ...validOf, [bad]: gens[bad]!.bad }).map(dropUndefined));
    const missing = fc
      .constantFrom(...keys)
      .chain((gone) => valid.map((v) => dropUndefined({ ...v, [gone]: undefined })));
    const extra = valid.map((v) => ({ ...v, unexpectedKey: '\u0000' }));
    return {
      valid,
      bad: fc.oneof(
        { weight: 8, arbitrary: oneBad },
        { weight: 1, arbitrary: missing },
        { weight: 1, arbitrary: extra },
        { weight: 1, arbitrary: wrongType() },
      ),
    };
  }

  private array(d: Def, path: readonly string[], key: string | undefined, depth: number): Gen {
    const { min, max } = lengthBounds(checksOf(d));
    const el = this.gen(d.element, [...path, '*'], key, depth + 1);
    const hi = Math.max(min, Math.min(max, min + this.maxArray));
    const valid = fc.oneof(
      { weight: 4, arbitrary: fc.array(el.valid, { minLength: min, maxLength: hi }) },
      // The same element twice: unique constraints and set semantics.
      {
        weight: 1,
        arbitrary: el.valid.map((v) => Array.from({ length: Math.max(min, Math.min(max, 2)) }, () => v)),
      },
    );
    const bads: fc.Arbitrary<unknown>[] = [
      // One bad element among well-formed ones.
      fc
        .tuple(
          fc.array(el.valid, { minLength: Math.max(0, min - 1), maxLength: Math.max(0, hi - 1) }),
          el.bad,
        )
        .map(([xs, b]) => [...xs, b]),
      wrongType(),
    ];
    if (min > 0) bads.push(fc.constant([]));
    if (Number.isFinite(max) && max <= 1000)
      bads.push(el.valid.map((v) => Array.from({ length: max + 1 }, () => v)));
    return { valid, bad: fc.oneof(...bads) };
  }

  private record(d: Def, path: readonly string[], key: string | undefined, depth: number): Gen {
    const k = this.gen(d.keyType, [...path, '*key'], key, depth + 1);
    const v = this.gen(d.valueType, [...path, '*'], key, depth + 1);
    const keyDef = defOf(d.keyType);
    const enumKeys = keyDef.type === 'enum' ? Object.values(keyDef.entries as Record<string, string>) : null;
    let valid: fc.Arbitrary<unknown>;
    if (enumKeys && !d.partial) {
      // An exhaustive record: every key present.
      valid = fc.record(Object.fromEntries(enumKeys.map((e) => [e, v.valid])));
    } else if (enumKeys) {
      valid = fc
        .subarray(enumKeys, { maxLength: Math.min(enumKeys.length, this.maxArray) })
        .chain((ks) =>
          fc.tuple(...ks.map(() => v.valid)).map((vs) => Object.fromEntries(ks.map((kk, i) => [kk, vs[i]]))),
        );
    } else {
      valid = fc.dictionary(k.valid as fc.Arbitrary<string>, v.valid, { maxKeys: this.maxArray });
    }
    const bad = fc.oneof(
      fc.tuple(valid, v.bad).map(([o, b]) => ({ ...(o as object), [enumKeys?.[0] ?? 'k']: b })),
      fc.tuple(valid, k.bad, v.valid).map(([o, kb, vv]) => ({ ...(o as object), [String(kb)]: vv })),
      wrongType(),
    );
    return { valid, bad };
  }

  private number(d: Def): Gen {
    const b = numberBounds(d);
    const inRange = (n: number) =>
      Number.isFinite(n) &&
      (b.minInclusive ? n >= b.min : n > b.min) &&
      (b.maxInclusive ? n <= b.max : n < b.max) &&
      (!b.int || Number.isInteger(n)) &&
      (b.multipleOf === undefined || Number.isInteger(n / b.multipleOf));
    const edges = [
      b.min,
      b.max,
      0,
      1,
      -1,
      2,
      5,
      10,
      100,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 32,
      2 ** 53 - 1,
      -(2 ** 31),
    ];
    const okEdges = [...new Set(edges.filter(inRange))];
    const near: fc.Arbitrary<number>[] = [];
    // Small whole numbers inside the bounds.
    const from = Math.ceil(Math.max(b.min, -1000));
    const to = Math.floor(Math.min(b.max, 1000));
    if (from <= to) near.push(fc.integer({ min: from, max: to }));
    if (!b.int) {
      const lo = Number.isFinite(b.min) ? b.min : -1e6;
      const hi = Number.isFinite(b.max) ? b.max : 1e6;
      if (lo <= hi) {
        near.push(fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }));
        // Two decimal places, as money and WTE are entered.
        const c0 = Math.ceil(Math.max(lo, -1e5) * 100);
        const c1 = Math.floor(Math.min(hi, 1e5) * 100);
        if (c0 <= c1) near.push(fc.integer({ min: c0, max: c1 }).map((n) => n / 100));
      }
    }
    const choices: Array<{ weight: number; arbitrary: fc.Arbitrary<number> }> = [];
    if (near.length) {
      const fallback = okEdges[0] ?? from;
      let body = fc.oneof(...near);
      if (b.multipleOf !== undefined) body = body.map((n) => Math.round(n / b.multipleOf!) * b.multipleOf!);
      choices.push({ weight: 3, arbitrary: body.map((n) => (inRange(n) ? n : fallback)) });
    }
    if (okEdges.length) choices.push({ weight: 2, arbitrary: pick(okEdges) });
    const valid = choices.length ? fc.oneof(...choices) : fc.constant(b.min);
    const outside = [b.min - 1, b.max + 1, b.min - 0.5, b.max + 0.5].filter(Number.isFinite);
    const bad = fc.oneof(
      { weight: 4, arbitrary: pick(HOSTILE_NUMBERS) },
      { weight: 2, arbitrary: outside.length ? pick(outside) : pick(HOSTILE_NUMBERS) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>('1', '2147483648', '', null, true, [1], {}) },
    );
    return { valid, bad };
  }

  private string(d: Def): Gen {
    const checks = [...checksOf(d), d];
    const { min, max } = lengthBounds(checks);
    const formats = new Set<string>();
    const patterns: RegExp[] = [];
    const formatPatterns: RegExp[] = [];
    for (const c of checks) {
      if (c.check !== 'string_format' || typeof c.format !== 'string') continue;
      if (c.format === 'regex' && c.pattern instanceof RegExp) patterns.push(c.pattern);
      else {
        formats.add(c.format);
        if (c.pattern instanceof RegExp) formatPatterns.push(c.pattern);
      }
    }
    let valid: fc.Arbitrary<string>;
    if (formats.has('uuid') || formats.has('guid')) {
      valid = fc.uuid({ version: [1, 4, 7] });
    } else if (formats.has('email')) {
      valid = fc.stringMatching(
        /^[a-z][a-z0-9]{0,10}(\.[a-z0-9]{1,8})?@[a-z][a-z0-9-]{0,10}[a-z0-9]\.(nhs\.uk|example|com)$/,
      );
    } else if (formats.has('url')) {
      valid = fc.webUrl();
    } else if (formats.has('date') || patterns.some(looksLikeIsoDate)) {
      valid = isoDates();
    } else if (formats.has('datetime')) {
      valid = fc
        .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
        .map((x) => x.toISOString());
    } else if (patterns.length) {
      valid = matching(patterns[0]!);
    } else if (formats.has('lowercase')) {
      valid = this.text(min, max).map((s) => s.toLowerCase());
    } else if (formats.has('uppercase')) {
      valid = this.text(min, max).map((s) => s.toUpperCase());
    } else if (formatPatterns.length) {
      valid = matching(formatPatterns[0]!);
    } else {
      valid = this.text(min, max);
    }
    if (formats.size || patterns.length) {
      // A format fixes the text; where the schema also states lengths, a value that misses them is padded.
      valid = valid.map((s) => (lengthOf(s) >= min && lengthOf(s) <= max ? s : fit(s, min, max)));
    }

    const base = valid;
    const hostile: fc.Arbitrary<unknown>[] = [
      // A control character, lone surrogate or invisible inside an otherwise valid value.
      fc.tuple(base, hostileCharacter(), fc.nat()).map(([s, ch, at]) => {
        const i = s.length ? at % (s.length + 1) : 0;
        const out = s.slice(0, i) + ch + s.slice(i);
        return lengthOf(out) > max && s.length > 0 ? s.slice(0, i) + ch + s.slice(i + 1) : out;
      }),
      fc.tuple(base, hostileCharacter()).map(([s, ch]) => ch + s),
      fc.tuple(base, hostileCharacter()).map(([s, ch]) => s + ch),
      // Whitespace around a valid value (trimmed, or not).
      base.map((s) => ` \t${s}\n `),
      pick(HOSTILE_STRINGS),
    ];
    const lengths: fc.Arbitrary<unknown>[] = [fc.constant('a'.repeat(100_000))];
    if (Number.isFinite(max) && max < 100_000) lengths.push(fc.constant('x'.repeat(max + 1)));
    if (min > 0) lengths.push(fc.constant('x'.repeat(min - 1)));
    const bad = fc.oneof(
      { weight: 8, arbitrary: fc.oneof(...hostile) },
      { weight: 2, arbitrary: fc.oneof(...lengths) },
      { weight: 1, arbitrary: fc.oneof(pick(HOSTILE_NUMBERS), wrongType()) },
    );
    return { valid, bad };
  }

  /** Free text within [min, max]: ordinary words and legal Unicode, sometimes exactly the maximum length. */
  private text(min: number, max: number): fc.Arbitrary<string> {
    const cap = Math.max(min, Math.min(max, min + this.maxString));
    const word = fc.oneof(
      { weight: 3, arbitrary: charsOf(LETTERS, 1, 8) },
      { weight: 2, arbitrary: pick(NICE_FRAGMENTS) },
    );
    const words = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => fit(ws.join(' '), min, cap));
    const body = fc.oneof(
      { weight: 6, arbitrary: words },
      { weight: 1, arbitrary: charsOf(LETTERS, Math.min(min, cap), cap) },
    );
    const choices: Array<{ weight: number; arbitrary: fc.Arbitrary<string> }> = [
      { weight: 8, arbitrary: body },
    ];
    if (Number.isFinite(max) && max > 0 && max <= 100_000)
      choices.push({ weight: 1, arbitrary: fc.constant('x'.repeat(max)) });
    if (min === 0) choices.push({ weight: 1, arbitrary: fc.constant('') });
    return fc.oneof(...choices);
  }
}

/** Length as zod and PostgreSQL count it: in code points. */
const lengthOf = (s: string) => Array.from(s).length;

/** Pad or cut text to fit the lengths in code points (cutting never leaves a lone surrogate). */
function fit(s: string, min: number, max: number): string {
  let out = lengthOf(s) > max ? Array.from(s).slice(0, max).join('') : s;
  out = out.trim();
  while (lengthOf(out) < min) out += 'x';
  return out;
}

function lengthBounds(checks: Array<Record<string, any>>): { min: number; max: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checks) {
    if (c.check === 'min_length' || c.check === 'min_size') min = Math.max(min, c.minimum);
    if (c.check === 'max_length' || c.check === 'max_size') max = Math.min(max, c.maximum);
    if (c.check === 'length_equals' || c.check === 'size_equals') {
      min = Math.max(min, c.length ?? c.size);
      max = Math.min(max, c.length ?? c.size);
    }
  }
  return { min, max };
}

interface NumberBounds {
  min: number;
  max: number;
  minInclusive: boolean;
  maxInclusive: boolean;
  int: boolean;
  multipleOf: number | undefined;
}

const FORMAT_BOUNDS: Record<string, [number, number]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
};

function numberBounds(d: Def): NumberBounds {
  const b: NumberBounds = {
    min: Number.NEGATIVE_INFINITY,
    max: Number.POSITIVE_INFINITY,
    minInclusive: true,
    maxInclusive: true,
    int: false,
    multipleOf: undefined,
  };
  const atLeast = (v: number, inclusive: boolean) => {
    if (v > b.min || (v === b.min && !inclusive)) Object.assign(b, { min: v, minInclusive: inclusive });
  };
  const atMost = (v: number, inclusive: boolean) => {
    if (v < b.max || (v === b.max && !inclusive)) Object.assign(b, { max: v, maxInclusive: inclusive });
  };
  for (const c of [d, ...checksOf(d)]) {
    if (c.check === 'greater_than') atLeast(Number(c.value), c.inclusive);
    if (c.check === 'less_than') atMost(Number(c.value), c.inclusive);
    if (c.check === 'multiple_of') b.multipleOf = Number(c.value);
    if ((c.check === 'number_format' || c.type === 'number') && typeof c.format === 'string') {
      const range = FORMAT_BOUNDS[c.format];
      if (range) {
        atLeast(range[0], true);
        atMost(range[1], true);
      }
      if (c.format !== 'float32' && c.format !== 'float64') b.int = true;
    }
  }
  return b;
}

/** The shape of an intersection of objects (nested intersections flattened; the first schema of a key wins). */
function objectShapeOf(schema: z.core.$ZodType): Record<string, z.core.$ZodType> | null {
  const d = defOf(schema);
  if (d.type === 'object') return d.shape as Record<string, z.core.$ZodType>;
  if (d.type === 'intersection') {
    const l = objectShapeOf(d.left);
    const r = objectShapeOf(d.right);
    return l && r ? { ...r, ...l } : null;
  }
  if (d.type === 'pipe' && defOf(d.out).type === 'transform') return objectShapeOf(d.in);
  return null;
}

function looksLikeIsoDate(p: RegExp): boolean {
  return p.test('2026-11-23') && !p.test('x2026-11-23') && /\\d\{4\}|\[0-9\]\{4\}/.test(p.source);
}

/** Calendar dates, mostly near now, with the edges of what a calendar and a database accept. */
function isoDates(): fc.Arbitrary<string> {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map(iso),
    },
    {
      weight: 1,
      arbitrary: fc
        .date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true })
        .map(iso),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '2024-02-29',
        '2026-12-31',
        '1970-01-01',
        '0001-01-01',
        '0000-01-01',
        '9999-12-31',
      ),
    },
  );
}

/** Strings matching a regular expression (fast-check reads most patterns; others fall back to plain text). */
function matching(pattern: RegExp): fc.Arbitrary<string> {
  const p = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  try {
    return fc.stringMatching(p);
  } catch {
    return fc.string({ maxLength: 20 });
  }
}
