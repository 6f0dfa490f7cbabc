import type { AddressInfo } from 'node:net';
import { writeNotifications } from '@baton/api';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { MAX_EMAIL_ATTEMPTS, type TNotificationDraft } from '@baton/domain';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedJobsFixture } from './jobs.testing';
import { createMailer, NOT_CONFIGURED, sendPendingEmails, type Mailer } from './mailer';

/* The outbox sender against a real SMTP server listening on 127.0.0.1 (smtp-server), not a stand-in. */

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

let h: DbHandle;
let fx: Awaited<ReturnType<typeof seedJobsFixture>>;
let server: SMTPServer;
let port: number;
const received: Received[] = [];
let mailer: Mailer;

beforeAll(async () => {
  h = await createTestDb();
  fx = await seedJobsFixture(h.db, '2026-11-23');
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      // A mailbox that does not exist: the server refuses it, as a real one would.
      if (address.address.startsWith('nobody')) callback(new Error('550 5.1.1 No such mailbox here'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  mailer = createMailer(`smtp://127.0.0.1:${port}`);
});
afterAll(async () => {
  mailer?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

/** The text part of a received message, decoded from whatever transfer encoding the mailer chose. */
function bodyOf(raw: string): string {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head!)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

const draft = (userId: string, key: string, title: string): TNotificationDraft => ({
  userId,
  programmeId: fx.programme.id,
  kind: 'task_assigned',
  title,
  body: 'Lot 1 transfer. Due 24 Nov 2026.',
  link: `/p/${fx.programme.id}/transition/tasks/${fx.taskIds[0]}`,
  entityType: 'task',
  entityId: fx.taskIds[0]!,
  dedupeKey: key,
});

async function outboxRow(address: string) {
  return h.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('to_address', '=', address)
    .executeTakeFirstOrThrow();
}

describe(`email outbox over SMTP on ${testEngine()}`, () => {
  it('with no mail server configured, emails stay pending and say why', async () => {
    await writeNotifications(h.db, [draft(fx.userId, 'k1', 'Priya Raman assigned you a task: Send the ELI')]);
    const r = await sendPendingEmails(h.db, null, {
      from: 'Baton <baton@test.example>',
      baseUrl: 'http://x',
    });
    expect(r).toEqual({ sent: 0, retrying: 0, failed: 0, unsendable: 1 });
    expect(await outboxRow(fx.email)).toMatchObject({
      status: 'pending',
      attempts: 0,
      last_error: NOT_CONFIGURED,
    });
    // Saying it again changes nothing.
    expect((await sendPendingEmails(h.db, null, { from: 'x', baseUrl: 'http://x' })).unsendable).toBe(0);
  });

  it('sends to a real SMTP server: envelope, headers, subject and a plain-text body with an absolute link', async () => {
    const r = await sendPendingEmails(h.db, mailer, {
      from: 'Baton <baton@test.example>',
      baseUrl: 'https://baton.example.nhs.uk/',
    });
    expect(r).toEqual({ sent: 1, retrying: 0, failed: 0, unsendable: 0 });
    expect(received).toHaveLength(1);
    const m = received[0]!;
    expect(m.from).toBe('baton@test.example');
    expect(m.to).toEqual([fx.email]);
    expect(m.raw).toMatch(/^From: Baton <baton@test\.example>\r$/m);
    expect(m.raw).toMatch(new RegExp(`^To: ${fx.email.replace(/\./g, '\\.')}\\r$`, 'm'));
    expect(m.raw).toMatch(/^Subject: Baton: Priya Raman assigned you a task: Send the ELI\r$/m);
    expect(m.raw).toMatch(/^Auto-Submitted: auto-generated\r$/m);
    expect(m.raw).toMatch(/^Content-Type: text\/plain/m);
    const body = bodyOf(m.raw);
    expect(body).toContain('Hello Sam Jobs,');
    expect(body).toContain('Programme: Jobs test programme');
    expect(body).toContain(
      `Open in Baton: https://baton.example.nhs.uk/p/${fx.programme.id}/transition/tasks/${fx.taskIds[0]}`,
    );
    expect(body).toContain('https://baton.example.nhs.uk/notifications');
    expect(body).not.toContain('{{');
    const row = await outboxRow(fx.email);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
    // Sent is sent: a second run sends nothing again.
    expect(
      (await sendPendingEmails(h.db, mailer, { from: 'x@test.example', baseUrl: 'http://x' })).sent,
    ).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('a refused address is retried later with backoff, then given up after the last attempt', async () => {
    const userId = await h.db
      .insertInto('users')
      .values({
        email: 'nobody@test.example',
        name: 'No Body',
        organisation_id: (
          await h.db
            .selectFrom('users')
            .select('organisation_id')
            .where('id', '=', fx.userId)
            .executeTakeFirstOrThrow()
        ).organisation_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeNotifications(h.db, [draft(userId.id, 'k2', 'Bounces')]);
    const from = 'Baton <baton@test.example>';
    const first = await sendPendingEmails(h.db, mailer, { from, baseUrl: 'http://x' });
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    let row = await outboxRow('nobody@test.example');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/No such mailbox/);
    const waitMinutes = (row.next_attempt_at.getTime() - Date.now()) / 60_000;
    expect(waitMinutes).toBeGreaterThan(4);
    expect(waitMinutes).toBeLessThan(6);
    // Not due yet: left alone.
    expect((await sendPendingEmails(h.db, mailer, { from, baseUrl: 'http://x' })).retrying).toBe(0);

    for (let attempt = 2; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      await h.db
        .updateTable('email_outbox')
        .set({ next_attempt_at: new Date(0) })
        .where('id', '=', row.id)
        .execute();
      await sendPendingEmails(h.db, mailer, { from, baseUrl: 'http://x' });
    }
    row = await outboxRow('nobody@test.example');
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_EMAIL_ATTEMPTS });
    await h.db
      .updateTable('email_outbox')
      .set({ next_attempt_at: new Date(0) })
      .where('id', '=', row.id)
      .execute();
    expect(await sendPendingEmails(h.db, mailer, { from, baseUrl: 'http://x' })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      unsendable: 0,
    });
    expect(received.every((m) => !m.to.includes('nobody@test.example'))).toBe(true);
  });

  it('two senders at once never send the same email twice', async () => {
    const before = received.length;
    await writeNotifications(
      h.db,
      Array.from({ length: 6 }, (_, i) => draft(fx.userId, `burst-${i}`, `Burst ${i}`)),
    );
    const from = 'Baton <baton@test.example>';
    const [a, b] = await Promise.all([
      sendPendingEmails(h.db, mailer, { from, baseUrl: 'http://x', batchSize: 2 }),
      sendPendingEmails(h.db, mailer, { from, baseUrl: 'http://x', batchSize: 2 }),
    ]);
    expect(a.sent + b.sent).toBe(6);
    const subjects = received.slice(before).map((m) => /^Subject: (.*)\r$/m.exec(m.raw)![1]);
    expect(new Set(subjects).size).toBe(6);
  });
});
