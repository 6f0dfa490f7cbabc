import { createHash } from 'node:crypto';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberContext } from '../../testing/downloads';
import { buildFixture, type Fixture } from '../../testing/fixture';
import { contextFor } from '../risk-import/risk-import.testing';
import { programmeArchiveFile } from './programme.files';

/* The programme archive: streamed, complete, self-checking, and agreeing with the screens. */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  const admin = await fx.as('admin');
  const P = fx.programme.id;
  for (const [i, org] of [fx.orgs.icb.id, fx.orgs.outgoing.id, fx.orgs.incoming.id].entries()) {
    const risk = await admin.risk.create({
      programmeId: P,
      title: `Archived risk ${i}`,
      event: 'Something might happen',
      categoryKey: 'workforce_tupe',
      ownerUserId: null,
      owningOrganisationId: org,
      initial: { consequence: 4, likelihood: 4 },
      current: { consequence: 4, likelihood: 3 },
      target: { consequence: 2, likelihood: 2 },
    } as never);
    await admin.risk.review({
      programmeId: P,
      riskId: risk.id,
      version: risk.version,
      current: { consequence: 3, likelihood: 3 },
      note: 'Reviewed at the board',
    } as never);
    await admin.risk.addAction({
      programmeId: P,
      riskId: risk.id,
      description: `Action for risk ${i}`,
      ownerUserId: null,
      organisationId: org,
      dueDate: '2026-12-20',
    } as never);
  }
  await admin.transition.createTransfer({
    programmeId: P,
    name: 'Adults to New Bridge',
    lotId: fx.lot.id,
    outgoingOrganisationId: fx.orgs.outgoing.id,
    incomingOrganisationId: fx.orgs.incoming.id,
    plannedTransferDate: '2027-04-01',
  } as never);
  const m = await admin.meeting.create({
    programmeId: P,
    title: 'Transition steering group',
    heldOn: '2026-11-20',
    decisions: ['Approved the transition plan', 'Accepted the TUPE risk escalation'],
  } as never);
  await admin.meeting.freeze({ programmeId: P, meetingId: m.id });
}, 120_000);
afterAll(() => h.close());

async function download(who: keyof Fixture['users']) {
  const ctx = await memberContext(await contextFor(h.db, fx, who), fx.programme.id, 'programme.records');
  const file = await programmeArchiveFile(ctx);
  expect(Buffer.isBuffer(file.body)).toBe(false); // a stream, written as it is read
  const chunks: Buffer[] = [];
  for await (const c of file.body as NodeJS.ReadableStream) chunks.push(Buffer.from(c as Uint8Array));
  const entries = unzipSync(new Uint8Array(Buffer.concat(chunks)));
  const stem = file.fileName.replace(/\.zip$/, '');
  const read = (name: string) => Buffer.from(entries[`${stem}/${name}`]!);
  return { file, entries, stem, read, json: (name: string) => JSON.parse(read(name).toString('utf-8')) };
}

