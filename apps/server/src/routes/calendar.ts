import { calendarFeedText, errorBodyOf, httpStatusOf } from '@baton/api';
import type { Database } from '@baton/db';
import { DomainError, todayInUk } from '@baton/domain';
import type { FastifyPluginAsync } from 'fastify';

/*
 * Calendar feeds (iCalendar, RFC 5545) for Outlook, Google and Apple calendars. They cannot send a session
 * cookie, so the secret in the address is the credential: @baton/api checks it, and the owner's current
 * membership, on every fetch. An unknown, revoked or orphaned link answers 404.
 */

export interface CalendarRoutesOptions {
  db: Database;
  today?: () => string;
  publicUrl: string | undefined;
}

export const calendarRoutes: FastifyPluginAsync<CalendarRoutesOptions> = async (app, o) => {
  app.get<{ Params: { file: string } }>('/calendar/:file', async (req, reply) => {
    const token = req.params.file.replace(/\.ics$/, '');
    const base = o.publicUrl ?? `${req.protocol}://${req.host}`;
    try {
      const text = await calendarFeedText(o.db, token, (o.today ?? (() => todayInUk()))(), base);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="baton.ics"')
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .send(text);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return reply.code(httpStatusOf(e)).send(errorBodyOf(e));
    }
  });
};
