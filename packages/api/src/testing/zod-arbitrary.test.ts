import * as domain from '@baton/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HOSTILE_CHARACTERS, zodArbitraries, zodArbitrary } from './zod-arbitrary';

const SEED = 20261123;
const sample = (a: fc.Arbitrary<unknown>, n = 300) => fc.sample(a, { numRuns: n, seed: SEED });
const passRate = (schema: z.ZodType, values: unknown[]) =>
  values.filter((v) => schema.safeParse(v).success).length / values.length;

/** Every kind of schema the generator knows, each with values it must accept. */
const KINDS: Record<string, z.ZodType> = {
  string: z.string(),
  bounded: z.string().trim().min(3).max(12),
  exactLength: z.string().length(5),
  uuid: z.uuid(),
  email: z.email(),
  emailPipe: z.string().trim().toLowerCase().pipe(z.email()),
  url: z.url(),
  isoDate: z.iso.date(),
  isoDateTime: z.iso.datetime(),
  regex: z.string().regex(/^[A-Z0-9]{3,6}$/),
  lowercase: z.string().lowercase(),
  startsWith: z.string().startsWith('ab'),
  number: z.number(),
  boundedNumber: z.number().min(-2.5).max(7.25),
  positive: z.number().positive(),
  int: z.number().int(),
  zInt: z.int(),
  int32: z.int32(),
  boundedInt: z.number().int().min(1).max(5),
  exclusiveInt: z.number().int().gt(0).lt(3),
  multipleOf: z.number().multipleOf(5).min(0).max(100),
  bigint: z.bigint(),
  boolean: z.boolean(),
  enum: z.enum(['a', 'b', 'c']),
  literal: z.literal('only'),
  numberLiteral: z.literal(42),
  null: z.null(),
  date: z.date(),
  any: z.any(),
  unknown: z.unknown(),
  array: z.array(z.number().int()).min(1).max(3),
  tuple: z.tuple([z.string(), z.number()]),
  optional: z.string().optional(),
  nullable: z.uuid().nullable(),
  nullish: z.uuid().nullish(),
  default: z.number().int().default(3),
  prefault: z.string().prefault('x'),
  readonly: z.object({ a: z.string() }).readonly(),
  catch: z.number().catch(0),
  transform: z.string().transform((s) => s.length),
  preprocess: z.preprocess((v) => v, z.number().int().min(0)),
  union: z.union([z.string().min(1), z.number().int()]),
  discriminated: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('a'), a: z.string() }),
    z.object({ kind: z.literal('b'), b: z.number().int() }),
  ]),
  intersection: z.object({ a: z.uuid() }).and(z.object({ b: z.boolean() })),
  nestedIntersection: z
    .object({ a: z.uuid() })
    .and(z.object({ b: z.boolean() }))
    .and(z.object({ c: z.enum(['x']) })),
  record: z.record(z.string().max(10), z.number().int()),
  enumRecord: z.record(z.enum(['x', 'y']), z.boolean()),
  partialRecord: z.partialRecord(z.enum(['x', 'y', 'z']), z.number().int().min(0).max(9).nullable()),
  object: z.object({
    id: z.uuid(),
    title: z.string().trim().min(3).max(200),
    tags: z.array(z.string().max(20)).max(4).default([]),
    nested: z.object({ n: z.number().int().min(1).max(5) }).optional(),
  }),
  strictObject: z.strictObject({ a: z.string() }),
  lazy: z.lazy(() => z.object({ a: z.number().int() })),
};

