import {
  can,
  ConflictError,
  RuleViolationError,
  ZMeetingFields,
  type TCreateMeetingInput,
  type TUpdateMeetingInput,
} from '@baton/domain';
import { deleteMeeting, insertMeeting, listMeetings, updateMeeting, type TMeetingRow } from '@baton/db';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { definedOnly, parseMerged } from '../../validation';
import { canSeeMeetings, meetingAuditAudience, visibleMeeting } from './meeting.access';
import { compareWithToday, readFrozenPack } from './meeting.snapshot';

/* Steering group meetings: minutes, attendees, decisions, and the pack frozen for each. */

const fieldsOf = (m: TMeetingRow) => ({
  title: m.title,
  heldOn: m.heldOn,
  location: m.location,
  attendees: m.attendees,
  apologies: m.apologies,
  decisions: m.decisions,
  notes: m.notes,
});

const event = (
  m: TMeetingRow,
  action: 'create' | 'update' | 'delete',
  summary: string,
  before?: unknown,
) => ({
  entityType: 'meeting',
  entityId: m.id,
  action,
  audience: meetingAuditAudience,
  summary,
  before,
  after: action === 'delete' ? undefined : m,
});

/** Members who see only their own organisation (bidders) get no meetings at all. */
export const meetings = (ctx: TMemberContext) =>
  canSeeMeetings(ctx.member) ? listMeetings(ctx.db, ctx.member.programmeId) : Promise.resolve([]);

export async function meetingDetail(ctx: TMemberContext, meetingId: string) {
  return {
    meeting: await visibleMeeting(ctx.db, ctx.member, meetingId),
    canManage: can(ctx.member.role, 'meetings.manage'),
  };
}

export function createMeeting(ctx: TMemberContext, input: TCreateMeetingInput) {
  return mutation(ctx, async ({ trx, audit }) => {
    const { programmeId, ...fields } = input;
    const m = await insertMeeting(trx, programmeId, fields, ctx.user.id);
    await audit(event(m, 'create', `Recorded the meeting “${m.title}” (${m.heldOn})`));
    return m;
  });
}

/** Minutes, attendees and decisions stay editable after the pack is frozen; the frozen pack does not. */
export function updateMeetingFields(ctx: TMemberContext, input: TUpdateMeetingInput) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await visibleMeeting(trx, ctx.member, input.meetingId);
    expectVersion(before, input.version, 'meeting');
    const { programmeId: _p, meetingId: _m, version, ...patch } = input;
    const defined = definedOnly(patch);
    const fields = parseMerged(ZMeetingFields, { ...fieldsOf(before), ...defined });
    if (before.snapshot && fields.heldOn !== before.heldOn) {
      throw new RuleViolationError('The pack for this meeting is frozen, so its date cannot move.', {
        heldOn: ['Frozen with the pack'],
      });
    }
    const after = await updateMeeting(trx, before, fields, version);
    await audit(
      event(
        after,
        'update',
        `Updated the meeting “${after.title}” (${Object.keys(defined).join(', ')})`,
        before,
      ),
    );
    return after;
  });
}

export function removeMeeting(ctx: TMemberContext, input: { meetingId: string; version: number }) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await visibleMeeting(trx, ctx.member, input.meetingId);
    if (before.snapshot) {
      throw new ConflictError(
        'This meeting has a frozen pack, which must stay reproducible, so the meeting cannot be deleted.',
        before,
      );
    }
    expectVersion(before, input.version, 'meeting');
    await deleteMeeting(trx, before, input.version);
    await audit(event(before, 'delete', `Deleted the meeting “${before.title}”`, before));
    return { ok: true as const };
  });
}

/** The frozen pack exactly as the meeting saw it (without the full register), with an integrity check. */
export async function frozenPack(ctx: TMemberContext, meetingId: string) {
  const { pack, ...rest } = await readFrozenPack(ctx.db, ctx.member, meetingId);
  const { register: _r, ...shown } = pack;
  return { ...rest, pack: shown };
}

export const comparison = (ctx: TMemberContext, meetingId: string) =>
  compareWithToday(ctx.db, ctx.member, meetingId, ctx.today());
