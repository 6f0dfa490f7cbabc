import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  RuleViolationError,
  UnauthenticatedError,
} from '@baton/domain';
import type { TRPCError } from '@trpc/server';

type TRPC_ERROR_CODE_KEY = TRPCError['code'];

/*
 * One error map for every way into the API: tRPC procedures and file downloads answer the same domain error
 * with the same code, status and message.
 */

const CODES: Array<[new (...args: never[]) => DomainError, TRPC_ERROR_CODE_KEY, number]> = [
  [NotFoundError, 'NOT_FOUND', 404],
  [ForbiddenError, 'FORBIDDEN', 403],
  [ConflictError, 'CONFLICT', 409],
  [RuleViolationError, 'BAD_REQUEST', 400],
  [RateLimitedError, 'TOO_MANY_REQUESTS', 429],
  [UnauthenticatedError, 'UNAUTHORIZED', 401],
];

function entryOf(e: DomainError) {
  return CODES.find(([type]) => e instanceof type);
}

/** The tRPC code of a domain error. */
export function trpcCodeOf(e: DomainError): TRPC_ERROR_CODE_KEY {
  return entryOf(e)?.[1] ?? 'BAD_REQUEST';
}

/** The HTTP status of a domain error, as tRPC would answer it. */
export function httpStatusOf(e: DomainError): number {
  return entryOf(e)?.[2] ?? 400;
}

export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side. Nothing was changed; please try again.';

/** The JSON body a download answers with, shaped like a procedure's error data. */
export function errorBodyOf(e: DomainError) {
  return {
    error: e.message,
    code: trpcCodeOf(e),
    ...(e instanceof RuleViolationError ? { fieldErrors: e.fieldErrors } : {}),
    ...(e instanceof RateLimitedError ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
  };
}