describe('zodArbitrary', () => {
  it.each(Object.entries(KINDS))('%s: builds, and its well-formed values parse', (_name, schema) => {
    const { valid, bad } = zodArbitraries(schema);
    expect(passRate(schema, sample(valid))).toBe(1);
    expect(sample(bad, 20)).toHaveLength(20);
    expect(sample(zodArbitrary(schema), 20)).toHaveLength(20);
  });

  it('bad values are mostly refused by schemas that state constraints', () => {
    // (A plain bounded string accepts the control characters the bad values carry: that is the point of them.)
    for (const name of ['uuid', 'email', 'boundedInt', 'enum', 'object', 'array', 'intersection']) {
      const schema = KINDS[name]!;
      expect(passRate(schema, sample(zodArbitraries(schema).bad)), name).toBeLessThan(0.5);
    }
  });

  it('bad strings carry every hostile character, blank text and over-long text', () => {
    const values = sample(zodArbitraries(z.string().max(50)).bad, 3000).filter(
      (v): v is string => typeof v === 'string',
    );
    for (const ch of HOSTILE_CHARACTERS)
      expect(
        values.some((v) => v.includes(ch) && v.length > 1),
        JSON.stringify(ch),
      ).toBe(true);
    expect(values).toContain('');
    expect(values.some((v) => v.trim() === '' && v.length > 0)).toBe(true);
    expect(values.some((v) => v.length === 51)).toBe(true);
    expect(values.some((v) => v.length >= 100_000)).toBe(true);
  });

  it('a NUL inside an otherwise valid value keeps within the maximum length', () => {
    const schema = z.string().min(3).max(10);
    const withNul = sample(zodArbitraries(schema).bad, 2000).filter(
      (v): v is string => typeof v === 'string' && v.includes('\u0000') && v.length > 1,
    );
    expect(withNul.length).toBeGreaterThan(10);
    expect(withNul.some((v) => schema.safeParse(v).success)).toBe(true);
  });

  it('integers without an upper bound are tried at 2^31 and 2^53 - 1; bad ones at 2^53, -1, NaN, Infinity', () => {
    const valid = sample(zodArbitraries(z.number().int().positive()).valid, 1000);
    expect(valid).toContain(2 ** 31);
    expect(valid).toContain(2 ** 53 - 1);
    const bad = sample(zodArbitraries(z.number().int().min(1).max(5)).bad, 1000);
    for (const n of [2 ** 31, 2 ** 53, -1, 0, 6, Number.POSITIVE_INFINITY]) expect(bad).toContain(n);
    expect(bad.some((v) => Number.isNaN(v))).toBe(true);
  });

  it('strings are tried at exactly their maximum length', () => {
    expect(sample(zodArbitraries(z.string().max(300)).valid, 500)).toContain('x'.repeat(300));
  });

  it('objects: one field bad at a time, optional keys sometimes absent', () => {
    const schema = z.object({ a: z.uuid(), b: z.number().int().min(0).max(9), c: z.string().optional() });
    const bad = sample(zodArbitraries(schema).bad, 500) as Array<Record<string, unknown>>;
    const oneOff = bad.filter((v) => v && typeof v === 'object' && !Array.isArray(v));
    const errorsPerValue = oneOff.map((v) => schema.safeParse(v).error?.issues.length ?? 0);
    expect(errorsPerValue.filter((n) => n === 1).length).toBeGreaterThan(oneOff.length / 3);
    const valid = sample(zodArbitraries(schema).valid, 200) as Array<Record<string, unknown>>;
    expect(valid.some((v) => !('c' in v))).toBe(true);
    expect(valid.some((v) => typeof v.c === 'string')).toBe(true);
  });

  it('override: a leaf can draw its well-formed values from a pool', () => {
    const pool = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const schema = z.object({
      riskId: z.uuid(),
      lotIds: z.array(z.uuid()).max(3),
      ownerUserId: z.uuid().nullable(),
    });
    const values = sample(
      zodArbitraries(schema, {
        override: ({ schema: s, key }) =>
          (s as z.ZodType) instanceof z.ZodUUID && key !== 'ownerUserId'
            ? fc.constantFrom(...pool)
            : undefined,
      }).valid,
    ) as Array<{ riskId: string; lotIds: string[]; ownerUserId: string | null }>;
    expect(values.every((v) => pool.includes(v.riskId) && v.lotIds.every((id) => pool.includes(id)))).toBe(
      true,
    );
    expect(values.some((v) => v.ownerUserId !== null && !pool.includes(v.ownerUserId))).toBe(true);
  });

  it('the same seed gives the same values', () => {
    const a = sample(zodArbitrary(KINDS.object!), 50);
    const b = sample(zodArbitrary(KINDS.object!), 50);
    expect(a).toEqual(b);
  });

  /** Every input schema the domain exports: the generator reaches valid values for most of them. */
  it('every domain input schema builds and yields values it accepts', () => {
    const inputs = Object.entries(domain).filter(
      ([name, v]) => /^Z.*Input$/.test(name) && v instanceof z.ZodType,
    ) as Array<[string, z.ZodType]>;
    expect(inputs.length).toBeGreaterThan(20);
    const rates: Record<string, number> = {};
    for (const [name, schema] of inputs)
      rates[name] = passRate(schema, sample(zodArbitraries(schema).valid, 200));
    // Cross-field refinements (dates in order, WTE <= headcount) refuse some well-formed values; none all.
    const never = Object.entries(rates).filter(([, r]) => r === 0);
    expect(never, JSON.stringify(rates)).toEqual([]);
  });
});
