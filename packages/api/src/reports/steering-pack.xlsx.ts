import {
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  CONSEQUENCE_LABELS,
  LEVELS,
  LIKELIHOOD_LABELS,
  RISK_STATUS_LABELS,
  type TPackRiskWithTrend,
  type TSteeringPack,
} from '@baton/domain';
import type ExcelJS from 'exceljs';
import { bandForScore, excelDate, RAG_STYLE, ukDate, ukDateTime } from './report.format';
import { markingOf, REPORT_PURPOSE, REPORT_TITLE, reportTo, type TPackPaperMeta } from './report.meta';
import { markEverySheet, newWorkbook, paint, tableSheet, workbookBuffer, type TCol } from './report.xlsx';

/*
 * The steering group pack as a workbook: one sheet per section of the paper, every figure straight from the
 * pack object, so the spreadsheet and the PDF of the same pack always agree.
 */

export const TREND_ARROWS = { up: '↑ Up', down: '↓ Down', steady: '→ Steady', new: '• New' } as const;

/** The key figures, in the order and with the labels the Summary sheet lists them. */
export function packFigures(pack: TSteeringPack): Array<[string, number | null]> {
  const s = pack.summary;
  return [
    ['Open risks', s.liveRisks],
    ...pack.bands.map((b): [string, number] => [`${b.label} risks`, s.byBand[b.key] ?? 0]),
    ['Escalated risks', s.escalated],
    ...CHANGE_KINDS.map((k): [string, number] => [`Changes: ${CHANGE_KIND_LABELS[k]}`, s.changes[k]]),
    ['Overdue mitigation actions', s.overdueActions],
    ['Late risk reviews', s.overdueReviews],
    ['Transfers rated red', s.transfers.red],
    ['Transfers rated amber', s.transfers.amber],
    ['Transfers rated green', s.transfers.green],
    ['Days to service commencement', s.daysToGoLive],
    ['Decisions needed', s.decisionsNeeded],
  ];
}

