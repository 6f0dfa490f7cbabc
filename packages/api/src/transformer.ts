import superjson from 'superjson';

/*
 * The wire format stays superjson's (the web app and every client deserialise with superjson), but the
 * server writes it with a lean walk that copies nothing: superjson.serialize checks every value against every type it knows
 * and costs about ten times JSON.stringify (2.5 ms for one register page, 40 ms and more for a steering
 * pack), which made it the largest part of a request's CPU. Plain objects, arrays, strings, finite numbers,
 * booleans, null, Dates and undefined are written here, exactly as superjson writes them; anything else
 * (a Map, a Set, a BigInt, NaN, a class instance) hands the whole value to superjson.
 */

class NeedsSuperjson extends Error {}

type TValues = Record<string, [string]>;

/** superjson's path escaping: a key's backslashes and dots are escaped so paths split unambiguously. */
const escapeKey = (key: string) => key.replace(/\\/g, '\\\\').replace(/\./g, '\\.');

/**
 * Collects superjson's annotations without copying: JSON.stringify already writes a Date as its ISO string,
 * as superjson does, so the value itself is the `json`. `path` is null at the top (superjson annotates the
 * top itself differently). An undefined property is left out, as JSON leaves it out (superjson would write
 * null and annotate it: both read back as undefined); an undefined array item is annotated.
 */
function walk(v: unknown, path: string | null, values: TValues, inArray: boolean): void {
  if (v === null) return;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(v) || Object.is(v, -0)) throw new NeedsSuperjson();
      return;
    case 'undefined':
      if (path === null) throw new NeedsSuperjson();
      if (inArray) values[path] = ['undefined'];
      return;
    case 'object':
      break;
    default:
      throw new NeedsSuperjson();
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime()) || path === null) throw new NeedsSuperjson();
    values[path] = ['Date'];
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) walk(v[i], path === null ? String(i) : `${path}.${i}`, values, true);
    return;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new NeedsSuperjson();
  if ('toJSON' in v) throw new NeedsSuperjson();
  for (const key in v) {
    const item = (v as Record<string, unknown>)[key];
    // Only Dates and undefined array items need a path: skip building it for plain leaves.
    if (
      item === null ||
      (typeof item !== 'object' && typeof item !== 'undefined' && typeof item !== 'number')
    )
      continue;
    // superjson refuses these keys; a value under one that needs an annotation goes to superjson so the
    // answer is the same as it would be. A plain value under one is written as JSON writes it.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new NeedsSuperjson();
    const escaped = key.includes('.') || key.includes('\\') ? escapeKey(key) : key;
    walk(item, path === null ? escaped : `${path}.${escaped}`, values, false);
  }
}

export function serialize(value: unknown): ReturnType<typeof superjson.serialize> {
  // A bare Date or undefined at the top is annotated differently: superjson's own rules.
  if (value === undefined || value instanceof Date) return superjson.serialize(value);
  const values: TValues = {};
  try {
    walk(value, null, values, false);
  } catch (e) {
    if (e instanceof NeedsSuperjson) return superjson.serialize(value);
    throw e;
  }
  const out = { json: value } as ReturnType<typeof superjson.serialize>;
  for (const _ in values) {
    out.meta = { values, v: 1 } as never;
    break;
  }
  return out;
}

/** tRPC's transformer: the lean writer above, superjson's reader. */
export const transformer = {
  serialize,
  deserialize: (payload: Parameters<typeof superjson.deserialize>[0]) => superjson.deserialize(payload),
};
