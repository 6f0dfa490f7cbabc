import {
  createContextInner,
  exportRiskRegister,
  SESSION_COOKIE,
  sessionFromToken,
  type TExportInput,
} from '@baton/api';
import type { Database } from '@baton/db';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  UnauthenticatedError,
} from '@baton/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/*
 * File downloads tRPC cannot stream: the risk register as XLSX or CSV. The session cookie is read exactly as
 * the tRPC context reads it, and @baton/api makes the same membership and visibility checks a procedure makes.
 */

export interface ExportRoutesOptions {
  db: Database;
  today?: () => string;
}

type ExportRequest = FastifyRequest<{
  Params: { programmeId: string };
  Querystring: { filter?: string; sort?: string; direction?: string };
}>;

function statusOf(e: DomainError): number {
  if (e instanceof UnauthenticatedError) return 401;
  if (e instanceof ForbiddenError) return 403;
  if (e instanceof NotFoundError) return 404;
  if (e instanceof ConflictError) return 409;
  return 400;
}

export const exportRoutes: FastifyPluginAsync<ExportRoutesOptions> = async (app, { db, today }) => {
  const download = (format: TExportInput['format']) => async (req: ExportRequest, reply: FastifyReply) => {
    const session = await sessionFromToken(db, req.cookies[SESSION_COOKIE]);
    const ctx = createContextInner({
      db,
      session,
      today,
      request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
    });
    let filter: unknown;
    if (req.query.filter) {
      try {
        filter = JSON.parse(req.query.filter);
      } catch {
        return reply.code(400).send({ error: 'The filter is not valid JSON.' });
      }
    }
    try {
      const file = await exportRiskRegister(ctx, {
        programmeId: req.params.programmeId,
        format,
        filter,
        sort: req.query.sort,
        direction: req.query.direction,
      });
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

  app.get('/export/programmes/:programmeId/risks.xlsx', download('xlsx'));
  app.get('/export/programmes/:programmeId/risks.csv', download('csv'));
};
