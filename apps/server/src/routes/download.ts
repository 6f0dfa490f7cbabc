import {
  createContextInner,
  errorBodyOf,
  httpStatusOf,
  runDownload,
  SESSION_COOKIE,
  sessionFromToken,
  type TDownload,
} from '@baton/api';
import type { Database } from '@baton/db';
import { DomainError } from '@baton/domain';
import contentDisposition from 'content-disposition';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/*
 * File downloads tRPC cannot stream (register exports, steering packs, plans). The session cookie is read
 * exactly as the tRPC context reads it; @baton/api's runDownload makes the membership, capability and
 * visibility checks a procedure makes, through the same services; and a domain error answers with the same
 * status, code and message a procedure would (one error map for both).
 */

type DownloadRequest = FastifyRequest<{
  Params: Record<string, string | undefined>;
  Querystring: Record<string, unknown>;
}>;

export function downloadHandler(db: Database, today: (() => string) | undefined, d: TDownload) {
  return async (req: DownloadRequest, reply: FastifyReply) => {
    const session = await sessionFromToken(db, req.cookies[SESSION_COOKIE]);
    const ctx = createContextInner({
      db,
      session,
      today,
      request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
    });
    try {
      const file = await runDownload(ctx, d, { params: req.params, query: req.query });
      return (
        reply
          .header('content-type', file.contentType)
          // RFC 6266: plain names as they are; others ("Staff list – Wyebridge.xlsx") also as UTF-8.
          .header('content-disposition', contentDisposition(file.fileName))
          .header('cache-control', 'private, no-store')
          .send(file.body)
      );
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return reply.code(httpStatusOf(e)).send(errorBodyOf(e));
    }
  };
}

export interface DownloadRoutesOptions {
  db: Database;
  today?: () => string;
  downloads: readonly TDownload[];
}

/** Registers every download @baton/api describes, and nothing else, under /export. */
export const downloadRoutes: FastifyPluginAsync<DownloadRoutesOptions> = async (app, o) => {
  for (const d of o.downloads) app.get(d.path, downloadHandler(o.db, o.today, d));
};
