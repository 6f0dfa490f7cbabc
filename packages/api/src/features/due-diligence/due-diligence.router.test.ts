import { insertMembership, insertParty, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caught, shapeOf } from '../../testing/errors';
import { auditCount, buildFixture, TODAY, type Fixture } from '../../testing/fixture';
import { documentFile } from '../document/document.service';

/*
 * Due diligence requests and clarifications: the life of a request, overdue and chasing by the domain rule,
 * release to every bidder at one moment, bidders' questions published without the asker, and documents
 * checked (type, content, virus scan), versioned and seen by the request's rules. Fixture today: 2026-11-23.
 */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  // The tender's incumbent: Old Mill runs the service today and is asked for information about it.
  await insertParty(h.db, {
    programmeId: fx.tender.id,
    organisationId: fx.orgs.outgoing.id,
    role: 'outgoing_provider',
    lotId: null,
  });
  await insertMembership(h.db, {
    programmeId: fx.tender.id,
    userId: fx.users.contributor.id,
    role: 'provider_contributor',
  });
});
afterAll(() => h.close());
afterEach(() => {
  delete process.env.BATON_VIRUS_SCAN_COMMAND;
});

const P = () => ({ programmeId: fx.programme.id });
const T = () => ({ programmeId: fx.tender.id });
const count = async (table: string) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(h.db)).rows[0]!.n);
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe(`due diligence requests on ${testEngine()}`, () => {
  it('are numbered in the order asked, even when asked at once, and tell the organisation asked', async () => {
    const lead = await fx.as('lead');
    const ask = (title: string) =>
      lead.dueDiligence.create({
        ...P(),
        title,
        category: 'workforce',
        respondingOrganisationId: fx.orgs.outgoing.id,
        dueOn: '2026-11-27',
      });
    const made = await Promise.all([ask('Staff list'), ask('Sickness absence'), ask('Pay bands')]);
    expect(made.map((r) => r.number).sort()).toEqual([1, 2, 3]);
    expect(made[0]!.requestingOrganisation.id).toBe(fx.orgs.icb.id);
    const told = await sql<{
      n: string;
    }>`select count(*) as n from notifications where user_id = ${fx.users.contributor.id} and kind = 'due_diligence'`.execute(
      h.db,
    );
    expect(Number(told.rows[0]!.n)).toBe(3);
    // The organisation asked finds them in its workspace, counted with what it owes.
    const ws = await (
      await fx.as('contributor')
    ).workspace.lead({ ...P(), scope: 'organisation', horizonDays: 90 });
    expect(
      ws.awaiting
        .filter((a) => a.kind === 'dd_request')
        .map((a) => a.title)
        .sort(),
    ).toEqual(made.map((r) => `DDR-00${r.number} ${r.title}`).sort());
  });

  it('refuses what breaks a rule, by the field, and writes nothing', async () => {
    const lead = await fx.as('lead');
    const before = [await count('dd_requests'), await auditCount(h.db)];
    const base = {
      ...P(),
      title: 'Estates schedule',
      category: 'estates' as const,
      respondingOrganisationId: fx.orgs.outgoing.id,
      dueOn: '2026-12-10',
    };
    const bad = [
      [{ dueOn: '2026-11-01' }, 'dueOn'],
      [{ respondingOrganisationId: fx.orgs.icb.id }, 'respondingOrganisationId'],
      [{ respondingOrganisationId: fx.orgs.elsewhere.id }, 'respondingOrganisationId'],
      [{ responderUserId: fx.users.incomingContributor.id }, 'responderUserId'],
      [{ title: 'x' }, 'title'],
    ] as const;
    for (const [patch, field] of bad) {
      const e = await caught(lead.dueDiligence.create({ ...base, ...patch }));
      expect(e.code, field).toBe('BAD_REQUEST');
      expect(Object.keys(shapeOf(e).data.fieldErrors ?? {}), field).toContain(field);
    }
    // An outgoing provider is asked, it does not ask; a viewer changes nothing.
    expect((await caught((await fx.as('contributor')).dueDiligence.create(base))).code).toBe('FORBIDDEN');
    expect((await caught((await fx.as('viewer')).dueDiligence.create(base))).code).toBe('FORBIDDEN');
    expect([await count('dd_requests'), await auditCount(h.db)]).toEqual(before);
  });

  it('is answered by the organisation asked, reviewed by the one that asked, and never overwritten', async () => {
    const lead = await fx.as('lead');
    const outgoing = await fx.as('contributor');
    const incoming = await fx.as('incomingContributor');
    const r = await lead.dueDiligence.create({
      ...P(),
      title: 'IT asset register',
      category: 'it',
      respondingOrganisationId: fx.orgs.outgoing.id,
      responderUserId: fx.users.contributor.id,
      dueOn: '2026-12-01',
    });
    const answer = { ...P(), requestId: r.id, version: r.version, answer: 'Attached: 412 devices.' };
    expect((await caught(incoming.dueDiligence.answer(answer))).code).toBe('FORBIDDEN');
    expect(
      (await caught(outgoing.dueDiligence.review({ ...P(), requestId: r.id, version: 1, outcome: 'accept' })))
        .code,
    ).toBe('FORBIDDEN');
    const answered = await outgoing.dueDiligence.answer(answer);
    expect(answered.status).toBe('answered');
    // A second answer on the version read before the first: a conflict carrying the current request.
    const stale = await caught(outgoing.dueDiligence.answer({ ...answer, answer: 'Overwrite' }));
    expect(stale.code).toBe('CONFLICT');
    const returned = await lead.dueDiligence.review({
      ...P(),
      requestId: r.id,
      version: answered.version,
      outcome: 'return',
      note: 'Add the licence renewal dates',
    });
    expect(returned.status).toBe('returned');
    const again = await outgoing.dueDiligence.answer({
      ...answer,
      version: returned.version,
      answer: 'Now with renewal dates.',
    });
    const accepted = await lead.dueDiligence.review({
      ...P(),
      requestId: r.id,
      version: again.version,
      outcome: 'accept',
    });
    expect([accepted.status, accepted.answer]).toEqual(['accepted', 'Now with renewal dates.']);
    expect((await caught(outgoing.dueDiligence.answer({ ...answer, version: accepted.version }))).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('counts overdue by the domain rule, and chases once a day', async () => {
    const lead = await fx.as('lead');
    await h.db
      .insertInto('dd_requests')
      .values({
        programme_id: fx.programme.id,
        number: 900,
        requesting_organisation_id: fx.orgs.icb.id,
        responding_organisation_id: fx.orgs.outgoing.id,
        category: 'finance',
        title: 'Cost of service 2025/26',
        asked_on: '2026-10-01',
        due_on: '2026-11-20',
        status: 'open',
      })
      .execute();
    const overdue = await lead.dueDiligence.list({ ...P(), state: 'overdue' });
    expect(overdue.items.map((i) => i.number)).toEqual([900]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, daysOverdue: 3 });
    const all = await lead.dueDiligence.list({ ...P(), state: 'all' });
    expect(all.summary.overdue).toBe(all.items.filter((i) => i.overdue).length);
    expect(all.summary.overdue).toBe(1);
    const r = overdue.items[0]!;
    const chased = await lead.dueDiligence.chase({ ...P(), requestId: r.id, version: r.version });
    expect([chased.chaseCount, chased.lastChasedOn]).toEqual([1, TODAY]);
    const twice = await caught(lead.dueDiligence.chase({ ...P(), requestId: r.id, version: chased.version }));
    expect(twice.code).toBe('BAD_REQUEST');

    // Still overdue after chasing: the asker raises a risk on the register, linked to the request, once.
    const raised = await lead.dueDiligence.raiseRisk({ ...P(), requestId: r.id, version: chased.version });
    expect(raised.request.riskId).toBe(raised.risk.id);
    const risk = (await lead.risk.get({ ...P(), riskId: raised.risk.id })).risk;
    expect(risk).toMatchObject({ categoryKey: 'finance', owningOrganisation: { id: fx.orgs.icb.id } });
    expect(risk.title).toBe('Information not available in time: Cost of service 2025/26');
    const again = await caught(
      lead.dueDiligence.raiseRisk({ ...P(), requestId: r.id, version: raised.request.version }),
    );
    expect(shapeOf(again).message).toMatch(/already raised a risk/);
    const notLate = (await lead.dueDiligence.list({ ...P(), state: 'open' })).items.find((i) => !i.overdue)!;
    expect(
      shapeOf(
        await caught(
          lead.dueDiligence.raiseRisk({ ...P(), requestId: notLate.id, version: notLate.version }),
        ),
      ).message,
    ).toMatch(/Only an overdue request/);
  });
});

describe(`due diligence and readiness on ${testEngine()}`, () => {
  it('an overdue request for a transfer shows in its readiness, in the workstream the information serves', async () => {
    const lead = await fx.as('lead');
    const { transfer } = await lead.transition.createTransfer({
      ...P(),
      name: 'District nursing',
      lotId: fx.lot.id,
      outgoingOrganisationId: fx.orgs.outgoing.id,
      incomingOrganisationId: fx.orgs.incoming.id,
      plannedTransferDate: '2027-04-01',
    } as never);
    const r = await lead.dueDiligence.create({
      ...P(),
      title: 'Occupancy of the Millbrook clinic',
      category: 'estates',
      respondingOrganisationId: fx.orgs.outgoing.id,
      transferId: transfer.id,
      dueOn: TODAY,
    });
    const estatesOf = async () =>
      (await lead.transition.transfers({ ...P() }))
        .find((t) => t.transfer.id === transfer.id)!
        .readiness.workstreams.find((w) => w.workstream === 'estates_facilities')!;
    expect((await estatesOf()).reasons.join(' ')).not.toMatch(/Due diligence/);
    await sql`update dd_requests set due_on = '2026-11-16' where id = ${r.id}`.execute(h.db);
    expect((await estatesOf()).reasons).toContain(
      `Due diligence ${`DDR-${String(r.number).padStart(3, '0')}`} “Occupancy of the Millbrook clinic” (Old Mill) 7 days overdue`,
    );
  });
});

describe(`release to bidders on ${testEngine()}`, () => {
  it('shows an answer and its documents to every bidder at one moment, never before, and no people', async () => {
    const admin = await fx.as('admin');
    const incumbent = await fx.as('contributor');
    const alpha = await fx.as('bidderA');
    const beta = await fx.as('bidderB');
    const r = await admin.dueDiligence.create({
      ...T(),
      title: 'Caseload by locality, last 12 months',
      category: 'activity',
      respondingOrganisationId: fx.orgs.outgoing.id,
      responderUserId: fx.users.contributor.id,
      dueOn: '2026-12-04',
    });
    const answered = await incumbent.dueDiligence.answer({
      ...T(),
      requestId: r.id,
      version: r.version,
      answer: 'Caseload attached: 3,112 open cases.',
    });
    const doc = await incumbent.document.upload({
      ...T(),
      parentType: 'dd_request',
      parentId: r.id,
      fileName: 'caseload.csv',
      contentBase64: b64('locality,open cases\nNorth,1200\nSouth,1912\n'),
    });
    for (const bidder of [alpha, beta]) {
      expect((await bidder.dueDiligence.list({ ...T() })).items).toEqual([]);
      expect((await caught(bidder.dueDiligence.get({ ...T(), requestId: r.id }))).code).toBe('NOT_FOUND');
      expect(
        (await caught(bidder.document.list({ ...T(), parentType: 'dd_request', parentId: r.id }))).code,
      ).toBe('NOT_FOUND');
    }
    // Released only once accepted; and only by those who run the procurement.
    expect(
      (await caught(admin.dueDiligence.release({ ...T(), requestId: r.id, version: answered.version }))).code,
    ).toBe('BAD_REQUEST');
    const accepted = await admin.dueDiligence.review({
      ...T(),
      requestId: r.id,
      version: answered.version,
      outcome: 'accept',
    });
    expect(
      (await caught(incumbent.dueDiligence.release({ ...T(), requestId: r.id, version: accepted.version })))
        .code,
    ).toBe('FORBIDDEN');
    const released = await admin.dueDiligence.release({ ...T(), requestId: r.id, version: accepted.version });
    expect(released.releasedAt).toBeInstanceOf(Date);
    const seen = await Promise.all([alpha, beta].map((b) => b.dueDiligence.get({ ...T(), requestId: r.id })));
    for (const s of seen) {
      expect(s.request.releasedAt).toEqual(released.releasedAt);
      expect(s.request.answer).toBe('Caseload attached: 3,112 open cases.');
      expect([s.request.responder, s.request.answeredBy, s.request.createdBy]).toEqual([null, null, null]);
      expect(s.request.may).toEqual({
        edit: false,
        answer: false,
        review: false,
        release: false,
        attach: false,
      });
      expect(s.documents.map((d) => d.id)).toEqual([doc.id]);
      expect(s.documents[0]!.versions[0]!.uploadedBy).toBeNull();
      expect(JSON.stringify(s)).not.toContain('Cat Contributor');
    }
    const file = await documentFile(
      {
        db: h.db,
        user: { id: fx.users.bidderA.id } as never,
        member: await memberOf('bidderA'),
        today: () => TODAY,
      },
      doc.id,
      undefined,
    );
    expect(file.body.toString()).toContain('North,1200');
    // Released is final: no new files, no second release.
    expect(
      (
        await caught(
          incumbent.document.upload({
            ...T(),
            parentType: 'dd_request',
            parentId: r.id,
            fileName: 'late.csv',
            contentBase64: b64('a,b\n1,2\n'),
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (await caught(admin.dueDiligence.release({ ...T(), requestId: r.id, version: released.version }))).code,
    ).toBe('BAD_REQUEST');
    const told = await sql<{
      user_id: string;
    }>`select user_id from notifications where entity_id = ${r.id} and dedupe_key like '%:released'`.execute(
      h.db,
    );
    expect(told.rows.map((t) => t.user_id).sort()).toEqual([fx.users.bidderA.id, fx.users.bidderB.id].sort());
  });
});

async function memberOf(who: 'bidderA' | 'bidderB') {
  const { membershipFor } = await import('../../access/membership');
  return membershipFor(h.db, fx.users[who].id, fx.tender.id, 'programme.read');
}

describe(`clarifications on ${testEngine()}`, () => {
  it('are answered once and published to all bidders without the asker', async () => {
    const admin = await fx.as('admin');
    const alpha = await fx.as('bidderA');
    const beta = await fx.as('bidderB');
    const q = await alpha.dueDiligence.askClarification({
      ...T(),
      question: 'Alpha Care asks: does the caseload include the special schools outreach?',
    });
    expect(q.askedByYou).toBe(true);
    expect((await beta.dueDiligence.clarifications({ ...T() })).items).toEqual([]);
    expect(
      (await caught(admin.dueDiligence.askClarification({ ...T(), question: 'A commissioner question?' })))
        .code,
    ).toBe('FORBIDDEN');
    const full = (await admin.dueDiligence.clarifications({ ...T() })).items[0]!;
    expect(full.askedByOrganisation?.id).toBe(fx.orgs.bidderA.id);
    const answered = await admin.dueDiligence.answerClarification({
      ...T(),
      clarificationId: q.id,
      version: full.version,
      publishedQuestion: 'Does the caseload include the special schools outreach?',
      answer: 'Yes: 214 children are seen in special schools.',
    });
    // Answered but not published: the asker is not told before the others.
    const own = (await alpha.dueDiligence.clarifications({ ...T() })).items[0]!;
    expect([own.status, own.answer]).toEqual(['answered', '']);
    expect(
      (
        await caught(
          alpha.dueDiligence.publishClarification({
            ...T(),
            clarificationId: q.id,
            version: answered.version,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    await admin.dueDiligence.publishClarification({
      ...T(),
      clarificationId: q.id,
      version: answered.version,
    });
    const theirs = await beta.dueDiligence.clarifications({ ...T() });
    expect(theirs.items).toHaveLength(1);
    expect(theirs.items[0]).toMatchObject({
      question: 'Does the caseload include the special schools outreach?',
      answer: 'Yes: 214 children are seen in special schools.',
      askedByOrganisation: null,
      askedBy: null,
      askedByYou: false,
    });
    expect(JSON.stringify(theirs)).not.toMatch(/Alpha|Abe/);
    const audit = await beta.audit.list({ ...T() });
    expect(JSON.stringify(audit)).not.toMatch(/Alpha|Abe/);
  });
});

describe(`documents on ${testEngine()}`, () => {
  it('are what their name says, scanned, versioned, and refused whole when not', async () => {
    const lead = await fx.as('lead');
    const outgoing = await fx.as('contributor');
    const r = await lead.dueDiligence.create({
      ...P(),
      title: 'Leases and licences',
      category: 'estates',
      respondingOrganisationId: fx.orgs.outgoing.id,
      dueOn: '2026-12-20',
    });
    const up = (
      fileName: string,
      content: string | Buffer,
      replaces?: { documentId: string; version: number },
    ) =>
      outgoing.document.upload({
        ...P(),
        parentType: 'dd_request',
        parentId: r.id,
        fileName,
        contentBase64: b64(content),
        ...(replaces ? { replaces } : {}),
      });
    const before = [await count('documents'), await count('document_versions'), await auditCount(h.db)];
    const refused = [
      ['lease.pdf', 'just text pretending'],
      ['tool.exe', 'MZ....'],
      ['table.csv', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x01])],
    ] as const;
    for (const [name, content] of refused) {
      const e = await caught(up(name, content));
      expect(e.code, name).toBe('BAD_REQUEST');
      expect(shapeOf(e).data.fieldErrors?.file?.[0], name).toBeTruthy();
    }
    process.env.BATON_VIRUS_SCAN_COMMAND = `grep -q EICAR-STANDARD && exit 1 || exit 0`;
    const infected = await caught(up('notes.txt', 'X5O!P%@AP EICAR-STANDARD-ANTIVIRUS-TEST-FILE'));
    expect(shapeOf(infected).message).toMatch(/threat/);
    process.env.BATON_VIRUS_SCAN_COMMAND = 'exit 3';
    expect(shapeOf(await caught(up('notes.txt', 'hello'))).message).toMatch(/could not be scanned/);
    expect([await count('documents'), await count('document_versions'), await auditCount(h.db)]).toEqual(
      before,
    );

    process.env.BATON_VIRUS_SCAN_COMMAND = `grep -q EICAR-STANDARD && exit 1 || exit 0`;
    const first = await up('Lease schedule.pdf', PDF);
    expect(first.versions[0]).toMatchObject({
      versionNumber: 1,
      scanStatus: 'clean',
      mediaType: 'application/pdf',
    });
    delete process.env.BATON_VIRUS_SCAN_COMMAND;
    const second = await up('Lease schedule v2.pdf', PDF, { documentId: first.id, version: first.version });
    expect(second.versions.map((v) => [v.versionNumber, v.fileName, v.scanStatus])).toEqual([
      [2, 'Lease schedule v2.pdf', 'not_scanned'],
      [1, 'Lease schedule.pdf', 'clean'],
    ]);
    // Two uploads of a new version from the same version read: the second is a conflict, not a silent third.
    expect((await caught(up('v3.pdf', PDF, { documentId: first.id, version: first.version }))).code).toBe(
      'CONFLICT',
    );
    // Outsiders to the request do not add files to it.
    const incoming = await fx.as('incomingContributor');
    expect(
      (
        await caught(
          incoming.document.upload({
            ...P(),
            parentType: 'dd_request',
            parentId: r.id,
            fileName: 'x.txt',
            contentBase64: b64('x'),
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const trail = await sql<{
      summary: string;
    }>`select summary from audit_events where entity_id = ${first.id} order by id`.execute(h.db);
    expect(trail.rows.map((t) => t.summary)).toEqual([
      expect.stringMatching(/added “Lease schedule.pdf” \(scanned clean\)/),
      expect.stringMatching(/version 2 of “Lease schedule v2.pdf”/),
    ]);
  });
});
