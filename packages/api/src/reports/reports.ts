import { NotFoundError, RuleViolationError, ZPackInput, type TSteeringPack } from '@baton/domain';
import { findProgramme, listParties, type Executor } from '@baton/db';
import { z } from 'zod';
import { sessionMembershipFor } from '../auth/membership';
import type { Context } from '../context';
import { readFrozenPack } from '../routers/meeting/meeting.snapshot';
import { buildPack, resolvePackDates } from '../routers/steering/steering.pack';
import { CONTENT_TYPES, fileCode, type TReportFormat } from './report.format';
import type { TPackPaperMeta, TReportFile } from './report.meta';
import { steeringPackPdf } from './steering-pack.pdf';
import { steeringPackXlsx } from './steering-pack.xlsx';
import { loadTransitionReport, transitionPlanXlsx } from './transition-plan.xlsx';

/*
 * The report downloads, with the checks a `programme.read` procedure makes, in the same order: no session is
 * UnauthenticatedError; anyone not a member gets NotFoundError (a programme's existence is confidential);
 * a member without the capability ForbiddenError; then the input is validated (RuleViolationError). Visibility
 * follows the procedures: a bidder-isolated member's live pack and plan cover only their own organisation, and
 * frozen packs (which cover every organisation) are refused to them.
 */

export type { TReportFile };
export type TPackReportFormat = TReportFormat;

const notFound = () => new NotFoundError('Programme not found, or you are not a member of it.');

function invalid(message: string, error: z.ZodError): RuleViolationError {
  return new RuleViolationError(message, z.flattenError(error).fieldErrors as Record<string, string[]>);
}

const memberOf = (ctx: Context, programmeId: unknown) =>
  sessionMembershipFor(ctx, programmeId, 'programme.read');

/** The organisation whose paper this is: the programme's lead commissioner. */
async function leadCommissioner(db: Executor, programmeId: string): Promise<string> {
  const parties = await listParties(db, programmeId);
  const lead =
    parties.find((p) => p.role === 'lead_commissioner') ?? parties.find((p) => p.role === 'co_commissioner');
  return lead?.organisation.name ?? 'Commissioner not recorded';
}

const ZFormat = z.enum(['pdf', 'xlsx'], { error: 'Choose pdf or xlsx' });

async function packFile(
  pack: TSteeringPack,
  meta: TPackPaperMeta,
  format: TReportFormat,
  stem: string,
): Promise<TReportFile> {
  const body = format === 'pdf' ? await steeringPackPdf(pack, meta) : await steeringPackXlsx(pack, meta);
  return { fileName: `${stem}.${format}`, contentType: CONTENT_TYPES[format], body };
}

export interface TSteeringPackReportInput {
  programmeId: string;
  format: TReportFormat;
  asAt?: string | undefined;
  since?: string | undefined;
}

/** The steering group pack as at a date (default today), as `steering.pack` builds it, as a PDF or XLSX. */
export async function exportSteeringPack(ctx: Context, raw: TSteeringPackReportInput): Promise<TReportFile> {
  const { member, programmeId } = await memberOf(ctx, raw.programmeId);
  const format = ZFormat.safeParse(raw.format);
  if (!format.success) throw invalid('Choose pdf or xlsx.', format.error);
  const parsed = ZPackInput.safeParse({ asAt: raw.asAt || undefined, since: raw.since || undefined });
  if (!parsed.success) throw invalid('Some of the values need correcting.', parsed.error);
  const today = ctx.today();
  const { asAt, since } = resolvePackDates(parsed.data, today);
  const [pack, organisation] = await Promise.all([
    buildPack(ctx.db, member, { programmeId, asAt, since, today }),
    leadCommissioner(ctx.db, programmeId),
  ]);
  return packFile(
    pack,
    { organisation, meeting: null, frozen: null },
    format.data,
    `${fileCode(pack.programme.code)}-steering-pack-${asAt}`,
  );
}

export interface TFrozenPackReportInput {
  programmeId: string;
  meetingId: string;
  format: TReportFormat;
}

/**
 * The pack frozen for a meeting, printed from the stored snapshot (never recomputed): the same paper every time
 * it is downloaded, whatever has changed in the register since.
 */
export async function exportFrozenPack(ctx: Context, raw: TFrozenPackReportInput): Promise<TReportFile> {
  const { member, programmeId } = await memberOf(ctx, raw.programmeId);
  const input = z
    .object({ meetingId: z.uuid({ error: 'Not a meeting id' }), format: ZFormat })
    .safeParse(raw);
  if (!input.success) throw invalid('Some of the values need correcting.', input.error);
  const [{ meeting, snapshot, pack }, organisation] = await Promise.all([
    readFrozenPack(ctx.db, member, programmeId, input.data.meetingId),
    leadCommissioner(ctx.db, programmeId),
  ]);
  return packFile(
    pack,
    {
      organisation,
      meeting: { title: meeting.title, heldOn: meeting.heldOn },
      frozen: {
        frozenAt: snapshot.frozenAt,
        frozenBy: snapshot.frozenBy,
        sha256: snapshot.sha256,
        intact: snapshot.intact,
      },
    },
    input.data.format,
    `${fileCode(pack.programme.code)}-steering-pack-${meeting.heldOn}-frozen`,
  );
}

/** Every transfer's readiness, workstreams, plan and statutory dates the caller may see, as XLSX. */
export async function exportTransitionPlan(ctx: Context, raw: { programmeId: string }): Promise<TReportFile> {
  const { member, programmeId } = await memberOf(ctx, raw.programmeId);
  const today = ctx.today();
  const [programme, data] = await Promise.all([
    findProgramme(ctx.db, programmeId),
    loadTransitionReport(ctx.db, member, programmeId, today),
  ]);
  if (!programme) throw notFound();
  const body = await transitionPlanXlsx(data, { programmeName: programme.name, generatedAt: new Date() });
  return {
    fileName: `${fileCode(programme.code)}-transition-plan-${today}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    body,
  };
}
