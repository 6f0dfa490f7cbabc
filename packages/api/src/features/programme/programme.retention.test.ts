import { insertUser, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, contextFor } from '../risk-import/risk-import.testing';
import { memberContext } from '../../testing/downloads';
import { programmeArchiveFile } from './programme.files';
import { buildFixture, type Fixture } from '../../testing/fixture';

/* Closing a programme (read-only, kept until a date) and deleting it after that date, in two steps. */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

const P = () => fx.programme.id;
const version = async () =>
  (await (await fx.as('admin')).programme.overview({ programmeId: P() })).programme.version;
const riskInput = () =>
  ({
    programmeId: P(),
    title: 'A risk raised before closing',
    event: 'Something might happen',
    categoryKey: 'workforce_tupe',
    ownerUserId: null,
    owningOrganisationId: fx.orgs.icb.id,
    initial: { consequence: 3, likelihood: 3 },
    current: { consequence: 3, likelihood: 3 },
    target: { consequence: 2, likelihood: 2 },
  }) as never;

describe(`retention on ${testEngine()}`, () => {
  it('a closed programme is read-only: reads and the archive work, every change is refused', async () => {
    const admin = await fx.as('admin');
    const risk = await admin.risk.create(riskInput());
    const tooSoon = await caught(
      admin.programme.close({
        programmeId: P(),
        version: await version(),
        retainUntil: '2026-01-01',
      } as never),
    );
    expect(tooSoon.message).toMatch(/today or a later date/);

    const closed = await admin.programme.close({
      programmeId: P(),
      version: await version(),
      retainUntil: '2032-11-23',
      reason: 'Transition complete; records handed to the ICB',
    } as never);
    expect(closed).toMatchObject({ status: 'closed', retainUntil: '2032-11-23' });

    const lead = await fx.as('lead');
    const refused = await caught(
      lead.risk.update({ programmeId: P(), riskId: risk.id, version: risk.version, title: 'x' } as never),
    );
    expect(refused).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/closed: its records are kept read-only/),
    });
    expect((await caught(admin.risk.create(riskInput()))).code).toBe('FORBIDDEN');
    expect((await lead.risk.get({ programmeId: P(), riskId: risk.id })).risk.title).toBe(
      'A risk raised before closing',
    );
    expect((await admin.programme.list()).find((p) => p.id === P())).toMatchObject({ status: 'closed' });
    const trail = await admin.audit.list({ programmeId: P(), limit: 5 });
    expect(trail.items[0]).toMatchObject({
      summary: expect.stringMatching(/^Closed the programme: read-only, records kept until 23 Nov 2032/),
    });

    // The archive is what a closed programme is for.
    const archive = await programmeArchiveFile(
      await memberContext(await contextFor(h.db, fx, 'admin'), P(), 'programme.records'),
    );
    expect(archive.fileName).toMatch(/^TVCS-archive-/);

    // Reopening makes it writable again.
    await admin.programme.reopen({ programmeId: P(), version: await version() });
    await admin.risk.update({
      programmeId: P(),
      riskId: risk.id,
      version: risk.version,
      title: 'Renamed after reopening',
    } as never);
  });

  it('deletion waits for the retention date, needs the code typed, and two different people', async () => {
    const admin = await fx.as('admin');
    await admin.programme.close({
      programmeId: P(),
      version: await version(),
      retainUntil: '2026-12-31',
    } as never);
    const early = await caught(
      admin.programme.requestDeletion({ programmeId: P(), version: await version(), confirmCode: 'TVCS' }),
    );
    expect(early.message).toMatch(/kept until 31 Dec 2026/);

    // A year later.
    const later = await fx.as('admin', { today: () => '2027-12-01' });
    const wrongCode = await caught(
      later.programme.requestDeletion({ programmeId: P(), version: await version(), confirmCode: 'TVTT' }),
    );
    expect(wrongCode.message).toMatch(/code exactly/);
    const asked = await later.programme.requestDeletion({
      programmeId: P(),
      version: await version(),
      confirmCode: 'tvcs',
    });
    expect(asked.deletionRequestedAt).not.toBeNull();
    expect(
      (await caught(later.programme.reopen({ programmeId: P(), version: asked.version }))).message,
    ).toMatch(/withdraw that first/);

    const sameAgain = await caught(
      later.programme.confirmDeletion({ programmeId: P(), version: asked.version, confirmCode: 'TVCS' }),
    );
    expect(sameAgain.message).toMatch(/two people/);
    const contributor = await fx.as('contributor', { today: () => '2027-12-01' });
    expect(
      (
        await caught(
          contributor.programme.confirmDeletion({
            programmeId: P(),
            version: asked.version,
            confirmCode: 'TVCS',
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const outsider = await fx.as('outsider', { today: () => '2027-12-01' });
    expect(
      (
        await caught(
          outsider.programme.confirmDeletion({
            programmeId: P(),
            version: asked.version,
            confirmCode: 'TVCS',
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');

    // A second system administrator confirms.
    const secondId = await insertUser(h.db, {
      email: 'second.admin@test.example',
      name: 'Second Admin',
      organisationId: fx.orgs.icb.id,
      passwordHash: null,
      isSystemAdmin: true,
    });
    const second = await fx.as(null, {
      session: {
        user: (await import('@baton/db').then((m) => m.findUserById(h.db, secondId)))!,
        tokenHash: 'x',
      },
      today: () => '2027-12-01',
    });
    const done = await second.programme.confirmDeletion({
      programmeId: P(),
      version: asked.version,
      confirmCode: 'TVCS',
    });
    expect(done.deleted).toBe(true);
    expect(done.counts.risks).toBeGreaterThan(0);

    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from programmes where id = ${P()}`.execute(h.db);
    expect(left.rows[0]!.n).toBe(0);
    for (const table of ['risks', 'risk_history', 'audit_events', 'programme_memberships', 'meetings'])
      expect(
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from ${sql.table(table)} where programme_id = ${P()}`.execute(h.db)
        ).rows[0]!.n,
        table,
      ).toBe(0);
    // The deletion's own record outlives the programme.
    const record = await sql<{
      summary: string;
      actor_user_id: string;
      before: { counts: { risks: number } };
    }>`
      select summary, actor_user_id, before from audit_events where entity_id = ${P()} and action = 'delete'`.execute(
      h.db,
    );
    expect(record.rows[0]).toMatchObject({
      actor_user_id: secondId,
      summary: expect.stringMatching(
        /^Deleted the programme Test Vale Community Services \(TVCS\) after its retention date/,
      ),
    });
    expect((await caught(admin.programme.overview({ programmeId: P() }))).code).toBe('NOT_FOUND');
  });
});
