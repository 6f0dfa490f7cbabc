import { NotFoundError } from '@baton/domain';
import { findProgramme } from '@baton/db';
import { PROGRAMME_NOT_FOUND } from '../../access/membership';
import type { TMemberContext } from '../../context';
import type { TDownload } from '../../downloads';
import { CONTENT_TYPES, fileCode } from '../../reports/report.format';
import type { TReportFile } from '../../reports/report.meta';
import { transitionPlanXlsx } from '../../reports/transition-plan.xlsx';
import { loadVisiblePlans, readinessOfPlans } from './plan.service';

/**
 * Every transfer's readiness, workstreams, plan and statutory dates the caller may see, as XLSX, from the
 * same plan loader the screens use.
 */
export async function transitionPlanFile(ctx: TMemberContext): Promise<TReportFile> {
  const today = ctx.today();
  const [programme, loaded] = await Promise.all([
    findProgramme(ctx.db, ctx.member.programmeId),
    loadVisiblePlans(ctx.db, ctx.member, today),
  ]);
  if (!programme) throw new NotFoundError(PROGRAMME_NOT_FOUND);
  const body = await transitionPlanXlsx(
    { loaded, readiness: readinessOfPlans(loaded, today), today },
    { programmeName: programme.name, generatedAt: new Date() },
  );
  return {
    fileName: `${fileCode(programme.code)}-transition-plan-${today}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    body,
  };
}

export const transitionFiles: TDownload[] = [
  {
    path: '/export/programmes/:programmeId/transition-plan.xlsx',
    capability: 'programme.read',
    description:
      'Readiness, workstreams, every task and the statutory dates of the transfers the caller sees',
    make: (ctx) => transitionPlanFile(ctx),
  },
];