describe(`programme archive on ${testEngine()}`, () => {
  it('holds every record, says what each file is, and checks itself', async () => {
    // A due diligence request answered with a document: the archive keeps the file itself.
    const lead = await fx.as('lead');
    const request = await lead.dueDiligence.create({
      programmeId: fx.programme.id,
      title: 'Staff list for the archive',
      category: 'workforce',
      respondingOrganisationId: fx.orgs.outgoing.id,
      dueOn: '2026-12-20',
    });
    await (
      await fx.as('contributor')
    ).document.upload({
      programmeId: fx.programme.id,
      parentType: 'dd_request',
      parentId: request.id,
      fileName: 'staff list.csv',
      contentBase64: Buffer.from('team,headcount\nNorth,46\n').toString('base64'),
    });
    // An assurance gateway with an evidence file: its record and the file are kept too.
    const admin0 = await fx.as('admin');
    const gateway = await admin0.gateway.create({
      programmeId: fx.programme.id,
      name: 'Gateway 1: readiness',
      assessedOrganisationId: fx.orgs.incoming.id,
      panelUserIds: [fx.users.lead.id],
    });
    const evidence = await admin0.gateway.addEvidence({
      programmeId: fx.programme.id,
      gatewayId: gateway.id,
      description: 'Mobilisation plan',
    });
    await admin0.document.upload({
      programmeId: fx.programme.id,
      parentType: 'gateway_evidence',
      parentId: evidence.id,
      fileName: 'plan.txt',
      contentBase64: Buffer.from('Mobilisation plan v0.3').toString('base64'),
    });
    const { file, entries, stem, read, json } = await download('admin');
    expect(file.fileName).toBe('TVCS-archive-2026-11-23.zip');
    const names = Object.keys(entries).map((n) => n.slice(stem.length + 1));
    for (const expected of [
      'README.txt',
      'programme.json',
      'risk-register.xlsx',
      'risks.json',
      'mitigation-actions.json',
      'risk-history.json',
      'risk-history.xlsx',
      'transition-plan.xlsx',
      'plans.json',
      'registers.json',
      'decisions.json',
      'raid-log.json',
      'due-diligence.json',
      'assurance-gateways.json',
      'documents/gateway-1/v1-plan.txt',
      `documents/DDR-${String(request.number).padStart(3, '0')}/v1-staff list.csv`,
      'audit-trail.json',
      'audit-trail.xlsx',
      'manifest.json',
    ])
      expect(names).toContain(expected);

    expect(
      read(`documents/DDR-${String(request.number).padStart(3, '0')}/v1-staff list.csv`).toString(),
    ).toBe('team,headcount\nNorth,46\n');
    expect(json('due-diligence.json').requests.map((r: { title: string }) => r.title)).toContain(
      'Staff list for the archive',
    );
    expect(read('documents/gateway-1/v1-plan.txt').toString()).toBe('Mobilisation plan v0.3');
    const [kept] = json('assurance-gateways.json');
    expect(kept.gateway.name).toBe('Gateway 1: readiness');
    expect(kept.domains).toHaveLength(8);
    expect(kept.evidence.map((e: { description: string }) => e.description)).toEqual(['Mobilisation plan']);
    const readme = read('README.txt').toString('utf-8');
    for (const n of names.filter((x) => x !== 'README.txt'))
      expect(readme).toContain(n.replace(/^meetings\/[^/]+\//, ''));

    // Every file is in the manifest with its size and SHA-256, and they match.
    const manifest = json('manifest.json');
    expect(manifest.files.map((f: { name: string }) => f.name).sort()).toEqual(
      names.filter((n) => n !== 'manifest.json').sort(),
    );
    for (const f of manifest.files as Array<{ name: string; bytes: number; sha256: string }>) {
      const data = read(f.name);
      expect(data.length, f.name).toBe(f.bytes);
      expect(createHash('sha256').update(data).digest('hex'), f.name).toBe(f.sha256);
    }

    // The frozen pack is the stored one, byte for byte: its hash is the one recorded when it was frozen.
    const packName = names.find((n) => n.endsWith('/pack.json'))!;
    const admin = await fx.as('admin');
    const [meeting] = await admin.meeting.list({ programmeId: fx.programme.id });
    const frozen = await admin.meeting.snapshot({ programmeId: fx.programme.id, meetingId: meeting!.id });
    expect(createHash('sha256').update(read(packName)).digest('hex')).toBe(frozen.snapshot.sha256);
    expect(read(packName.replace('pack.json', 'pack.sha256.txt')).toString()).toContain(
      frozen.snapshot.sha256,
    );
    expect(read(packName.replace('pack.json', 'pack.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(json('decisions.json').map((d: { decision: string }) => d.decision)).toEqual(meeting!.decisions);

    // The XLSX files open.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(read('audit-trail.xlsx') as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    expect(wb.getWorksheet('Audit trail')!.rowCount).toBe(manifest.counts.auditEvents + 1);
  });

  it('agrees with the screens, figure by figure, and the download is in the audit trail', async () => {
    const { json } = await download('admin');
    const manifest = json('manifest.json');
    const admin = await fx.as('admin');
    const P = fx.programme.id;
    const register = await admin.risk.list({ programmeId: P, limit: 200 });
    expect(manifest.counts.risks).toBe(register.total);
    expect(json('risks.json').map((r: { reference: string }) => r.reference)).toEqual(
      register.items.map((r) => r.reference).sort(),
    );
    const risks = await Promise.all(
      register.items.map((r) => admin.risk.get({ programmeId: P, riskId: r.id })),
    );
    expect(manifest.counts.actions).toBe(risks.reduce((n, r) => n + r.actions.length, 0));
    expect(manifest.counts.historyRows).toBe(risks.reduce((n, r) => n + r.history.length, 0));
    const transfers = await admin.transition.transfers({ programmeId: P });
    const plans = await Promise.all(
      transfers.map((t) => admin.transition.plan({ programmeId: P, transferId: t.transfer.id })),
    );
    expect(manifest.counts.transfers).toBe(transfers.length);
    expect(manifest.counts.tasks).toBe(plans.reduce((n, p) => n + p.tasks.length, 0));
    expect(manifest.counts.meetings).toBe((await admin.meeting.list({ programmeId: P })).length);
    expect(manifest.counts.frozenPacks).toBe(1);

    const trail: unknown[] = [];
    let cursor: number | undefined;
    do {
      const page = await admin.audit.list({ programmeId: P, limit: 100, cursor });
      trail.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(manifest.counts.auditEvents).toBe(trail.length);
    const exports = (
      trail as Array<{ action: string; summary: string; actor: { name: string } | null }>
    ).filter((e) => e.action === 'export');
    expect(exports.length).toBeGreaterThanOrEqual(2);
    expect(exports[0]).toMatchObject({
      actor: { name: 'Ada Admin' },
      summary: expect.stringMatching(/archive/),
    });
  });

  it('is for the programme admins only', async () => {
    const lead = await contextFor(h.db, fx, 'lead');
    await expect(memberContext(lead, fx.programme.id, 'programme.records')).rejects.toThrow(/does not allow/);
  });
});
