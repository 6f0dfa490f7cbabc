import { z } from 'zod';

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
