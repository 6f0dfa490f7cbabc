import { ZPackInput, type TSteeringPack } from '@baton/domain';
import { listParties, type Executor } from '@baton/db';
import type { TMemberContext } from '../../context';
import { parseQuery, single, type TDownload, type TDownloadRequest } from '../../downloads';
import { CONTENT_TYPES, fileCode, type TReportFormat } from '../../reports/report.format';
import type { TPackPaperMeta, TReportFile } from '../../reports/report.meta';
import { steeringPackPdf } from '../../reports/steering-pack.pdf';
import { steeringPackXlsx } from '../../reports/steering-pack.xlsx';
import { buildPack, resolvePackDates } from './steering.pack';

/** The organisation whose paper this is: the programme's lead commissioner. */
export async function leadCommissioner(db: Executor, programmeId: string): Promise<string> {
  const parties = await listParties(db, programmeId);
  const lead =
    parties.find((p) => p.role === 'lead_commissioner') ?? parties.find((p) => p.role === 'co_commissioner');
  return lead?.organisation.name ?? 'Commissioner not recorded';
}

export async function packFile(
  pack: TSteeringPack,
  meta: TPackPaperMeta,
  format: TReportFormat,
  stem: string,
): Promise<TReportFile> {
  const body = format === 'pdf' ? await steeringPackPdf(pack, meta) : await steeringPackXlsx(pack, meta);
  return { fileName: `${stem}.${format}`, contentType: CONTENT_TYPES[format], body };
}

/** The steering group pack as at a date (default today), as `steering.pack` builds it, as a PDF or XLSX. */
export async function steeringPackFile(
  ctx: TMemberContext,
  format: TReportFormat,
  raw: { asAt?: string | undefined; since?: string | undefined },
): Promise<TReportFile> {
  const parsed = parseQuery(ZPackInput, raw, 'Some of the values need correcting.');
  const today = ctx.today();
  const { asAt, since } = resolvePackDates(parsed, today);
  const [pack, organisation] = await Promise.all([
    buildPack(ctx.db, ctx.member, { asAt, since, today }),
    leadCommissioner(ctx.db, ctx.member.programmeId),
  ]);
  return packFile(
    pack,
    { organisation, meeting: null, frozen: null },
    format,
    `${fileCode(pack.programme.code)}-steering-pack-${asAt}`,
  );
}

const fromQuery = (format: TReportFormat) => (ctx: TMemberContext, req: TDownloadRequest) =>
  steeringPackFile(ctx, format, { asAt: single(req.query.asAt), since: single(req.query.since) });

export const steeringFiles: TDownload[] = (['pdf', 'xlsx'] as const).map((format) => ({
  path: `/export/programmes/:programmeId/steering-pack.${format}` as const,
  capability: 'programme.read' as const,
  description: `The steering group pack as at a date (default today) as ${format.toUpperCase()}`,
  make: fromQuery(format),
}));
