import { createHash, randomBytes } from 'node:crypto';
import { addDays, NotFoundError, transferMilestonesWithState, type TIsoDate } from '@baton/domain';
import {
  findCalendarFeedByHash,
  findLiveCalendarFeed,
  findProgramme,
  insertCalendarFeed,
  listMeetings,
  listTasks,
  revokeCalendarFeeds,
  touchCalendarFeed,
  type Database,
} from '@baton/db';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { membershipFor } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { canSeeMeetings } from '../meeting/meeting.access';
import { loadVisiblePlans } from '../transition/plan.service';
import { transferVisibility } from '../transition/transition.access';

/*
 * Calendar feeds: each member can subscribe their calendar (Outlook, Google, Apple) to an iCalendar feed of
 * their open tasks, the milestones and go/no-go gates of the transfers they see, the statutory dates of
 * those transfers and, if they see meetings, the steering group's meetings. The link carries a secret
 * (only its SHA-256 is stored); making a new link or revoking it ends the old one. The feed is built from
 * the person's membership at the moment it is fetched, through the same visibility rules as the screens:
 * a member who is removed, or whose organisation stops seeing a transfer, stops seeing it in their calendar.
 */

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The feed path, for the server's route and the link shown to the person. */
export const CALENDAR_PATH = '/calendar';
export const feedPath = (token: string) => `${CALENDAR_PATH}/${token}.ics`;

export async function calendarFeedStatus(ctx: TMemberContext) {
  const f = await findLiveCalendarFeed(ctx.db, ctx.member.programmeId, ctx.user.id);
  return f
    ? { active: true as const, createdAt: f.createdAt, lastUsedAt: f.lastUsedAt }
    : { active: false as const };
}

/** A new secret link (any earlier one stops working). The secret is shown once, here. */
export function createCalendarFeed(ctx: TMemberContext) {
  const { member } = ctx;
  return mutation(ctx, async ({ trx, audit }) => {
    const replaced = await revokeCalendarFeeds(trx, member.programmeId, ctx.user.id);
    const token = randomBytes(32).toString('base64url');
    const feed = await insertCalendarFeed(trx, {
      programmeId: member.programmeId,
      userId: ctx.user.id,
      tokenHash: hashOf(token),
    });
    await audit({
      entityType: 'calendar_feed',
      entityId: feed.id,
      action: 'create',
      audience: { kind: 'owners', organisationIds: [member.organisationId] },
      organisationId: member.organisationId,
      summary: replaced
        ? 'Made a new calendar feed link (the old one stopped working)'
        : 'Made a calendar feed link',
    });
    return { path: feedPath(token), createdAt: feed.createdAt };
  });
}

export function revokeCalendarFeed(ctx: TMemberContext) {
  const { member } = ctx;
  return mutation(
    ctx,
    async ({ trx, audit }) => {
      const live = await findLiveCalendarFeed(trx, member.programmeId, ctx.user.id);
      if (!live) return { revoked: 0 };
      const revoked = await revokeCalendarFeeds(trx, member.programmeId, ctx.user.id);
      await audit({
        entityType: 'calendar_feed',
        entityId: live.id,
        action: 'delete',
        audience: { kind: 'owners', organisationIds: [member.organisationId] },
        organisationId: member.organisationId,
        summary: 'Turned off the calendar feed link',
      });
      return { revoked };
    },
    { unaudited: 'revoking a link when there is none changes nothing' },
  );
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The iCalendar text for a feed link, or NotFound for a link that is unknown, revoked, or whose owner is no
 * longer a member of the programme (the same answer for each, so a link's state is not disclosed).
 */
export async function calendarFeedText(
  db: Database,
  token: string,
  today: TIsoDate,
  baseUrl: string,
): Promise<string> {
  const missing = new NotFoundError('There is no calendar feed at this address.');
  if (!TOKEN.test(token)) throw missing;
  const feed = await findCalendarFeedByHash(db, hashOf(token));
  if (!feed) throw missing;
  let member;
  try {
    member = await membershipFor(db, feed.userId, feed.programmeId, 'programme.read');
  } catch {
    throw missing;
  }
  const [programme, loaded, mine, meetings] = await Promise.all([
    findProgramme(db, member.programmeId),
    loadVisiblePlans(db, member, today),
    listTasks(db, {
      programmeId: member.programmeId,
      visibility: transferVisibility(member),
      openOnly: true,
      assigneeUserId: feed.userId,
    }),
    canSeeMeetings(member) ? listMeetings(db, member.programmeId) : Promise.resolve([]),
  ]);
  await touchCalendarFeed(db, feed.id);
  if (!programme) throw missing;

  const cal = ical({
    name: `Baton: ${programme.name}`,
    description: `Your tasks and the programme's key dates in ${programme.name}, from Baton`,
    prodId: { company: 'Baton', product: 'Baton programme tracker', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  const base = baseUrl.replace(/\/$/, '');
  const day = (date: TIsoDate, o: { uid: string; summary: string; description: string; url: string }) =>
    cal.createEvent({
      id: `${o.uid}@baton`,
      start: new Date(`${date}T00:00:00Z`),
      end: new Date(`${addDays(date, 1)}T00:00:00Z`),
      allDay: true,
      summary: o.summary,
      description: o.description,
      url: o.url,
    });
  const transferName = new Map(loaded.plans.map((p) => [p.transfer.id, p.transfer.name]));
  for (const t of mine) {
    day(t.dueDate, {
      uid: `task-${t.id}`,
      summary: `Due: ${t.title}`,
      description: `${transferName.get(t.transferId) ?? 'Transfer'}: your task, ${t.status.replace('_', ' ')}, starts ${t.startDate}.`,
      url: `${base}/p/${member.programmeId}/transition/tasks/${t.id}`,
    });
  }
  for (const { transfer, tasks } of loaded.plans) {
    for (const t of tasks) {
      if ((t.kind !== 'milestone' && t.kind !== 'gate') || t.status === 'cancelled') continue;
      if (t.assignee?.id === feed.userId && t.status !== 'done') continue; // already listed as the person's task
      day(t.dueDate, {
        uid: `milestone-${t.id}`,
        summary: `${t.kind === 'gate' ? 'Go/no-go' : 'Milestone'}: ${t.title}`,
        description: `${transfer.name}. ${t.status === 'done' ? 'Done.' : `Owned by ${t.owningOrganisation.shortName}.`}`,
        url: `${base}/p/${member.programmeId}/transition/tasks/${t.id}`,
      });
    }
    for (const m of transferMilestonesWithState(transfer, tasks, today)) {
      day(m.date, {
        uid: `statutory-${transfer.id}-${m.key}`,
        summary: `${m.label} (${transfer.name})`,
        description: m.rule,
        url: `${base}/p/${member.programmeId}/transition/${transfer.id}`,
      });
    }
  }
  for (const m of meetings) {
    day(m.heldOn, {
      uid: `meeting-${m.id}`,
      summary: m.title,
      description: m.location ? `Steering group meeting, ${m.location}.` : 'Steering group meeting.',
      url: `${base}/p/${member.programmeId}/meetings/${m.id}`,
    });
  }
  return cal.toString();
}
