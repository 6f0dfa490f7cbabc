import { exportRiskRegister, type TExportInput } from '@baton/api';
import type { Database } from '@baton/db';
import { RuleViolationError } from '@baton/domain';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { downloadHandler } from './download';

/* The risk register as XLSX or CSV, honouring the register's filters (a JSON query parameter). */

export interface ExportRoutesOptions {
  db: Database;
  today?: () => string;
}

type ExportRequest = FastifyRequest<{
  Params: { programmeId: string };
  Querystring: { filter?: string; sort?: string; direction?: string };
}>;

function parseFilter(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new RuleViolationError('The filter is not valid JSON.', { filter: ['Not valid JSON'] });
  }
}

export const exportRoutes: FastifyPluginAsync<ExportRoutesOptions> = async (app, { db, today }) => {
  const register = (format: TExportInput['format']) =>
    downloadHandler(db, today, (ctx, req: ExportRequest) =>
      exportRiskRegister(ctx, {
        programmeId: req.params.programmeId,
        format,
        filter: parseFilter(req.query.filter),
        sort: req.query.sort,
        direction: req.query.direction,
      }),
    );
  app.get('/export/programmes/:programmeId/risks.xlsx', register('xlsx'));
  app.get('/export/programmes/:programmeId/risks.csv', register('csv'));
};
