import { z } from 'zod';
import { baselineDates, listDependencies, listTasks } from '@baton/db';
import type { TMemberContext } from '../../context';
import { parseQuery, single, type TDownload, type TDownloadRequest } from '../../downloads';
import { fileCode } from '../../reports/report.format';
import type { TReportFile } from '../../reports/report.meta';
import { chosenBaseline } from '../transition/baseline.service';
import { transferVisibility, visibleTransfer } from '../transition/transition.access';
import { mspdiOf } from './mspdi.write';

/** One transfer's plan as Microsoft Project XML, with the latest baseline the caller may see. */
export async function transferPlanMspdi(ctx: TMemberContext, req: TDownloadRequest): Promise<TReportFile> {
  const { transferId } = parseQuery(
    z.object({ transferId: z.uuid({ error: 'Choose a transfer' }) }),
    { transferId: single(req.params.transferId) },
    'The plan to download is not clear.',
  );
  const { db, member } = ctx;
  const transfer = await visibleTransfer(db, member, transferId);
  const [tasks, dependencies, baseline] = await Promise.all([
    listTasks(db, {
      programmeId: member.programmeId,
      transferIds: [transfer.id],
      visibility: transferVisibility(member),
    }),
    listDependencies(db, member.programmeId, [transfer.id]),
    chosenBaseline(db, member),
  ]);
  const dates = baseline
    ? await baselineDates(
        db,
        baseline.id,
        tasks.map((t) => t.id),
      )
    : new Map();
  const xml = mspdiOf({
    title: transfer.name,
    transferDate: transfer.plannedTransferDate,
    createdAt: new Date(),
    tasks,
    dependencies,
    baseline: dates,
  });
  return {
    fileName: `${fileCode(transfer.name).slice(0, 80)}-plan-${ctx.today()}.xml`,
    contentType: 'application/vnd.ms-project+xml; charset=utf-8',
    body: Buffer.from(xml, 'utf8'),
  };
}

export const planIoFiles: TDownload[] = [
  {
    path: '/export/programmes/:programmeId/transfers/:transferId/plan.xml',
    capability: 'programme.read',
    description:
      'One transfer’s plan as Microsoft Project XML (tasks, milestones, links with lag, progress, actuals, baseline, owners as resources)',
    make: (ctx, req) => transferPlanMspdi(ctx, req),
  },
];
