import { createContextInner, SESSION_COOKIE, sessionFromToken, type Context } from '@baton/api';
import type { Database } from '@baton/db';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  UnauthenticatedError,
} from '@baton/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';

/*
 * File downloads tRPC cannot stream (register exports, steering packs, plans). The session cookie is read
 * exactly as the tRPC context reads it, and the @baton/api function behind each file makes the same
 * membership, capability and visibility checks a procedure makes; domain errors become the matching status
 * with a JSON body, like a procedure's error.
 */

export interface TDownloadFile {
  fileName: string;
  contentType: string;
  body: Buffer | string;
}

function statusOf(e: DomainError): number {
  if (e instanceof UnauthenticatedError) return 401;
  if (e instanceof ForbiddenError) return 403;
  if (e instanceof NotFoundError) return 404;
  if (e instanceof ConflictError) return 409;
  return 400;
}

export function downloadHandler<R extends FastifyRequest>(
  db: Database,
  today: (() => string) | undefined,
  make: (ctx: Context, req: R) => Promise<TDownloadFile>,
) {
  return async (req: R, reply: FastifyReply) => {
    const session = await sessionFromToken(db, req.cookies[SESSION_COOKIE]);
    const ctx = createContextInner({
      db,
      session,
      today,
      request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
    });
    try {
      const file = await make(ctx, req);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(file.body);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return reply.code(statusOf(e)).send({
        error: e.message,
        ...(e instanceof RuleViolationError ? { fieldErrors: e.fieldErrors } : {}),
      });
    }
  };
}
