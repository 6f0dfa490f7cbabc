import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serialize } from './transformer';

/* The lean writer must produce exactly what superjson would, for every value the API returns. */

const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.date({ noInvalidDate: false }),
);
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('a.b', 'a\\b', '0', '__proto_x', 'x.y.z', '', '__proto__', 'constructor', 'prototype'),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
})).node;

describe('the tRPC transformer', () => {
  it('writes what superjson writes, for any mix of objects, arrays, dates, undefined and numbers', () => {
    fc.assert(
      fc.property(value, (v) => {
        const wire = (x: unknown) =>
          JSON.parse(JSON.stringify(x)) as Parameters<typeof superjson.deserialize>[0];
        let theirsWhole: ReturnType<typeof superjson.serialize>;
        try {
          theirsWhole = superjson.serialize(v);
        } catch {
          // superjson refuses __proto__, constructor and prototype keys. Ours writes a plain value under one as
          // JSON does, and refuses as superjson does when something under it needs an annotation.
          let mine: ReturnType<typeof superjson.serialize>;
          try {
            mine = serialize(v);
          } catch {
            return;
          }
          expect(JSON.stringify(mine.json)).toBe(JSON.stringify(v));
          expect(() => superjson.deserialize(wire(mine))).not.toThrow();
          return;
        }
        // What the other side reads back is what superjson's own output reads back as.
        expect(superjson.deserialize(wire(serialize(v)))).toEqual(superjson.deserialize(wire(theirsWhole)));
        // And the annotations are superjson's, but for undefined properties, which JSON leaves out.
        const mine = (serialize(v).meta?.values ?? {}) as Record<string, unknown>;
        const theirs = (theirsWhole.meta?.values ?? {}) as Record<string, unknown>;
        if (!Array.isArray(theirs))
          for (const [k, t] of Object.entries(theirs))
            if (JSON.stringify(t) !== '["undefined"]') expect(mine[k]).toEqual(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('hands Maps, Sets and BigInts to superjson, so they survive the wire', () => {
    const v = { m: new Map([[1, { at: new Date(0) }]]), s: new Set(['a']), n: 10n, list: [new Date(5)] };
    expect(serialize(v)).toEqual(superjson.serialize(v));
    expect(superjson.deserialize(JSON.parse(JSON.stringify(serialize(v))))).toEqual(v);
  });

  it('round-trips a register-like page through superjson on the other side', () => {
    const page = {
      items: [{ id: 'r1', updatedAt: new Date('2026-11-23T10:00:00Z'), note: undefined, tags: ['a.b'] }],
      total: 1,
      nextCursor: null,
    };
    expect(superjson.deserialize(JSON.parse(JSON.stringify(serialize(page))))).toEqual(page);
  });
});
