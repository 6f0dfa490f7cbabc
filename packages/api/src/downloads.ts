import { RuleViolationError, type TCapability } from '@baton/domain';
import { z } from 'zod';
import { sessionMembershipFor } from './access/membership';
import type { Context, TMemberContext } from './context';
import type { TDownloadFile } from './reports/report.meta';

/*
 * File downloads (registers, papers, plans) are HTTP GET routes, since tRPC does not stream files. Each
 * feature describes its own in `<feature>.files.ts`; `downloads` lists them all, the server registers
 * exactly these, and the generated access test walks exactly these. A download makes the checks a
 * programme procedure makes, in the same order, through the same services: no session is UNAUTHORIZED, a
 * non-member NOT_FOUND, a member without the capability FORBIDDEN, then the query is validated.
 */

export interface TDownloadRequest {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
}

export interface TDownload {
  /** The route, with `:programmeId` (and any other parameters) in it. */
  path: `/export/programmes/:programmeId/${string}`;
  capability: TCapability;
  /** What the file is, for the access table and the README. */
  description: string;
  make(ctx: TMemberContext, request: TDownloadRequest): Promise<TDownloadFile>;
}

/** Runs a download for the caller of a request: session, membership and capability, then the file. */
export async function runDownload(
  ctx: Context,
  d: TDownload,
  request: TDownloadRequest,
): Promise<TDownloadFile> {
  const member = await sessionMembershipFor(ctx, request.params.programmeId, d.capability);
  return d.make({ db: ctx.db, user: ctx.session!.user, member, today: ctx.today }, request);
}

/** A query parameter given once, as text; a repeated one is refused as not what was asked for. */
export const single = (v: unknown): string | undefined =>
  typeof v === 'string' ? (v === '' ? undefined : v) : v === undefined ? undefined : '?';

/** Query values against a schema: a 400 naming each field, as a procedure's input validation would. */
export function parseQuery<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new RuleViolationError(message, z.flattenError(r.error).fieldErrors as Record<string, string[]>);
  return r.data;
}
