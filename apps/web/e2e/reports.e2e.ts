import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import { apiQuery, DEMO, launch, SCREENSHOTS, signIn } from './browser';

/*
 * The report downloads as a steering group member gets them: with the page's own session, from the real server
 * with the demo programme. The PDF is rendered to PNG pages with poppler's pdftoppm (so a person can look at
 * them in test-results/screenshots), the workbooks are read back with exceljs and compared with what the API
 * behind the screens answers for the same session.
 */

type Worksheet = ExcelJS.Worksheet;

const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let programmeId = '';

const api = <T>(path: string, input?: unknown) => apiQuery<T>(page, baseUrl, path, input);

async function download(path: string, contentType: string): Promise<Buffer> {
  const res = await page.request.get(`${baseUrl}/export/programmes/${programmeId}/${path}`);
  expect(res.status(), path).toBe(200);
  expect(res.headers()['content-type']).toBe(contentType);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="SVCMH-/);
  return Buffer.from(await res.body());
}

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

function rows(ws: Worksheet): Array<Record<string, unknown>> {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n > 1) {
      const v = (row.values as unknown[]).slice(1);
      out.push(Object.fromEntries(header.map((h, i) => [h, v[i] ?? null])));
    }
  });
  return out;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : null);
const RAG = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

interface Pack {
  asAt: string;
  bands: Array<{ key: string; label: string; min: number; max: number }>;
  summary: {
    liveRisks: number;
    byBand: Record<string, number>;
    escalated: number;
    overdueActions: number;
    overdueReviews: number;
    transfers: Record<'red' | 'amber' | 'green', number>;
    decisionsNeeded: number;
  };
  summaryText: string[];
  heatMap: Array<{ consequence: number; likelihood: number; count: number }>;
  topRisks: Array<{ reference: string; state: { score: number }; previousScore: number | null }>;
  escalated: Array<{ reference: string }>;
  readiness: Array<{
    name: string;
    rag: keyof typeof RAG;
    percentComplete: number;
    forecastGoLive: string | null;
  }>;
}
interface TransferSummary {
  transfer: { name: string; plannedTransferDate: string };
  readiness: { overall: { rag: keyof typeof RAG }; workstreams: unknown[] };
  forecastGoLive: string | null;
  percentComplete: number;
  countdownDays: number;
  openConditions: unknown[];
}

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (file: string) => {
  const b = readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signIn(page, baseUrl, DEMO.steering);
  const programmes = await api<Array<{ id: string; code: string }>>('programme.list');
  programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('reports: the steering group pack and the transition plan', () => {
  it('renders the live steering pack PDF to pages a person can read', async () => {
    const pdf = await download('steering-pack.pdf', 'application/pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const work = mkdtempSync(join(tmpdir(), 'baton-pdf-'));
    try {
      writeFileSync(join(work, 'pack.pdf'), pdf);
      execFileSync('pdftoppm', ['-r', '60', '-png', join(work, 'pack.pdf'), join(work, 'page')]);
      // pdftoppm pads page numbers to the width of the page count; the screenshots are report-pack-<n>.png.
      for (const old of readdirSync(SCREENSHOTS).filter((f) => /^report-pack-\d+\.png$/.test(f)))
        rmSync(join(SCREENSHOTS, old));
      const pages = readdirSync(work)
        .filter((f) => /^page-\d+\.png$/.test(f))
        .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      pages.forEach((f, i) => {
        const to = join(SCREENSHOTS, `report-pack-${i + 1}.png`);
        writeFileSync(to, readFileSync(join(work, f)));
        // A4 portrait at 60 dpi, with something drawn on it.
        const { width, height } = pngSize(to);
        expect(width).toBeGreaterThanOrEqual(490);
        expect(height).toBeGreaterThan(width * 1.35);
        expect(statSync(to).size).toBeGreaterThan(15_000);
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('downloads the steering pack XLSX with the figures steering.pack gives', async () => {
    const [body, pack] = await Promise.all([
      download('steering-pack.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      api<Pack>('steering.pack', { programmeId }),
    ]);
    const wb = await workbook(body);
    const figures = new Map<string, unknown>();
    wb.getWorksheet('Summary')!.eachRow((row) => {
      const [label, value] = (row.values as unknown[]).slice(1);
      if (typeof label === 'string' && !figures.has(label)) figures.set(label, value ?? null);
    });
    const s = pack.summary;
    expect(figures.get('Open risks')).toBe(s.liveRisks);
    for (const b of pack.bands) expect(figures.get(`${b.label} risks`)).toBe(s.byBand[b.key] ?? 0);
    expect(figures.get('Escalated risks')).toBe(s.escalated);
    expect(figures.get('Overdue mitigation actions')).toBe(s.overdueActions);
    expect(figures.get('Late risk reviews')).toBe(s.overdueReviews);
    expect(figures.get('Transfers rated red')).toBe(s.transfers.red);
    expect(figures.get('Decisions needed')).toBe(s.decisionsNeeded);
    expect(s.liveRisks).toBeGreaterThan(10);

    const heat = wb.getWorksheet('Heat map')!;
    for (let c = 5; c >= 1; c--)
      for (let l = 1; l <= 5; l++)
        expect(heat.getRow(7 - c).getCell(l + 1).value).toBe(
          pack.heatMap.find((x) => x.consequence === c && x.likelihood === l)?.count ?? 0,
        );
    expect(rows(wb.getWorksheet('Top risks')!).map((r) => [r.Ref, r.Score, r['Previous score']])).toEqual(
      pack.topRisks.map((r) => [r.reference, r.state.score, r.previousScore]),
    );
    expect(rows(wb.getWorksheet('Escalated')!).map((r) => r.Ref)).toEqual(
      pack.escalated.map((r) => r.reference),
    );
    expect(
      rows(wb.getWorksheet('Readiness')!).map((r) => [
        r.Transfer,
        r.Readiness,
        r['% complete'],
        iso(r['Forecast go-live']),
      ]),
    ).toEqual(pack.readiness.map((t) => [t.name, RAG[t.rag], t.percentComplete, t.forecastGoLive]));
  });

  it('downloads the transition plan XLSX with the readiness transition.transfers gives', async () => {
    const [body, transfers] = await Promise.all([
      download('transition-plan.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      api<TransferSummary[]>('transition.transfers', { programmeId }),
    ]);
    const wb = await workbook(body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Readiness', 'Workstreams', 'Plan', 'Statutory dates']);
    expect(
      rows(wb.getWorksheet('Readiness')!).map((r) => [
        r.Transfer,
        iso(r['Planned transfer date']),
        iso(r['Forecast go-live']),
        r['Days to go'],
        r.Readiness,
        r['% complete'],
        r['Open conditions precedent'],
      ]),
    ).toEqual(
      transfers.map((t) => [
        t.transfer.name,
        t.transfer.plannedTransferDate,
        t.forecastGoLive,
        t.countdownDays,
        RAG[t.readiness.overall.rag],
        t.percentComplete,
        t.openConditions.length,
      ]),
    );
    expect(rows(wb.getWorksheet('Workstreams')!)).toHaveLength(
      transfers.reduce((n, t) => n + t.readiness.workstreams.length, 0),
    );
    expect(rows(wb.getWorksheet('Plan')!).length).toBeGreaterThan(100);
    expect(rows(wb.getWorksheet('Statutory dates')!).length).toBeGreaterThanOrEqual(4 * transfers.length);
  });
});
