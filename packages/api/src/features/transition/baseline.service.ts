import { daysBetween, NotFoundError, type TIsoDate } from '@baton/domain';
import { baselineDates, insertBaseline, listBaselines, type Executor } from '@baton/db';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { canSeeMeetings } from '../meeting/meeting.access';
import { mutation } from '../../mutation';

/*
 * Baselines of the plan: kept when a meeting's pack is frozen (what the steering group saw) and whenever a lead
 * sets one. Variance is the forecast finish minus the baseline's due date, in days (positive: later than agreed).
 */

export const BASELINE_NOT_FOUND = 'That baseline does not exist.';

/** Baselines kept with a meeting's pack name the meeting: only members who see meetings see those. */
export async function visibleBaselines(db: Executor, member: TMember) {
  const all = await listBaselines(db, member.programmeId);
  return canSeeMeetings(member) ? all : all.filter((b) => b.kind === 'manual');
}

export const baselines = (ctx: TMemberContext) => visibleBaselines(ctx.db, ctx.member);

export function setBaseline(ctx: TMemberContext, name: string) {
  return mutation(ctx, async ({ trx, audit }) => {
    const b = await insertBaseline(trx, {
      programmeId: ctx.member.programmeId,
      name,
      kind: 'manual',
      meetingId: null,
      createdBy: ctx.user.id,
    });
    await audit({
      entityType: 'baseline',
      entityId: b.id,
      action: 'create',
      audience: { kind: 'full' },
      summary: `Set the plan baseline “${name}” (${b.tasks} tasks)`,
      after: b,
    });
    return b;
  });
}

/** The baseline to compare with: the one asked for, or the latest; null when there is none. */
export async function chosenBaseline(db: Executor, member: TMember, baselineId?: string | null) {
  const all = await visibleBaselines(db, member);
  if (baselineId) {
    const b = all.find((x) => x.id === baselineId);
    if (!b) throw new NotFoundError(BASELINE_NOT_FOUND);
    return b;
  }
  return all[0] ?? null;
}

export interface TVariance {
  baselineStart: TIsoDate;
  baselineDue: TIsoDate;
  /** Forecast finish minus the baseline due date, in days: positive is later than agreed. */
  varianceDays: number;
}

/** Each task's variance against a baseline, from its forecast finish. */
export async function variancesOf(
  db: Executor,
  baselineId: string | null,
  tasks: ReadonlyArray<{ id: string; forecastFinish: TIsoDate }>,
): Promise<Map<string, TVariance>> {
  if (!baselineId) return new Map();
  const dates = await baselineDates(
    db,
    baselineId,
    tasks.map((t) => t.id),
  );
  const out = new Map<string, TVariance>();
  for (const t of tasks) {
    const b = dates.get(t.id);
    if (b)
      out.set(t.id, {
        baselineStart: b.startDate,
        baselineDue: b.dueDate,
        varianceDays: daysBetween(b.dueDate, t.forecastFinish),
      });
  }
  return out;
}
