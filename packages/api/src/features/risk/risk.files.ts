import { NotFoundError, RuleViolationError } from '@baton/domain';
import { findProgramme } from '@baton/db';
import { PROGRAMME_NOT_FOUND } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { parseQuery, single, type TDownload, type TDownloadRequest } from '../../downloads';
import { fileCode } from '../../reports/report.format';
import type { TReportFile } from '../../reports/report.meta';
import { loadRegister, registerCsv, registerXlsx } from './register.export';
import { ZExportInput, type TExportFormat } from './risk.schema';
import { matrixFor } from './risk-matrix.cache';

const CONTENT_TYPES: Record<TExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

function parseFilter(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new RuleViolationError('The filter is not valid JSON.', { filter: ['Not valid JSON'] });
  }
}

/**
 * The risk register as a file under the register's filters and order: the risks the caller may see (a
 * bidder only its own organisation's), every action of each, and the matrix.
 */
export async function registerFile(
  ctx: TMemberContext,
  raw: { format: TExportFormat; filter?: unknown; sort?: unknown; direction?: unknown },
): Promise<TReportFile> {
  const input = parseQuery(ZExportInput, raw, 'That filter is not valid.');
  const { db, member } = ctx;
  const today = ctx.today();
  const [programme, { matrix }] = await Promise.all([
    findProgramme(db, member.programmeId),
    matrixFor(db, member),
  ]);
  if (!programme) throw new NotFoundError(PROGRAMME_NOT_FOUND);
  const data = await loadRegister(db, member, input, today, matrix);
  const body =
    input.format === 'xlsx'
      ? await registerXlsx(data, { title: `${programme.name}: risk register, ${today}` })
      : Buffer.from(registerCsv(data), 'utf-8');
  return {
    fileName: `${fileCode(programme.code)}-risk-register-${today}.${input.format}`,
    contentType: CONTENT_TYPES[input.format],
    body,
  };
}

const fromQuery = (format: TExportFormat) => (ctx: TMemberContext, req: TDownloadRequest) =>
  registerFile(ctx, {
    format,
    filter: parseFilter(single(req.query.filter)),
    sort: single(req.query.sort),
    direction: single(req.query.direction),
  });

export const riskFiles: TDownload[] = [
  {
    path: '/export/programmes/:programmeId/risks.xlsx',
    capability: 'programme.read',
    description: 'The risk register (and actions, and the matrix) as XLSX, under the register’s filters',
    make: fromQuery('xlsx'),
  },
  {
    path: '/export/programmes/:programmeId/risks.csv',
    capability: 'programme.read',
    description: 'The risk register as CSV, under the register’s filters',
    make: fromQuery('csv'),
  },
];
