import { z } from 'zod';
import { withoutDefaults, ZCalendarDate, ZVersion, zLine, zLines } from '../shared/zod';

const names = (what: string) =>
  z
    .array(
      zLine({
        min: 1,
        max: 160,
        tooShort: `Leave no ${what} blank`,
        tooLong: `Keep each ${what} under 160 characters`,
      }),
    )
    .max(80, `List at most 80 ${what}s`)
    .default([]);

/** A steering group meeting as the secretariat records it: who came, what was decided, the minutes. */
export const ZMeetingFields = z.object({
  title: zLine({
    min: 3,
    max: 200,
    tooShort: 'Give the meeting a title',
    tooLong: 'Keep the title under 200 characters',
  }),
  heldOn: ZCalendarDate,
  location: zLine({ max: 200, tooLong: 'Keep the location under 200 characters' }).default(''),
  attendees: names('attendee'),
  apologies: names('apology'),
  decisions: z
    .array(
      zLines({
        min: 3,
        max: 2000,
        tooShort: 'Describe each decision',
        tooLong: 'Keep each decision under 2,000 characters',
      }),
    )
    .max(60, 'Record at most 60 decisions')
    .default([]),
  notes: zLines({ max: 20_000, tooLong: 'Keep the notes under 20,000 characters' }).default(''),
});
export type TMeetingFields = z.infer<typeof ZMeetingFields>;

export const ZCreateMeetingInput = ZMeetingFields.extend({ programmeId: z.uuid() });
export type TCreateMeetingInput = z.infer<typeof ZCreateMeetingInput>;

export const ZUpdateMeetingInput = z.object(withoutDefaults(ZMeetingFields.shape)).partial().extend({
  programmeId: z.uuid(),
  meetingId: z.uuid(),
  version: ZVersion,
});
export type TUpdateMeetingInput = z.infer<typeof ZUpdateMeetingInput>;

/** The pack's "as at" date and the date it compares with (the last meeting, when not given). */
export const ZPackInput = z
  .object({
    asAt: ZCalendarDate.optional(),
    since: ZCalendarDate.optional(),
  })
  .refine((v) => !v.asAt || !v.since || v.since < v.asAt, {
    message: 'The comparison date must be before the "as at" date',
    path: ['since'],
  });
export type TPackInput = z.infer<typeof ZPackInput>;
