import { inflateRawSync } from 'node:zlib';
import { testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../testing/demo-server';

/* The report downloads over a real socket, against the demo programme: cookie, checks, headers, files. */

const TODAY = '2026-11-23';
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;

beforeAll(async () => {
  server = await startDemoServer({ today: TODAY });
  base = server.base;
});
afterAll(() => server.close());

const signIn = (email: string) => server.signIn(email);

/**
 * The files inside a zip (an XLSX is one), uncompressed, by name. Zip entries carry their own timestamps, so
 * two workbooks with the same content can differ in bytes; their entries cannot.
 */
function unzip(body: Buffer): Map<string, string> {
  const eocd = body.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = body.readUInt16LE(eocd + 10);
  let at = body.readUInt32LE(eocd + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = body.readUInt16LE(at + 10);
    const size = body.readUInt32LE(at + 20);
    const nameLen = body.readUInt16LE(at + 28);
    const extraLen = body.readUInt16LE(at + 30);
    const commentLen = body.readUInt16LE(at + 32);
    const local = body.readUInt32LE(at + 42);
    const name = body.subarray(at + 46, at + 46 + nameLen).toString('utf-8');
    const dataAt = local + 30 + body.readUInt16LE(local + 26) + body.readUInt16LE(local + 28);
    const data = body.subarray(dataAt, dataAt + size);
    out.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf-8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe(`report downloads on ${testEngine()}`, () => {
  let programmeId = '';
  let steering: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    steering = await signIn('priya.raman@severnvale-council.example');
    programmeId = (await steering.client.programme.list.query()).find((p) => p.code === 'SVCMH')!.id;
  });

  const get = (path: string, cookie?: string) =>
    fetch(`${base}/export/programmes/${programmeId}/${path}`, { headers: cookie ? { cookie } : {} });

  it('downloads the live steering pack as PDF and XLSX, and the transition plan as XLSX', async () => {
    for (const [path, type, name] of [
      ['steering-pack.pdf', PDF, `SVCMH-steering-pack-${TODAY}.pdf`],
      ['steering-pack.xlsx', XLSX, `SVCMH-steering-pack-${TODAY}.xlsx`],
      ['steering-pack.pdf?asAt=2026-11-01&since=2026-10-01', PDF, 'SVCMH-steering-pack-2026-11-01.pdf'],
      ['transition-plan.xlsx', XLSX, `SVCMH-transition-plan-${TODAY}.xlsx`],
    ] as const) {
      const res = await get(path, steering.cookie);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const body = Buffer.from(await res.arrayBuffer());
      if (type === PDF) expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      else expect(body.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      expect(body.length).toBeGreaterThan(8000);
    }
  });

  it('gives the same frozen pack twice even after a risk is re-scored in between', async () => {
    const meetings = await steering.client.meeting.list.query({ programmeId });
    const last = meetings.find((m) => m.snapshot)!;
    const download = async (format: 'pdf' | 'xlsx') => {
      const res = await get(`meetings/${last.id}/pack.${format}`, steering.cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="SVCMH-steering-pack-${last.heldOn}-frozen.${format}"`,
      );
      expect(res.headers.get('content-type')).toBe(format === 'pdf' ? PDF : XLSX);
      return Buffer.from(await res.arrayBuffer());
    };
    const before = { pdf: await download('pdf'), xlsx: await download('xlsx') };
    const liveBefore = Buffer.from(await (await get('steering-pack.xlsx', steering.cookie)).arrayBuffer());

    const admin = await signIn('helen.marsh@severnvale-icb.example');
    const top = (await admin.client.steering.pack.query({ programmeId })).topRisks[0]!;
    const { risk } = await admin.client.risk.get.query({ programmeId, riskId: top.id });
    const current = risk.current as { consequence: number; likelihood: number };
    await admin.client.risk.review.mutate({
      programmeId,
      riskId: risk.id,
      version: risk.version,
      current: { consequence: current.consequence === 5 ? 4 : 5, likelihood: current.likelihood },
      reviewedOn: TODAY,
      note: 'Re-scored between two downloads of the frozen pack',
    } as never);

    const after = { pdf: await download('pdf'), xlsx: await download('xlsx') };
    expect(after.pdf.equals(before.pdf)).toBe(true);
    expect(unzip(after.xlsx)).toEqual(unzip(before.xlsx));
    // The live pack did move: its heat map (the second sheet) has the risk in another cell.
    const liveAfter = Buffer.from(await (await get('steering-pack.xlsx', steering.cookie)).arrayBuffer());
    const heatMap = 'xl/worksheets/sheet2.xml';
    expect(unzip(liveAfter).get(heatMap)).not.toEqual(unzip(liveBefore).get(heatMap));
  });

  it('answers 401 signed out, 404 to outsiders, for unknown meetings and to bidders, 400 to bad input', async () => {
    expect((await get('steering-pack.pdf')).status).toBe(401);
    expect((await get('transition-plan.xlsx', 'baton_session=forged')).status).toBe(401);

    const bidder = await signIn('mark.delaney@larkspur-therapies.example');
    for (const path of ['steering-pack.pdf', 'steering-pack.xlsx', 'transition-plan.xlsx']) {
      const refused = await get(path, bidder.cookie);
      expect(refused.status, path).toBe(404);
      expect(await refused.json()).toEqual({
        error: 'Programme not found, or you are not a member of it.',
        code: 'NOT_FOUND',
      });
    }

    // A bidder in the tender programme may read its own live pack but never a frozen one.
    const tender = (await bidder.client.programme.list.query())[0]!;
    expect(
      (
        await fetch(`${base}/export/programmes/${tender.id}/steering-pack.pdf`, {
          headers: { cookie: bidder.cookie },
        })
      ).status,
    ).toBe(200);
    const admin = await signIn('helen.marsh@severnvale-icb.example');
    const panel = await admin.client.meeting.create.mutate({
      programmeId: tender.id,
      title: 'Evaluation panel',
      heldOn: TODAY,
    } as never);
    await admin.client.meeting.freeze.mutate({ programmeId: tender.id, meetingId: panel.id });
    const frozen = await fetch(`${base}/export/programmes/${tender.id}/meetings/${panel.id}/pack.pdf`, {
      headers: { cookie: bidder.cookie },
    });
    // To a bidder a meeting does not exist: the same answer as a meeting id never used.
    expect(frozen.status).toBe(404);
    expect(await frozen.json()).toEqual({ error: 'That meeting does not exist.', code: 'NOT_FOUND' });

    const unknown = await get(`meetings/${panel.id}/pack.pdf`, steering.cookie);
    expect(unknown.status).toBe(404);
    expect((await get('meetings/not-a-meeting/pack.xlsx', steering.cookie)).status).toBe(400);

    const bad = await get('steering-pack.pdf?asAt=2026-02-30', steering.cookie);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toHaveProperty(
      'asAt',
    );
    const backwards = await get('steering-pack.xlsx?asAt=2026-11-01&since=2026-11-20', steering.cookie);
    expect(backwards.status).toBe(400);
    expect(
      ((await backwards.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors,
    ).toHaveProperty('since');
    expect((await get('steering-pack.pdf?asAt=2026-11-01&asAt=2026-11-02', steering.cookie)).status).toBe(
      400,
    );
  });
});