function summarySheet(wb: ExcelJS.Workbook, pack: TSteeringPack, meta: TPackPaperMeta) {
  const ws = wb.addWorksheet('Summary', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 36 }, { width: 100 }];
  ws.addRow([markingOf(pack.programme)]).font = { bold: true };
  const title = ws.addRow([REPORT_TITLE]);
  title.font = { bold: true, size: 14 };
  const info = (label: string, value: ExcelJS.CellValue) => {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    return row;
  };
  info('Organisation', meta.organisation);
  info('Programme', `${pack.programme.name} (${pack.programme.code})`);
  if (meta.meeting) info('Meeting', `${meta.meeting.title}, ${ukDate(meta.meeting.heldOn)}`);
  info('Report to', reportTo(pack.programme.stage, pack.programme.governanceGroup));
  info('Purpose', REPORT_PURPOSE);
  info('As at', excelDate(pack.asAt)).getCell(2).numFmt = 'dd/mm/yyyy';
  info('Changes since', pack.sinceLabel);
  info('Readiness as at', excelDate(pack.readinessAsOf)).getCell(2).numFmt = 'dd/mm/yyyy';
  info('Date generated', ukDateTime(pack.generatedAt));
  if (pack.scope === 'own') info('Scope', 'Your organisation’s risks and transfers only (bidder isolation)');
  if (meta.frozen) {
    info(
      'Frozen',
      `${ukDateTime(meta.frozen.frozenAt)} by ${meta.frozen.frozenBy ?? 'a former member'}${meta.frozen.intact ? '' : ' (WARNING: no longer matches its hash)'}`,
    );
    info('SHA-256', meta.frozen.sha256);
  }
  ws.addRow([]);
  const head = ws.addRow(['Figure', 'Value']);
  head.font = { bold: true };
  for (const [label, value] of packFigures(pack)) {
    const row = ws.addRow([label, value]);
    row.getCell(2).alignment = { horizontal: 'left' };
    const band = pack.bands.find((b) => `${b.label} risks` === label);
    if (band) paint(row.getCell(1), band.colour, band.textColour);
    const rag = (['red', 'amber', 'green'] as const).find((r) => label === `Transfers rated ${r}`);
    if (rag) paint(row.getCell(1), RAG_STYLE[rag].fill, RAG_STYLE[rag].text);
  }
  if (pack.overdueActions.items.length < pack.overdueActions.total) {
    info(
      'Note',
      `The Overdue actions sheet lists ${pack.overdueActions.items.length} of ${pack.overdueActions.total} overdue actions, the longest overdue first.`,
    );
  }
  if (pack.overdueReviews.items.length < pack.overdueReviews.total) {
    info(
      'Note',
      `The Late reviews sheet lists ${pack.overdueReviews.items.length} of ${pack.overdueReviews.total} late reviews, the longest overdue first.`,
    );
  }
  ws.addRow([]);
  ws.addRow(['Summary']).font = { bold: true };
  pack.summaryText.forEach((sentence, i) => {
    const row = ws.addRow([i + 1, sentence]);
    row.getCell(1).alignment = { horizontal: 'left', vertical: 'top' };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
}

function heatMapSheet(wb: ExcelJS.Workbook, pack: TSteeringPack) {
  const ws = wb.addWorksheet('Heat map');
  ws.columns = [{ width: 26 }, ...LEVELS.map(() => ({ width: 16 }))];
  const head = ws.addRow(['Consequence \\ Likelihood', ...LEVELS.map((l) => `${l} ${LIKELIHOOD_LABELS[l]}`)]);
  head.font = { bold: true };
  for (const c of [...LEVELS].reverse()) {
    const row = ws.addRow([
      `${c} ${CONSEQUENCE_LABELS[c]}`,
      ...LEVELS.map((l) => pack.heatMap.find((x) => x.consequence === c && x.likelihood === l)?.count ?? 0),
    ]);
    row.getCell(1).font = { bold: true };
    row.height = 28;
    LEVELS.forEach((l, i) => {
      const cell = row.getCell(i + 2);
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      const band = bandForScore(pack.bands, c * l);
      if (band) paint(cell, band.colour, band.textColour);
    });
  }
  ws.addRow([]);
  ws.addRow(['Open risks at each consequence and likelihood; the colour is the band of the score.']);
  ws.addRow([]);
  ws.addRow(['Band', 'From score', 'To score']).font = { bold: true };
  for (const b of pack.bands) {
    const row = ws.addRow([b.label, b.min, b.max]);
    paint(row.getCell(1), b.colour, b.textColour);
  }
}

const RISK_COLS: TCol[] = [
  { header: 'Ref', width: 9 },
  { header: 'Title', width: 44, kind: 'longText' },
  { header: 'Category', width: 22 },
  { header: 'Owner', width: 20 },
  { header: 'Organisation', width: 18 },
  { header: 'Consequence', width: 12, kind: 'number' },
  { header: 'Likelihood', width: 11, kind: 'number' },
  { header: 'Score', width: 8, kind: 'number' },
  { header: 'Band', width: 11 },
  { header: 'Previous score', width: 10, kind: 'number' },
  { header: 'Trend', width: 11 },
  { header: 'Status', width: 12 },
  { header: 'Last reviewed', width: 12, kind: 'date' },
  { header: 'Next review', width: 12, kind: 'date' },
];

function riskSheet(wb: ExcelJS.Workbook, name: string, pack: TSteeringPack, risks: TPackRiskWithTrend[]) {
  const ws = tableSheet(
    wb,
    name,
    RISK_COLS,
    risks.map((r) => [
      r.reference,
      r.title,
      r.category,
      r.owner,
      r.organisation,
      r.state.consequence,
      r.state.likelihood,
      r.state.score,
      pack.bands.find((b) => b.key === r.band)?.label ?? r.band,
      r.previousScore,
      TREND_ARROWS[r.trend],
      RISK_STATUS_LABELS[r.state.status],
      excelDate(r.lastReviewedOn),
      excelDate(r.nextReviewOn),
    ]),
    { xSplit: 2 },
  );
  risks.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    const band = bandForScore(pack.bands, r.state.score);
    if (band) paint(row.getCell(8), band.colour, band.textColour);
    const prev = r.previousScore === null ? undefined : bandForScore(pack.bands, r.previousScore);
    if (prev) paint(row.getCell(10), prev.colour, prev.textColour, false);
  });
}

