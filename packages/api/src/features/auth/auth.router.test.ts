import {
  findCredentials,
  findUserById,
  insertInvite,
  insertMembership,
  insertUser,
  type DbHandle,
} from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../auth/password';
import { sessionFromToken } from '../../auth/session';
import { hashToken, newToken } from '../../auth/tokens';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../../testing/fixture';

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

function cookieJar() {
  const jar: { token: string | null; cleared: boolean } = { token: null, cleared: false };
  return {
    jar,
    request: {
      setSessionCookie: (t: string) => void (jar.token = t),
      clearSessionCookie: () => void (jar.cleared = true),
    },
  };
}

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  const e = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(e instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(e)}`);
  return e;
}

/** A person invited to the fixture's programme, straight through the repositories: their one-time token. */
async function invitePerson(name: string) {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@test.example`;
  const userId = await insertUser(h.db, {
    email,
    name,
    organisationId: fx.orgs.incoming.id,
    passwordHash: null,
  });
  await insertMembership(h.db, { programmeId: fx.programme.id, userId, role: 'provider_contributor' });
  const token = newToken();
  await insertInvite(h.db, {
    tokenHash: hashToken(token),
    userId,
    programmeId: fx.programme.id,
    invitedBy: fx.users.admin.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { email, userId, token };
}

describe(`sign-in on ${testEngine()}`, () => {
  it('signs in with the right password, stores only a hash of the token, and signs out', async () => {
    const { jar, request } = cookieJar();
    const me = await (
      await fx.as(null, { request })
    ).auth.signIn({ email: ' Sam.Steering@TEST.example ', password: FIXTURE_PASSWORD });
    if (me.secondFactorRequired) throw new Error('no second factor was set up');
    expect(me.name).toBe('Sam Steering');
    expect(jar.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await h.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', me.id)
      .execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(jar.token);
    const session = await sessionFromToken(h.db, jar.token!);
    expect(session?.user.id).toBe(me.id);
    const caller = (await import('../../router')).createCaller(
      (await import('../../context')).createContextInner({ db: h.db, session, request }),
    );
    expect(await caller.auth.me()).toMatchObject({ id: me.id });
    await caller.auth.signOut();
    expect(jar.cleared).toBe(true);
    expect(await sessionFromToken(h.db, jar.token!)).toBeNull();
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const anon = await fx.as(null, { request: { ip: '10.0.0.9' } });
    const wrong = await codeOf(
      anon.auth.signIn({ email: fx.users.lead.email, password: 'not the password' }),
    );
    const unknown = await codeOf(anon.auth.signIn({ email: 'nobody@test.example', password: 'whatever' }));
    expect([wrong, unknown]).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED']);
  });

  it('audits a refused sign-in against the account, saying why (an unknown email has no account to audit)', async () => {
    const failures = () =>
      h.db
        .selectFrom('audit_events')
        .select(['entity_id', 'summary', 'actor_user_id', 'organisation_id'])
        .where('action', '=', 'sign_in_failed')
        .orderBy('id')
        .execute();
    const before = (await failures()).length;
    const anon = await fx.as(null, { request: { ip: '10.0.0.11' } });
    await codeOf(anon.auth.signIn({ email: fx.users.contributor.email, password: 'not the password' }));
    await codeOf(anon.auth.signIn({ email: 'nobody.at.all@test.example', password: 'whatever' }));
    const after = (await failures()).slice(before);
    expect(after).toEqual([
      {
        entity_id: fx.users.contributor.id,
        summary: 'Sign-in as Cat Contributor from 10.0.0.11 refused: wrong password',
        actor_user_id: null,
        organisation_id: fx.orgs.outgoing.id,
      },
    ]);
  });

  it('rejects a malformed email with BAD_REQUEST before touching the database', async () => {
    expect(await codeOf((await fx.as(null)).auth.signIn({ email: 'not-an-email', password: 'x' }))).toBe(
      'BAD_REQUEST',
    );
  });
});

describe(`invitations on ${testEngine()}`, () => {
  it('an admin invites a new person, who sets a password through the one-time link and lands in the programme', async () => {
    const admin = await fx.as('admin');
    const { inviteUrl, membershipId } = await admin.member.invite({
      programmeId: fx.programme.id,
      email: 'Nia.New@Test.example',
      name: 'Nia New',
      organisationId: fx.orgs.incoming.id,
      role: 'provider_contributor',
    });
    expect(inviteUrl).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = inviteUrl!.split('/').pop()!;
    const members = await admin.member.list({ programmeId: fx.programme.id });
    expect(members.find((m) => m.membershipId === membershipId)).toMatchObject({
      status: 'invited',
      email: 'nia.new@test.example',
    });

    const { jar, request } = cookieJar();
    const anon = await fx.as(null, { request });
    expect(await anon.auth.inviteDetails({ token })).toMatchObject({
      name: 'Nia New',
      programmeName: 'Test Vale Community Services',
      role: 'provider_contributor',
    });
    expect(await codeOf(anon.auth.acceptInvite({ token, password: 'short' }))).toBe('BAD_REQUEST');
    const me = await anon.auth.acceptInvite({ token, password: 'a long enough passphrase' });
    expect(me.email).toBe('nia.new@test.example');
    expect(jar.token).not.toBeNull();
    expect(await codeOf(anon.auth.acceptInvite({ token, password: 'a long enough passphrase' }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(anon.auth.signIn({ email: 'nia.new@test.example', password: 'a long enough passphrase' })),
    ).toBe('ok');
    const after = await admin.member.list({ programmeId: fx.programme.id });
    expect(after.find((m) => m.membershipId === membershipId)?.status).toBe('active');
  });

  it('a re-issued link replaces the old one', async () => {
    const admin = await fx.as('admin');
    const { inviteUrl, membershipId } = await admin.member.invite({
      programmeId: fx.programme.id,
      email: 'rex.reissue@test.example',
      name: 'Rex Reissue',
      organisationId: fx.orgs.outgoing.id,
      role: 'executive_viewer',
    });
    const second = await admin.member.reissueInvite({ programmeId: fx.programme.id, membershipId });
    const anon = await fx.as(null);
    expect(await codeOf(anon.auth.inviteDetails({ token: inviteUrl!.split('/').pop()! }))).toBe('NOT_FOUND');
    expect(await codeOf(anon.auth.inviteDetails({ token: second.inviteUrl.split('/').pop()! }))).toBe('ok');
  });

  it('refuses to invite someone twice, or into the wrong organisation', async () => {
    const admin = await fx.as('admin');
    const base = { programmeId: fx.programme.id, name: 'Sam Steering', role: 'executive_viewer' as const };
    expect(
      await codeOf(
        admin.member.invite({ ...base, email: fx.users.steering.email, organisationId: fx.orgs.icb.id }),
      ),
    ).toBe('BAD_REQUEST');
    expect(
      await codeOf(
        admin.member.invite({ ...base, email: fx.users.steering.email, organisationId: fx.orgs.outgoing.id }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('never removes or demotes the last programme admin', async () => {
    const admin = await fx.as('admin');
    const me = (await admin.member.list({ programmeId: fx.programme.id })).find(
      (m) => m.userId === fx.users.admin.id,
    )!;
    expect(
      await codeOf(
        admin.member.changeRole({
          programmeId: fx.programme.id,
          membershipId: me.membershipId,
          role: 'executive_viewer',
          version: me.version,
        }),
      ),
    ).toBe('BAD_REQUEST');
    expect(
      await codeOf(
        admin.member.remove({
          programmeId: fx.programme.id,
          membershipId: me.membershipId,
          version: me.version,
        }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('refuses a guessable password with the estimator’s advice, and leaves the link usable', async () => {
    const { token, email } = await invitePerson('Wendy Weakling');
    const anon = await fx.as(null);
    const common = await errorOf(anon.auth.acceptInvite({ token, password: 'password1234' }));
    expect(common.code).toBe('BAD_REQUEST');
    expect(common.message).toBe(
      'This password is too easy to guess. This is similar to a commonly used password. Add another word or two. Uncommon words are better.',
    );
    expect((common.cause as { fieldErrors?: unknown }).fieldErrors).toEqual({
      password: [
        'This is similar to a commonly used password.',
        'Add another word or two. Uncommon words are better.',
      ],
    });
    // Built from their own name: weak for them, whatever it would be for someone else.
    const own = await errorOf(anon.auth.acceptInvite({ token, password: 'wendy.weakling2026!' }));
    expect(own.code).toBe('BAD_REQUEST');
    expect(own.message).toContain('Avoid your own name, email address or organisation.');
    expect((await findCredentials(h.db, email))?.passwordHash).toBeNull();
    expect(await codeOf(anon.auth.acceptInvite({ token, password: 'quiet otter lantern harbour' }))).toBe(
      'ok',
    );
  });

  it('a link accepted ten times at once is used exactly once: one password set, nine refusals', async () => {
    const { token, userId, email } = await invitePerson('Rita Racer');
    const before = await findUserById(h.db, userId);
    const passwords = Array.from({ length: 10 }, (_, i) => `racing pigeon number ${i} flies home`);
    const results = await Promise.allSettled(
      passwords.map(async (password) => (await fx.as(null)).auth.acceptInvite({ token, password })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [passwords[i]!] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const e of lost) {
      expect(e).toBeInstanceOf(TRPCError);
      expect(e).toMatchObject({
        code: 'NOT_FOUND',
        message:
          'This invitation link has expired or has already been used. Ask your programme admin for a new one.',
      });
    }
    // The password was set once, to the winner's.
    const after = await findUserById(h.db, userId);
    expect(after!.version).toBe(before!.version + 1);
    const stored = (await findCredentials(h.db, email))!.passwordHash!;
    const matches = await Promise.all(passwords.map((p) => verifyPassword(stored, p)));
    expect(passwords.filter((_, i) => matches[i])).toEqual(won);
    const events = await h.db
      .selectFrom('audit_events')
      .select('id')
      .where('entity_id', '=', userId)
      .where('action', '=', 'accept_invite')
      .execute();
    expect(events).toHaveLength(1);
    const sessions = await h.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', userId)
      .execute();
    expect(sessions).toHaveLength(1);
  });
});
