import { RuleViolationError } from '@baton/domain';
import { z } from 'zod';

/*
 * A partial edit laid over the stored row can break a rule across fields (due before start) that the input
 * schema alone could not see: report it next to the fields, as input validation does, never as a 500.
 */
export function parseMerged<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new RuleViolationError(
      'Some of the values need correcting.',
      z.flattenError(r.error).fieldErrors as Record<string, string[]>,
    );
  return r.data;
}

/** The fields of a patch that were sent (undefined means "leave as it is"). */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A file sent inside a tRPC call: base64 text, at most `maxBytes` once decoded. */
export const zBase64File = (maxBytes: number, tooLarge: string) =>
  z
    .string()
    .min(1, 'The file is empty')
    .max(Math.ceil(maxBytes / 3) * 4, tooLarge)
    .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, 'The file was not sent as base64');
