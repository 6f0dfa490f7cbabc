import type { TCapability } from '@baton/domain';
import { sessionMembershipFor } from '../access/membership';
import type { Context, TMemberContext } from '../context';
import { frozenPackFile } from '../features/meeting/meeting.files';
import { registerFile } from '../features/risk/risk.files';
import type { TExportFormat } from '../features/risk/risk.schema';
import { steeringPackFile } from '../features/steering/steering.files';
import { transitionPlanFile } from '../features/transition/transition.files';
import type { TReportFormat } from '../reports/report.format';

/*
 * The file downloads as the suites call them: the same membership check a download route makes (see
 * runDownload), then the feature's file function. (Not a test file itself.)
 */

export async function memberContext(
  ctx: Context,
  programmeId: string,
  capability: TCapability = 'programme.read',
): Promise<TMemberContext> {
  const member = await sessionMembershipFor(ctx, programmeId, capability);
  return { db: ctx.db, user: ctx.session!.user, member, today: ctx.today };
}

export async function exportRiskRegister(
  ctx: Context,
  raw: { programmeId: string; format: TExportFormat; filter?: unknown; sort?: unknown; direction?: unknown },
) {
  return registerFile(await memberContext(ctx, raw.programmeId), raw);
}

export async function exportSteeringPack(
  ctx: Context,
  raw: { programmeId: string; format: TReportFormat; asAt?: string; since?: string },
) {
  return steeringPackFile(await memberContext(ctx, raw.programmeId), raw.format, raw);
}

export async function exportFrozenPack(
  ctx: Context,
  raw: { programmeId: string; meetingId: string; format: TReportFormat },
) {
  return frozenPackFile(await memberContext(ctx, raw.programmeId), raw.format, raw);
}

export async function exportTransitionPlan(ctx: Context, raw: { programmeId: string }) {
  return transitionPlanFile(await memberContext(ctx, raw.programmeId));
}
