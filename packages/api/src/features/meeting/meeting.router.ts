import { ZCreateMeetingInput, ZUpdateMeetingInput, ZVersion } from '@baton/domain';
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

  /** What changed between the frozen pack and today, risk by risk, figure by figure, transfer by transfer. */
  compare: programmeProcedure('programme.read')
    .input(ZMeetingRef)
    .query(({ ctx, input }) => comparison(ctx, input.meetingId)),
});
