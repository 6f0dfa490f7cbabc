import ICAL from 'ical.js';
import { testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../testing/demo-server';

/*
 * Calendar feeds as a calendar app fetches them: no cookie, the secret in the address. The feed parses as
 * iCalendar, holds what its owner may see and nothing else, and a revoked or replaced link answers 404.
 */
const TODAY = '2026-11-23';
let server: Awaited<ReturnType<typeof startDemoServer>>;
beforeAll(async () => {
  server = await startDemoServer({ today: TODAY });
});
afterAll(() => server.close());

function eventsOf(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents('vevent').map((e) => {
    const ev = new ICAL.Event(e);
    return { uid: ev.uid, summary: ev.summary, start: ev.startDate.toString(), description: ev.description };
  });
}

describe(`calendar feeds over HTTP on ${testEngine()}`, () => {
  it('gives the lead the programme’s milestones, statutory dates and meetings, and ends when revoked', async () => {
    const { client } = await server.signIn('helen.marsh@severnvale-icb.example');
    const programme = (await client.programme.list.query()).find((p) => p.code === 'SVCMH')!;
    const programmeId = programme.id;
    expect(await client.calendar.feed.query({ programmeId })).toEqual({ active: false });
    const { path } = await client.calendar.createFeed.mutate({ programmeId });
    expect(path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await client.calendar.feed.query({ programmeId })).active).toBe(true);

    const res = await fetch(`${server.base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const events = eventsOf(await res.text());
    const meetings = await client.meeting.list.query({ programmeId });
    for (const m of meetings) expect(events.some((e) => e.uid === `meeting-${m.id}@baton`)).toBe(true);
    const transfers = await client.transition.transfers.query({ programmeId });
    for (const t of transfers) {
      const plan = await client.transition.plan.query({ programmeId, transferId: t.transfer.id });
      const eli = plan.milestones.find((m) => m.key === 'eli_due')!;
      expect(events.find((e) => e.uid === `statutory-${t.transfer.id}-eli_due@baton`)?.start).toBe(eli.date);
      const gates = plan.tasks.filter((x) => x.kind !== 'task' && x.status !== 'cancelled');
      for (const g of gates) expect(events.some((e) => e.uid.endsWith(`-${g.id}@baton`))).toBe(true);
    }

    // A new link replaces the old one; turning it off ends it; a made-up one was never there.
    const second = await client.calendar.createFeed.mutate({ programmeId });
    expect((await fetch(`${server.base}${path}`)).status).toBe(404);
    expect((await fetch(`${server.base}${second.path}`)).status).toBe(200);
    await client.calendar.revokeFeed.mutate({ programmeId });
    expect((await fetch(`${server.base}${second.path}`)).status).toBe(404);
    expect((await fetch(`${server.base}/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${server.base}/calendar/not-a-token.ics`)).status).toBe(404);
  });

  it('a bidder’s feed holds nothing of the rival bidder and no steering group meetings', async () => {
    const { client } = await server.signIn('mark.delaney@larkspur-therapies.example');
    const programmes = await client.programme.list.query();
    expect(programmes).toHaveLength(1);
    const programmeId = programmes[0]!.id;
    const { path } = await client.calendar.createFeed.mutate({ programmeId });
    const text = await (await fetch(`${server.base}${path}`)).text();
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).not.toMatch(/Northgate/i);
    expect(eventsOf(text).filter((e) => e.uid.startsWith('meeting-'))).toEqual([]);
  });

  it('a member removed from the programme: their link answers 404', async () => {
    const admin = await server.signIn('helen.marsh@severnvale-icb.example');
    const programmeId = (await admin.client.programme.list.query()).find((p) => p.code === 'SVCMH')!.id;
    const members = await admin.client.member.list.query({ programmeId });
    const leaver = members.find((m) => m.role === 'executive_viewer' && m.status === 'active')!;
    const { client } = await server.signIn(leaver.email);
    const { path } = await client.calendar.createFeed.mutate({ programmeId });
    expect((await fetch(`${server.base}${path}`)).status).toBe(200);
    await admin.client.member.remove.mutate({
      programmeId,
      membershipId: leaver.membershipId,
      version: leaver.version,
    });
    expect((await fetch(`${server.base}${path}`)).status).toBe(404);
  });
});
