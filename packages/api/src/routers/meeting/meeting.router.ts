import {
  can,
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ZCreateMeetingInput,
  ZMeetingFields,
  ZUpdateMeetingInput,
} from '@baton/domain';
import {
  deleteMeeting,
  insertMeeting,
  listMeetings,
  recordAudit,
  updateMeeting,
  type Executor,
  type TMeetingRow,
} from '@baton/db';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { compareWithToday, freezePack, meetingOf, readFrozenPack } from './meeting.snapshot';

const ZMeetingRef = z.object({ meetingId: z.uuid() });

const fieldsOf = (m: TMeetingRow) => ({
  title: m.title,
  heldOn: m.heldOn,
  location: m.location,
  attendees: m.attendees,
  apologies: m.apologies,
  decisions: m.decisions,
  notes: m.notes,
});

async function audit(
  trx: Executor,
  userId: string,
  m: TMeetingRow,
  action: 'create' | 'update' | 'delete',
  summary: string,
  before?: unknown,
) {
  await recordAudit(trx, {
    actorUserId: userId,
    programmeId: m.programmeId,
    organisationId: null,
    entityType: 'meeting',
    entityId: m.id,
    action,
    summary,
    before,
    after: action === 'delete' ? undefined : m,
  });
}

export const meetingRouter = router({
  /** Minutes and decisions cover every organisation: members who see only their own (bidders) get none. */
  list: programmeProcedure('programme.read').query(({ ctx, input }) =>
    ctx.member.visibility.kind === 'all' ? listMeetings(ctx.db, input.programmeId) : [],
  ),

  get: programmeProcedure('programme.read')
    .input(ZMeetingRef)
    .query(async ({ ctx, input }) => {
      if (ctx.member.visibility.kind !== 'all') throw new NotFoundError('That meeting does not exist.');
      return {
        meeting: await meetingOf(ctx.db, input.programmeId, input.meetingId),
        canManage: can(ctx.member.role, 'meetings.manage'),
      };
    }),

  create: programmeProcedure('meetings.manage')
    .input(ZCreateMeetingInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const { programmeId, ...fields } = input;
        const m = await insertMeeting(trx, programmeId, fields, ctx.user.id);
        await audit(trx, ctx.user.id, m, 'create', `Recorded the meeting “${m.title}” (${m.heldOn})`);
        return m;
      }),
    ),

  /** Minutes, attendees and decisions stay editable after the pack is frozen; the frozen pack does not. */
  update: programmeProcedure('meetings.manage')
    .input(ZUpdateMeetingInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await meetingOf(trx, input.programmeId, input.meetingId);
        const { programmeId: _p, meetingId: _m, version, ...patch } = input;
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const merged = ZMeetingFields.safeParse({ ...fieldsOf(before), ...defined });
        if (!merged.success) {
          throw new RuleViolationError(
            'Some of the values need correcting.',
            z.flattenError(merged.error).fieldErrors as Record<string, string[]>,
          );
        }
        const fields = merged.data;
        if (before.snapshot && fields.heldOn !== before.heldOn) {
          throw new RuleViolationError('The pack for this meeting is frozen, so its date cannot move.', {
            heldOn: ['Frozen with the pack'],
          });
        }
        const after = await updateMeeting(trx, before, fields, version);
        await audit(
          trx,
          ctx.user.id,
          after,
          'update',
          `Updated the meeting “${after.title}” (${Object.keys(defined).join(', ')})`,
          before,
        );
        return after;
      }),
    ),

  remove: programmeProcedure('meetings.manage')
    .input(ZMeetingRef.extend({ version: z.number().int().positive() }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await meetingOf(trx, input.programmeId, input.meetingId);
        if (before.snapshot) {
          throw new ConflictError(
            'This meeting has a frozen pack, which must stay reproducible, so the meeting cannot be deleted.',
            before,
          );
        }
        await deleteMeeting(trx, before, input.version);
        await audit(trx, ctx.user.id, before, 'delete', `Deleted the meeting “${before.title}”`, before);
        return { ok: true as const };
      }),
    ),

  freeze: programmeProcedure('meetings.manage')
    .input(ZMeetingRef)
    .mutation(({ ctx, input }) =>
      freezePack(ctx.db, {
        member: ctx.member,
        userId: ctx.user.id,
        programmeId: input.programmeId,
        meetingId: input.meetingId,
        today: ctx.today(),
      }),
    ),

  /** The frozen pack exactly as the meeting saw it (without the full register), with an integrity check. */
  snapshot: programmeProcedure('programme.read')
    .input(ZMeetingRef)
    .query(async ({ ctx, input }) => {
      const { pack, ...rest } = await readFrozenPack(ctx.db, ctx.member, input.programmeId, input.meetingId);
      const { register: _r, ...shown } = pack;
      return { ...rest, pack: shown };
    }),

  /** What changed between the frozen pack and today, risk by risk, figure by figure, transfer by transfer. */
  compare: programmeProcedure('programme.read')
    .input(ZMeetingRef)
    .query(({ ctx, input }) =>
      compareWithToday(ctx.db, ctx.member, input.programmeId, input.meetingId, ctx.today()),
    ),
});
