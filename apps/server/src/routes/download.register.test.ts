import { testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../testing/demo-server';

/* The register download over a real socket: the session cookie, the membership check, the file. */

const TODAY = '2026-11-23';
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;

beforeAll(async () => {
  server = await startDemoServer({ today: TODAY });
  base = server.base;
});
afterAll(() => server.close());

const signIn = (email: string) => server.signIn(email);

describe(`risk register downloads on ${testEngine()}`, () => {
  let programmeId = '';
  let adminCookie = '';

  beforeAll(async () => {
    const admin = await signIn('helen.marsh@severnvale-icb.example');
    adminCookie = admin.cookie;
    const svcmh = (await admin.client.programme.list.query()).find((p) => p.code === 'SVCMH')!;
    programmeId = svcmh.id;
    const overview = await admin.client.programme.overview.query({ programmeId });
    const commissioner = overview.parties.find((p) => p.role === 'lead_commissioner')!;
    await admin.client.risk.create.mutate({
      programmeId,
      title: 'Download route check, "quoted"',
      event: 'The register download fails at the steering group',
      categoryKey: 'it_data',
      ownerUserId: null,
      owningOrganisationId: commissioner.organisation.id,
      initial: { consequence: 5, likelihood: 4 },
      current: { consequence: 4, likelihood: 4 },
      target: { consequence: 2, likelihood: 2 },
    });
  });

  const url = (format: 'xlsx' | 'csv', query = '') =>
    `${base}/export/programmes/${programmeId}/risks.${format}${query}`;

  it('downloads the XLSX register for a signed-in member', async () => {
    const res = await fetch(url('xlsx'), { headers: { cookie: adminCookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="SVCMH-risk-register-${TODAY}.xlsx"`,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04])); // a zip: the xlsx container
    expect(body.length).toBeGreaterThan(4000);
  });

  it('downloads the CSV register under the filter in the query string', async () => {
    const filter = encodeURIComponent(JSON.stringify({ search: 'Download route check' }));
    const res = await fetch(url('csv', `?filter=${filter}`), { headers: { cookie: adminCookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="SVCMH-risk-register-${TODAY}.csv"`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const lines = bytes.toString('utf-8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\uFEFFRef,Title,/);
    expect(lines[1]).toContain(',"Download route check, ""quoted""",');
    expect(lines[1]).toContain(',4,4,16,'); // current C, L and score
  });

  it('answers 401 without a session, 404 to a bidder outside the programme, 400 to a bad filter', async () => {
    expect((await fetch(url('xlsx'))).status).toBe(401);
    expect((await fetch(url('csv'), { headers: { cookie: 'baton_session=forged' } })).status).toBe(401);

    const bidder = await signIn('mark.delaney@larkspur-therapies.example');
    const refused = await fetch(url('xlsx'), { headers: { cookie: bidder.cookie } });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({
      error: 'Programme not found, or you are not a member of it.',
      code: 'NOT_FOUND',
    });

    const notJson = await fetch(url('csv', '?filter=%7Bnope'), { headers: { cookie: adminCookie } });
    expect(notJson.status).toBe(400);
    const invalid = await fetch(url('csv', `?filter=${encodeURIComponent('{"statuses":["nope"]}')}`), {
      headers: { cookie: adminCookie },
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toHaveProperty(
      'filter',
    );
  });
});
