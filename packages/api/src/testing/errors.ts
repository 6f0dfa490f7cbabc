import { TRPCError } from '@trpc/server';
import { appRouter } from '../router';

/** The TRPCError a call failed with (fails the test when the call succeeds or throws something else). */
export async function caught(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** What the client receives for an error: the error formatter's shape (field errors, the current row). */
export function shapeOf(e: TRPCError, path = 'test') {
  return appRouter._def._config.errorFormatter({
    error: e,
    type: 'mutation',
    path,
    input: undefined,
    ctx: undefined,
    shape: { message: e.message, code: -32600, data: { code: e.code, httpStatus: 400, path } },
  } as never) as {
    message: string;
    data: { fieldErrors?: Record<string, string[]>; formErrors?: string[]; current?: unknown };
  };
}
