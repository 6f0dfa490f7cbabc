import type { TMemberContext } from '../../context';
import type { TDownload } from '../../downloads';
import { mutation } from '../../mutation';
import type { TDownloadFile } from '../../reports/report.meta';
import { programmeArchive } from './programme.archive';

/**
 * The programme archive, for its admins. The download is recorded in the audit trail before the first byte is
 * sent: who took the programme's records away, and when.
 */
export async function programmeArchiveFile(ctx: TMemberContext): Promise<TDownloadFile> {
  const archive = await programmeArchive(ctx);
  await mutation(ctx, ({ audit }) =>
    audit({
      entityType: 'programme',
      entityId: ctx.member.programmeId,
      action: 'export',
      audience: { kind: 'full' },
      summary: `Downloaded the programme archive (${archive.fileName})`,
    }),
  );
  return { fileName: archive.fileName, contentType: archive.contentType, body: archive.stream() };
}

export const programmeFiles: TDownload[] = [
  {
    path: '/export/programmes/:programmeId/archive.zip',
    capability: 'programme.records',
    description:
      'The programme archive: every risk, action, history row, plan, register, meeting with its frozen pack, decision, the RAID log, due diligence with its documents, and the audit trail, as XLSX and JSON with a README',
    make: (ctx) => programmeArchiveFile(ctx),
  },
];
