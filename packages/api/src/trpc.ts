import {
  ConflictError,
  DomainError,
  RateLimitedError,
  RuleViolationError,
  SecondFactorRequiredError,
  type TCapability,
} from '@baton/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import { transformer } from './transformer';
import { z, ZodError } from 'zod';
import { membershipFor } from './access/membership';
import type { Context } from './context';
import { INTERNAL_ERROR_MESSAGE, trpcCodeOf } from './errors';

const t = initTRPC.context<Context>().create({
  transformer,
  // Never ship stack traces or SQL to the client, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zod = cause instanceof ZodError ? z.flattenError(cause) : null;
    const message =
      error.code === 'INTERNAL_SERVER_ERROR'
        ? INTERNAL_ERROR_MESSAGE
        : zod
          ? 'Some of the values need correcting.'
          : shape.message;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: zod
          ? (zod.fieldErrors as Record<string, string[]>)
          : cause instanceof RuleViolationError
            ? cause.fieldErrors
            : undefined,
        formErrors: zod ? zod.formErrors : undefined,
        current: cause instanceof ConflictError ? cause.current : undefined,
        retryAfterSeconds: cause instanceof RateLimitedError ? cause.retryAfterSeconds : undefined,
        // The web app offers to set up a second factor rather than showing a dead end.
        secondFactorRequired: cause instanceof SecondFactorRequiredError ? true : undefined,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Domain errors thrown anywhere below become one tRPC code each; anything else stays a 500. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeOf(cause), message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in to continue.' });
  return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
});

/**
 * A procedure about one programme: loads the caller's membership in the programme named by the input.
 * Outsiders get NOT_FOUND (a programme's existence is itself confidential); members lacking the capability
 * get FORBIDDEN.
 */
export function programmeProcedure(capability: TCapability) {
  return authedProcedure.input(z.object({ programmeId: z.uuid() })).use(async ({ ctx, input, next }) => {
    const member = await membershipFor(
      ctx.db,
      ctx.user.id,
      input.programmeId,
      capability,
      ctx.session.method ?? 'password',
    );
    return next({ ctx: { ...ctx, member } });
  });
}
