import { RAID_STATUSES, ZCreateMeetingInput, ZUpdateMeetingInput, ZVersion, zLines } from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import {
  comparison,
  createMeeting,
  frozenPack,
  meetingDetail,
  meetings,
  removeMeeting,
  updateMeetingFields,
} from './meeting.service';
import { freezePack } from './meeting.snapshot';
import { meetingRecommendations, recordOutcome } from './meeting.outcomes';

const ZMeetingRef = z.object({ meetingId: z.uuid() });

export const meetingRouter = router({
  /** Minutes and decisions cover every organisation: members who see only their own (bidders) get none. */
  list: programmeProcedure('programme.read').query(({ ctx }) => meetings(ctx)),

  get: programmeProcedure('programme.read')
    .input(ZMeetingRef)
    .query(({ ctx, input }) => meetingDetail(ctx, input.meetingId)),

  create: programmeProcedure('meetings.manage')
    .input(ZCreateMeetingInput)
    .mutation(({ ctx, input }) => createMeeting(ctx, input)),

  /** Minutes, attendees and decisions stay editable after the pack is frozen; the frozen pack does not. */
  update: programmeProcedure('meetings.manage')
    .input(ZUpdateMeetingInput)
    .mutation(({ ctx, input }) => updateMeetingFields(ctx, input)),

  remove: programmeProcedure('meetings.manage')
    .input(ZMeetingRef.extend({ version: ZVersion }))
    .mutation(({ ctx, input }) => removeMeeting(ctx, input)),

  freeze: programmeProcedure('meetings.manage')
    .input(ZMeetingRef)
    .mutation(({ ctx, input }) => freezePack(ctx, input.meetingId)),

  /** The frozen pack exactly as the meeting saw it (without the full register), with an integrity check. */
  snapshot: programmeProcedure('programme.read')
    .input(ZMeetingRef)
    .query(({ ctx, input }) => frozenPack(ctx, input.meetingId)),

  /** The decisions the meeting's pack asks for, with the outcomes recorded so far (the decision log's). */
  recommendations: programmeProcedure('programme.read')
    .input(ZMeetingRef)
    .query(({ ctx, input }) => meetingRecommendations(ctx, input.meetingId)),

  /** The chair records the group's answer to one recommendation; an agreed closure closes the risk. */
  recordOutcome: programmeProcedure('meetings.manage')
    .input(
      ZMeetingRef.extend({
        // A recommendation's key as the pack wrote it ("closeRisk:<uuid>", "recordConfidence:<uuid>:<date>").
        key: z
          .string()
          .max(200, 'That is not a recommendation of this meeting')
          .regex(/^[A-Za-z]+:[0-9A-Za-z:-]+$/, 'That is not a recommendation of this meeting'),
        outcome: z.enum(RAID_STATUSES.decision, { error: 'Choose agreed, amended, deferred or rejected' }),
        note: zLines({ max: 5_000, tooLong: 'Keep the note under 5,000 characters' }).default(''),
        version: ZVersion.optional(),
      }),
    )
    .mutation(({ ctx, input }) => recordOutcome(ctx, input)),

  /** What changed between the frozen pack and today, risk by risk, figure by figure, transfer by transfer. */
  compare: programmeProcedure('programme.read')
    .input(ZMeetingRef)
    .query(({ ctx, input }) => comparison(ctx, input.meetingId)),
});
