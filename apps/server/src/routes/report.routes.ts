import { exportFrozenPack, exportSteeringPack, exportTransitionPlan } from '@baton/api';
import type { Database } from '@baton/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { downloadHandler } from './download';

/*
 * Report downloads: the steering group pack (live, or frozen for a meeting) as PDF or XLSX, and the transition
 * plan as XLSX.
 */

export interface ReportRoutesOptions {
  db: Database;
  today?: () => string;
}

type ReportRequest = FastifyRequest<{
  Params: { programmeId: string; meetingId?: string };
  Querystring: { asAt?: string; since?: string };
}>;

/** A query parameter given once, as text (a repeated one is refused as not a date). */
const single = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v === undefined ? undefined : '?';

export const reportRoutes: FastifyPluginAsync<ReportRoutesOptions> = async (app, { db, today }) => {
  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/export/programmes/:programmeId/steering-pack.${format}`,
      downloadHandler(db, today, (ctx, req: ReportRequest) =>
        exportSteeringPack(ctx, {
          programmeId: req.params.programmeId,
          format,
          asAt: single(req.query.asAt),
          since: single(req.query.since),
        }),
      ),
    );
    app.get(
      `/export/programmes/:programmeId/meetings/:meetingId/pack.${format}`,
      downloadHandler(db, today, (ctx, req: ReportRequest) =>
        exportFrozenPack(ctx, {
          programmeId: req.params.programmeId,
          meetingId: req.params.meetingId ?? '',
          format,
        }),
      ),
    );
  }
  app.get(
    '/export/programmes/:programmeId/transition-plan.xlsx',
    downloadHandler(db, today, (ctx, req: ReportRequest) =>
      exportTransitionPlan(ctx, { programmeId: req.params.programmeId }),
    ),
  );
};
