import { z } from 'zod';
import { ZIsoDate } from '../shared/dates';
import { withoutDefaults } from '../shared/zod';

const names = (what: string) =>
  z
    .array(
      z.string().trim().min(1, `Leave no ${what} blank`).max(160, `Keep each ${what} under 160 characters`),
    )
    .max(80, `List at most 80 ${what}s`)
    .default([]);

/** A steering group meeting as the secretariat records it: who came, what was decided, the minutes. */
export const ZMeetingFields = z.object({
  title: z.string().trim().min(3, 'Give the meeting a title').max(200, 'Keep the title under 200 characters'),
  heldOn: ZIsoDate,
  location: z.string().trim().max(200, 'Keep the location under 200 characters').default(''),
  attendees: names('attendee'),
  apologies: names('apology'),
  decisions: z
    .array(
      z
        .string()
        .trim()
        .min(3, 'Describe each decision')
        .max(2000, 'Keep each decision under 2,000 characters'),
    )
    .max(60, 'Record at most 60 decisions')
    .default([]),
  notes: z.string().trim().max(20_000, 'Keep the notes under 20,000 characters').default(''),
});
export type TMeetingFields = z.infer<typeof ZMeetingFields>;

export const ZCreateMeetingInput = ZMeetingFields.extend({ programmeId: z.uuid() });
export type TCreateMeetingInput = z.infer<typeof ZCreateMeetingInput>;

export const ZUpdateMeetingInput = z.object(withoutDefaults(ZMeetingFields.shape)).partial().extend({
  programmeId: z.uuid(),
  meetingId: z.uuid(),
  version: z.number().int().positive(),
});
export type TUpdateMeetingInput = z.infer<typeof ZUpdateMeetingInput>;

/** The pack's "as at" date and the date it compares with (the last meeting, when not given). */
export const ZPackInput = z
  .object({
    asAt: ZIsoDate.optional(),
    since: ZIsoDate.optional(),
  })
  .refine((v) => !v.asAt || !v.since || v.since < v.asAt, {
    message: 'The comparison date must be before the "as at" date',
    path: ['since'],
  });
export type TPackInput = z.infer<typeof ZPackInput>;
