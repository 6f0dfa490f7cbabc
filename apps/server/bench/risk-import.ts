/**
 * Issue #11's figure: a 5,000-row register laid out as NHS registers are (title block, "Risk ID", a CxL=S score,
 * job-title owners, dd/mm/yyyy dates, an actions column) imported into a new programme: wall time of parse
 * (XLSX), preview and commit, and the total. One run per engine after a warm-up import of 50 rows.
 */
import ExcelJS from 'exceljs';
import { insertMembership, insertOrganisation, insertParty, insertProgramme, insertUser } from './db-exports';
import { benchDb, callerFor, engines } from './lib';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const TODAY = '2026-11-23';
const CATEGORIES = ['Clinical', 'Workforce', 'Finance', 'Estates', 'Digital', 'Contractual', 'Reputation'];
const OWNERS = ['Director of HR', 'Chief Finance Officer', 'Director of Estates', 'CIO', 'Medical Director'];

async function registerFile(rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Risk Register');
  ws.addRow(['Bench ICB: Corporate Risk Register']);
  ws.addRow([]);
  ws.addRow([
    'Risk ID',
    'Description',
    'Category',
    'Risk Owner',
    'Existing Controls',
    'Inherent Risk (CxL=S)',
    'Current Risk (CxL=S)',
    'Target Risk (CxL=S)',
    'Further Actions Required',
    'Date Raised',
    'Review Date',
    'Status',
  ]);
  for (let i = 1; i <= rows; i++) {
    const c = 1 + (i % 5);
    const l = 1 + ((i * 7) % 5);
    const day = String(1 + (i % 28)).padStart(2, '0');
    ws.addRow([
      `CRR-${i}`,
      `Risk ${i}: if the service data for lot ${i % 4} is late then bidders price the uncertainty. Costs rise.`,
      CATEGORIES[i % CATEGORIES.length],
      OWNERS[i % OWNERS.length],
      'Monthly review at the programme board',
      `${Math.min(5, c + 1)}x${Math.min(5, l + 1)}=${Math.min(5, c + 1) * Math.min(5, l + 1)}`,
      `${c}x${l}=${c * l}`,
      `${Math.max(1, c - 1)}x1=${Math.max(1, c - 1)}`,
      i % 3 === 0 ? 'Chase the outgoing provider\nEscalate to the SRO' : '',
      `${day}/0${1 + (i % 9)}/2026`,
      `${day}/10/2026`,
      'Open',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function programmeFor(h: Awaited<ReturnType<typeof benchDb>>, code: string) {
  const db = h.db;
  const icb = await insertOrganisation(db, {
    name: `Bench ICB ${code}`,
    shortName: `ICB${code}`,
    kind: 'commissioner',
  });
  const programme = await insertProgramme(db, {
    name: `Import bench ${code}`,
    code,
    description: '',
    procurementRoute: 'competitive_dialogue',
    stage: 'transition',
    contractValueGbp: 1,
    contractTermMonths: 120,
    expectedServiceCommencement: '2027-04-01',
    intentionToAwardDate: null,
    contractAwardDate: null,
    longstopDate: null,
  });
  await insertParty(db, {
    programmeId: programme.id,
    organisationId: icb.id,
    role: 'lead_commissioner',
    lotId: null,
  });
  const userId = await insertUser(db, {
    email: `bench-${code.toLowerCase()}@bench.example`,
    name: 'Bench Admin',
    organisationId: icb.id,
    passwordHash: null,
  });
  await insertMembership(db, { programmeId: programme.id, userId, role: 'programme_admin' });
  return { programmeId: programme.id, caller: await callerFor(db, userId, TODAY) };
}

async function importOnce(h: Awaited<ReturnType<typeof benchDb>>, code: string, file: string) {
  const { programmeId, caller } = await programmeFor(h, code);
  const t0 = performance.now();
  const parsed = await caller.riskIo.parse({ programmeId, fileName: 'register.xlsx', contentBase64: file });
  const t1 = performance.now();
  const input = {
    programmeId,
    headers: parsed.headers,
    rows: parsed.rows,
    mapping: parsed.suggestedMapping,
    firstRowNumber: parsed.firstRowNumber,
  };
  const preview = await caller.riskIo.preview(input);
  const t2 = performance.now();
  const result = await caller.riskIo.commit({ ...input, versions: preview.versions });
  const t3 = performance.now();
  return { parse: t1 - t0, preview: t2 - t1, commit: t3 - t2, total: t3 - t0, preview2: preview, result };
}

export async function benchRiskImport(): Promise<void> {
  const file = await registerFile(ROWS);
  const warm = await registerFile(50);
  for (const engine of engines()) {
    const h = await benchDb(engine);
    try {
      await importOnce(h, 'WARM', warm);
      const r = await importOnce(h, 'BENCH', file);
      console.log(`\nRegister import, ${engine}: ${ROWS.toLocaleString('en-GB')} rows (XLSX, NHS layout)`);
      console.log(
        `  parse (read the workbook, find headings, map)        ${r.parse.toFixed(0).padStart(6)} ms`,
      );
      console.log(
        `  preview (every row checked)                          ${r.preview.toFixed(0).padStart(6)} ms`,
      );
      console.log(
        `  commit (${r.result.created} risks, ${r.result.actions} actions, one transaction)   ${r.commit.toFixed(0).padStart(6)} ms`,
      );
      console.log(
        `  total                                                ${r.total.toFixed(0).padStart(6)} ms`,
      );
      if (r.preview2.totals.error) console.log(`  (${r.preview2.totals.error} rows had errors)`);
    } finally {
      await h.close();
    }
  }
}