function changesSheet(wb: ExcelJS.Workbook, pack: TSteeringPack) {
  const rows = CHANGE_KINDS.flatMap((k) =>
    pack.changes[k].map((c) => [
      CHANGE_KIND_LABELS[k],
      c.reference,
      c.title,
      c.organisation,
      c.from?.score ?? null,
      c.to.score,
      c.from ? RISK_STATUS_LABELS[c.from.status] : 'Not on the register',
      RISK_STATUS_LABELS[c.to.status],
      c.from ? (c.from.escalated ? 'Y' : 'N') : null,
      c.to.escalated ? 'Y' : 'N',
    ]),
  );
  tableSheet(
    wb,
    'Changes',
    [
      { header: 'Change', width: 24 },
      { header: 'Ref', width: 9 },
      { header: 'Title', width: 44, kind: 'longText' },
      { header: 'Organisation', width: 18 },
      { header: 'Score before', width: 10, kind: 'number' },
      { header: 'Score now', width: 10, kind: 'number' },
      { header: 'Status before', width: 18 },
      { header: 'Status now', width: 18 },
      { header: 'Escalated before', width: 10 },
      { header: 'Escalated now', width: 10 },
    ],
    rows,
  );
}

function readinessSheet(wb: ExcelJS.Workbook, pack: TSteeringPack) {
  const ws = tableSheet(
    wb,
    'Readiness',
    [
      { header: 'Transfer', width: 32, kind: 'longText' },
      { header: 'Lot', width: 10 },
      { header: 'Outgoing provider', width: 18 },
      { header: 'Incoming provider', width: 18 },
      { header: 'Planned transfer date', width: 13, kind: 'date' },
      { header: 'Forecast go-live', width: 13, kind: 'date' },
      { header: 'Days to transfer', width: 10, kind: 'number' },
      { header: 'Readiness', width: 11 },
      { header: '% complete', width: 10, kind: 'percent' },
      { header: 'Reasons', width: 70, kind: 'longText' },
      { header: 'Margin (days)', width: 10, kind: 'number' },
      { header: 'Against baseline (days)', width: 12, kind: 'number' },
      { header: 'P80 go-live', width: 13, kind: 'date' },
      { header: 'Chance of going live by the date', width: 12, kind: 'percent' },
      { header: 'Delivery confidence', width: 40, kind: 'longText' },
    ],
    pack.readiness.map((t) => [
      t.name,
      t.lotCode,
      t.outgoing,
      t.incoming,
      excelDate(t.plannedTransferDate),
      excelDate(t.forecastGoLive),
      t.daysToTransfer,
      RAG_STYLE[t.rag].label,
      t.percentComplete,
      t.reasons.join('\n'),
      t.marginDays ?? null,
      t.goLiveVarianceDays ?? null,
      t.goLive ? excelDate(t.goLive.p80) : null,
      t.goLive ? Math.round(t.goLive.probabilityOnTime * 100) : null,
      (t.confidence ?? [])
        .map(
          (c) =>
            `${c.kind === 'commissioner' ? 'Commissioner' : c.organisation}: ${c.label}${c.previous && c.move !== 'same' ? ` (${c.move} from ${c.previous})` : ''}`,
        )
        .join('\n'),
    ]),
  );
  pack.readiness.forEach((t, i) =>
    paint(ws.getRow(i + 2).getCell(8), RAG_STYLE[t.rag].fill, RAG_STYLE[t.rag].text),
  );
}

function decisionsSheet(wb: ExcelJS.Workbook, pack: TSteeringPack) {
  const ws = tableSheet(
    wb,
    'Decisions',
    [
      { header: 'Gate', width: 30, kind: 'longText' },
      { header: 'Transfer', width: 30, kind: 'longText' },
      { header: 'Due', width: 12, kind: 'date' },
      { header: 'Overdue', width: 9 },
      { header: 'Owner', width: 18 },
      { header: 'Criteria', width: 60, kind: 'longText' },
      { header: 'Criteria met', width: 11 },
    ],
    pack.decisions.map((d) => [
      d.title,
      d.transferName,
      excelDate(d.dueDate),
      d.overdue ? 'Y' : 'N',
      d.owner,
      d.criteria,
      d.criteriaMet ? 'Met' : 'Not met',
    ]),
  );
  pack.decisions.forEach((d, i) => {
    const s = d.criteriaMet ? RAG_STYLE.green : RAG_STYLE.amber;
    paint(ws.getRow(i + 2).getCell(7), s.fill, s.text);
  });
}

