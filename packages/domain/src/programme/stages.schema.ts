import { z } from 'zod';
import { ZCalendarDate, ZVersion, zLine, zLines } from '../shared/zod';

const ZLabel = zLine({
  min: 3,
  max: 200,
  tooShort: 'Name the stage in at least 3 characters',
  tooLong: 'Keep the name under 200 characters',
});
const ZNotes = zLines({ max: 2_000, tooLong: 'Keep the notes under 2,000 characters' });

export const ZUpdateStageInput = z.object({
  programmeId: z.uuid(),
  stageId: z.uuid(),
  version: ZVersion,
  label: ZLabel.optional(),
  plannedStart: ZCalendarDate.optional(),
  plannedEnd: ZCalendarDate.optional(),
  actualStart: ZCalendarDate.nullable().optional(),
  actualEnd: ZCalendarDate.nullable().optional(),
  forecastEnd: ZCalendarDate.nullable().optional(),
  notes: ZNotes.optional(),
});
export type TUpdateStageInput = z.infer<typeof ZUpdateStageInput>;

export const ZAddStageInput = z.object({
  programmeId: z.uuid(),
  label: ZLabel,
  kind: z.enum(['stage', 'checkpoint'], { error: 'Choose a stage or a checkpoint' }).default('stage'),
  plannedStart: ZCalendarDate,
  plannedEnd: ZCalendarDate,
  notes: ZNotes.default(''),
});
export type TAddStageInput = z.infer<typeof ZAddStageInput>;

/** The rules a stage's dates obey, each message by its field. */
export function stageDateProblems(
  f: {
    plannedStart: string;
    plannedEnd: string;
    actualStart: string | null;
    actualEnd: string | null;
    forecastEnd: string | null;
  },
  today: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (f.plannedEnd < f.plannedStart) out.plannedEnd = ['The planned end cannot be before the planned start'];
  if (f.actualStart && f.actualStart > today) out.actualStart = ['An actual start cannot be in the future'];
  if (f.actualEnd && f.actualEnd > today) out.actualEnd = ['An actual end cannot be in the future'];
  if (f.actualEnd && f.actualStart && f.actualEnd < f.actualStart)
    out.actualEnd = ['The actual end cannot be before the actual start'];
  if (f.forecastEnd && f.actualEnd) out.forecastEnd = ['A finished stage has no forecast: clear it'];
  return out;
}
