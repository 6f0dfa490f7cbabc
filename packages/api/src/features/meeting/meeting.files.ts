import { z } from 'zod';
import type { TMemberContext } from '../../context';
import { parseQuery, type TDownload } from '../../downloads';
import { fileCode, type TReportFormat } from '../../reports/report.format';
import type { TReportFile } from '../../reports/report.meta';
import { leadCommissioner, packFile } from '../steering/steering.files';
import { readFrozenPack } from './meeting.snapshot';

/**
 * The pack frozen for a meeting, printed from the stored snapshot (never recomputed): the same paper every time
 * it is downloaded, whatever has changed in the register since.
 */
export async function frozenPackFile(
  ctx: TMemberContext,
  format: TReportFormat,
  raw: { meetingId: string | undefined },
): Promise<TReportFile> {
  const { meetingId } = parseQuery(
    z.object({ meetingId: z.uuid({ error: 'Not a meeting id' }) }),
    raw,
    'Some of the values need correcting.',
  );
  const [{ meeting, snapshot, pack }, organisation] = await Promise.all([
    readFrozenPack(ctx.db, ctx.member, meetingId),
    leadCommissioner(ctx.db, ctx.member.programmeId),
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
    format,
    `${fileCode(pack.programme.code)}-steering-pack-${meeting.heldOn}-frozen`,
  );
}

export const meetingFiles: TDownload[] = (['pdf', 'xlsx'] as const).map((format) => ({
  path: `/export/programmes/:programmeId/meetings/:meetingId/pack.${format}` as const,
  capability: 'programme.read' as const,
  description: `The pack frozen for a meeting, exactly as frozen, as ${format.toUpperCase()}`,
  make: (ctx, req) => frozenPackFile(ctx, format, { meetingId: req.params.meetingId }),
}));