/** What the group is asked to decide (the pack's recommendations), and what it decided last time. */
function recommendationsSheet(wb: ExcelJS.Workbook, pack: TSteeringPack) {
  if (!pack.recommendations) return;
  tableSheet(
    wb,
    'Recommendations',
    [
      { header: 'The group is asked to', width: 80, kind: 'longText' },
      { header: 'Why', width: 50, kind: 'longText' },
      { header: 'Kind', width: 18 },
    ],
    pack.recommendations.map((r) => [r.text, r.why, r.kind]),
  );
  tableSheet(
    wb,
    'Last decisions',
    [
      { header: 'Ref', width: 10 },
      { header: 'Decision', width: 70, kind: 'longText' },
      { header: 'Outcome', width: 16 },
      { header: 'Note', width: 50, kind: 'longText' },
      { header: 'Decided', width: 12, kind: 'date' },
    ],
    (pack.lastDecisions ?? []).map((d) => [d.reference, d.title, d.outcome, d.note, excelDate(d.decidedOn)]),
  );
}

function profileSheet(wb: ExcelJS.Workbook, pack: TSteeringPack) {
  const ws = tableSheet(
    wb,
    'Risk profile',
    [
      { header: 'Month', width: 10 },
      { header: 'As at', width: 12, kind: 'date' },
      ...pack.bands.map((b) => ({ header: b.label, width: 11, kind: 'number' as const })),
      { header: 'Total', width: 9, kind: 'number' },
    ],
    pack.profile.map((m) => [
      m.month,
      excelDate(m.asAt),
      ...pack.bands.map((b) => m.counts[b.key] ?? 0),
      m.total,
    ]),
    { landscape: false },
  );
  pack.bands.forEach((b, i) => paint(ws.getRow(1).getCell(i + 3), b.colour, b.textColour));
}

export async function steeringPackXlsx(pack: TSteeringPack, meta: TPackPaperMeta): Promise<Buffer> {
  const created = meta.frozen ? meta.frozen.frozenAt : new Date(pack.generatedAt);
  const wb = newWorkbook(`${pack.programme.name}: ${REPORT_TITLE}, ${ukDate(pack.asAt)}`, created);
  summarySheet(wb, pack, meta);
  heatMapSheet(wb, pack);
  riskSheet(wb, 'Top risks', pack, pack.topRisks);
  riskSheet(wb, 'Escalated', pack, pack.escalated);
  changesSheet(wb, pack);
  tableSheet(
    wb,
    'Overdue actions',
    [
      { header: 'Risk ref', width: 9 },
      { header: 'Risk', width: 36, kind: 'longText' },
      { header: 'Action', width: 50, kind: 'longText' },
      { header: 'Owner', width: 20 },
      { header: 'Organisation', width: 18 },
      { header: 'Due', width: 12, kind: 'date' },
      { header: 'Days overdue', width: 10, kind: 'number' },
    ],
    pack.overdueActions.items.map((a) => [
      a.risk.reference,
      a.risk.title,
      a.description,
      a.owner,
      a.organisation,
      excelDate(a.dueDate),
      a.daysOverdue,
    ]),
  );
  const late = tableSheet(
    wb,
    'Late reviews',
    [
      { header: 'Ref', width: 9 },
      { header: 'Title', width: 44, kind: 'longText' },
      { header: 'Owner', width: 20 },
      { header: 'Organisation', width: 18 },
      { header: 'Band', width: 11 },
      { header: 'Review due', width: 12, kind: 'date' },
      { header: 'Days late', width: 10, kind: 'number' },
    ],
    pack.overdueReviews.items.map((r) => [
      r.reference,
      r.title,
      r.owner,
      r.organisation,
      pack.bands.find((b) => b.key === r.band)?.label ?? r.band,
      excelDate(r.dueOn),
      r.daysOverdue,
    ]),
  );
  pack.overdueReviews.items.forEach((r, i) => {
    const band = pack.bands.find((b) => b.key === r.band);
    if (band) paint(late.getRow(i + 2).getCell(5), band.colour, band.textColour);
  });
  readinessSheet(wb, pack);
  decisionsSheet(wb, pack);
  recommendationsSheet(wb, pack);
  profileSheet(wb, pack);
  markEverySheet(wb, markingOf(pack.programme));
  return workbookBuffer(wb);
}
