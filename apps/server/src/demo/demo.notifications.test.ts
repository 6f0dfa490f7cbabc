import { createCaller, createContextInner, scanDueNotifications } from '@baton/api';
import { findUserByEmail, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './demo.seed';

const TODAY = '2026-11-23';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { today: TODAY });
});
afterAll(() => h.close());

async function as(email: string) {
  const user = (await findUserByEmail(h.db, email))!;
  return createCaller(
    createContextInner({ db: h.db, session: { user, tokenHash: 'test' }, today: () => TODAY }),
  );
}

describe(`demo notifications on ${testEngine()}`, () => {
  it('the transition lead and a provider contributor open Baton to a bell with something in it', async () => {
    for (const email of ['tom.okafor@severnvale-icb.example', 'sarah.llewellyn@wyebridge-cht.example']) {
      const caller = await as(email);
      const unread = await caller.notification.unreadCount();
      expect(unread, email).toBeGreaterThanOrEqual(3);
      const list = await caller.notification.list({ limit: 100 });
      expect(list.items.some((n) => n.kind === 'task_assigned')).toBe(true);
      expect(list.items.every((n) => n.link?.startsWith(`/p/${n.programme!.id}/`))).toBe(true);
    }
    const steering = await as('priya.raman@severnvale-council.example');
    expect((await steering.notification.list({})).items.map((n) => n.kind)).toContain('risk_escalated');
  });

  it('this morning’s scan is already in: running it again notifies nothing new', async () => {
    expect(await scanDueNotifications(h.db, TODAY)).toMatchObject({ notified: 0, emails: 0 });
  });

  it('queued their emails, which wait in the outbox (no mail server in the demo)', async () => {
    const admin = await as('helen.marsh@severnvale-icb.example');
    const programme = (await admin.programme.list()).find((p) => p.code === 'SVCMH')!;
    const outbox = await admin.notification.outbox({ programmeId: programme.id });
    expect(outbox.items.length).toBeGreaterThan(5);
    expect(outbox.items.every((e) => e.status === 'pending' && e.toAddress.endsWith('.example'))).toBe(true);
  });
});
