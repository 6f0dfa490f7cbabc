import { createRequire } from 'node:module';
import {
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  CONSEQUENCE_LABELS,
  formatUkMonth,
  LEVELS,
  LIKELIHOOD_LABELS,
  RISK_STATUS_LABELS,
  type TChangeKind,
  type TPackChange,
  type TPackRiskWithTrend,
  type TRiskState,
  type TSteeringPack,
  type TTrend,
} from '@baton/domain';
import { CONFIDENCE_LABELS, RAID_PRIORITY_LABELS } from '@baton/domain';
import pdfmake from 'pdfmake';
import type {
  CanvasElement,
  Content,
  ContentTable,
  CustomTableLayout,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import {
  bandForScore,
  NHS_BLUE,
  NHS_DARK_GREY,
  NHS_PALE_GREY,
  NHS_TEXT,
  RAG_STYLE,
  slipText,
  TREND_WORDS,
  ukDate,
  ukDateTime,
} from './report.format';
import { markingOf, REPORT_PURPOSE, REPORT_TITLE, reportTo, type TPackPaperMeta } from './report.meta';

/*
 * The steering group pack as a PDF laid out like an NHS board paper: protective marking on every page, a title
 * block, numbered sections, tables that break across pages with their header rows repeated. Everything printed
 * comes from the pack object (a frozen pack is printed from what it said then, never recomputed).
 *
 * The font is Roboto as shipped inside the pdfmake package, so the paper looks the same on every machine.
 * Roboto has no arrow glyphs: trends are drawn as small vector triangles next to a word.
 */

const require = createRequire(import.meta.url);
const ROBOTO = {
  normal: require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
  bold: require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
  italics: require.resolve('pdfmake/fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: require.resolve('pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf'),
};
const FONT_FILES = new Set(Object.values(ROBOTO));

/** A4 portrait in points, and the margins of the paper. */
const PAGE_WIDTH = 595.28;
const MARGIN_X = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const LINE = '#aeb7bd';

/**
 * Characters Roboto cannot print, worded instead (anything else outside its range would show as an empty box).
 * Risk titles are typed by people, so arrows and ticks do turn up in them.
 */
const REPLACEMENTS: Array<[RegExp, string]> = [
  [/[\u2192\u21d2\u27a1]/g, '->'],
  [/[\u2190\u21d0\u2b05]/g, '<-'],
  [/[\u2191\u2b06]/g, '(up)'],
  [/[\u2193\u2b07]/g, '(down)'],
  [/[\u2713\u2714\u2705]/g, '(yes)'],
  [/[\u2717\u2718\u274c]/g, '(no)'],
  // Emoji and other astral characters: Roboto has none of them.
  [/[\u{10000}-\u{10FFFF}]/gu, ''],
];

export function printable(s: string): string {
  let out = s;
  for (const [re, to] of REPLACEMENTS) out = out.replace(re, to);
  return out;
}
const p = (s: string | null | undefined): string => printable(s ?? '');

/* ---------- building blocks ---------- */

const tableLayout: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => LINE,
  vLineColor: () => LINE,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

const headerCell = (text: string, alignment: 'left' | 'center' | 'right' = 'left'): TableCell => ({
  text,
  bold: true,
  color: '#ffffff',
  fillColor: NHS_BLUE,
  alignment,
});

/** A table with a blue header row that repeats on every page the table runs onto; rows never split. */
function dataTable(
  headers: Array<string | TableCell>,
  rows: TableCell[][],
  widths: Array<number | string>,
): ContentTable {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      keepWithHeaderRows: 1,
      widths,
      body: [headers.map((h) => (typeof h === 'string' ? headerCell(h) : h)), ...rows],
    },
    layout: tableLayout,
    fontSize: 8.5,
    margin: [0, 2, 0, 8],
  };
}

function heading(n: number, text: string): Content {
  return {
    text: `${n}. ${text}`,
    style: 'h1',
    outline: true,
    // Never leave a heading alone at the foot of a page.
    headlineLevel: 1,
  } as Content;
}
const subheading = (n: string, text: string): Content =>
  ({ text: `${n} ${text}`, style: 'h2', headlineLevel: 2 }) as Content;
const para = (text: string | Content[], extra: Record<string, unknown> = {}): Content =>
  ({ text, margin: [0, 0, 0, 6], ...extra }) as Content;
const note = (text: string): Content => ({ text, style: 'note' });
const none = (what = 'None.'): Content => ({
  text: what,
  italics: true,
  color: NHS_DARK_GREY,
  margin: [0, 0, 0, 8],
});

/** A score in its band's colour, with the band's AA text colour, and the band named (colour alone says nothing). */
function scoreCell(pack: TSteeringPack, score: number | null, opts: { withBand?: boolean } = {}): TableCell {
  if (score === null) return { text: 'Not on the register', italics: true, color: NHS_DARK_GREY };
  const band = bandForScore(pack.bands, score);
  return {
    text: opts.withBand && band ? [{ text: `${score}`, bold: true }, ` ${p(band.label)}`] : `${score}`,
    bold: !opts.withBand,
    fillColor: band?.colour,
    color: band?.textColour ?? NHS_TEXT,
    alignment: 'center',
  };
}

const TREND_COLOUR: Record<TTrend, string> = {
  up: '#d5281b',
  down: '#007f3b',
  steady: NHS_DARK_GREY,
  new: NHS_BLUE,
};

/** The trend as a drawn mark (Roboto has no arrows) beside the word, so it reads without colour. */
function trendCell(trend: TTrend): TableCell {
  const c = TREND_COLOUR[trend];
  const shape =
    trend === 'up'
      ? `<polygon points="0,8 4,1 8,8" fill="${c}"/>`
      : trend === 'down'
        ? `<polygon points="0,1 4,8 8,1" fill="${c}"/>`
        : trend === 'steady'
          ? `<polygon points="0,1 8,4.5 0,8" fill="${c}"/>`
          : `<circle cx="4" cy="4.5" r="3.5" fill="${c}"/>`;
  // SVG rather than a canvas or a columns group: pdfmake lays the document out again when a heading moves to
  // the next page, and canvases and columns inside table cells do not survive a second layout.
  return {
    stack: [
      {
        svg: `<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9" viewBox="0 0 9 9">${shape}</svg>`,
        margin: [0, 2, 0, 0],
      },
      { text: TREND_WORDS[trend], margin: [12, -11, 0, 0] },
    ],
  } as TableCell;
}

function stateText(s: TRiskState | null): string {
  if (!s) return 'Not on the register';
  const bits = [`${s.score} (C${s.consequence} x L${s.likelihood})`];
  if (s.status !== 'open') bits.push(RISK_STATUS_LABELS[s.status].toLowerCase());
  if (s.escalated) bits.push('escalated');
  return bits.join(', ');
}

const riskTitle = (title: string, detail: string): TableCell => ({
  stack: [{ text: p(title) }, { text: p(detail), fontSize: 7, color: NHS_DARK_GREY }],
});

/* ---------- the sections ---------- */

function titleBlock(pack: TSteeringPack, meta: TPackPaperMeta): Content[] {
  const row = (label: string, value: string | Content[]): TableCell[] => [
    { text: label, bold: true, fillColor: NHS_PALE_GREY },
    { text: value } as TableCell,
  ];
  const meetingRow = meta.meeting
    ? row('Meeting', `${p(meta.meeting.title)}, ${ukDate(meta.meeting.heldOn)}`)
    : row('As at', ukDate(pack.asAt));
  const body: TableCell[][] = [
    row('Organisation', p(meta.organisation)),
    meetingRow,
    ...(meta.meeting && meta.meeting.heldOn !== pack.asAt ? [row('As at', ukDate(pack.asAt))] : []),
    row('Report title', REPORT_TITLE),
    row('Programme', `${p(pack.programme.name)} (${p(pack.programme.code)})`),
    row('Report to', reportTo(pack.programme.stage, pack.programme.governanceGroup)),
    row('Purpose', REPORT_PURPOSE),
    row('Compared with', `${p(pack.sinceLabel)}`),
    row('Date generated', ukDateTime(pack.generatedAt)),
  ];
  if (meta.frozen) {
    body.push(
      row(
        'Frozen pack',
        `Frozen ${ukDateTime(meta.frozen.frozenAt)} by ${p(meta.frozen.frozenBy ?? 'a former member')}; SHA-256 ${meta.frozen.sha256}`,
      ),
    );
  }
  if (pack.scope === 'own') {
    body.push(row('Scope', 'Your organisation’s risks and transfers only (bidder isolation).'));
  }
  return [
    {
      columns: [
        { text: p(meta.organisation), bold: true, fontSize: 11, color: NHS_BLUE, width: '*' },
        {
          text: reportTo(pack.programme.stage, pack.programme.governanceGroup),
          alignment: 'right',
          color: NHS_DARK_GREY,
          width: 'auto',
        },
      ],
      margin: [0, 0, 0, 6],
    },
    { text: REPORT_TITLE, style: 'title' },
    {
      text: `${p(pack.programme.name)}`,
      fontSize: 11,
      color: NHS_DARK_GREY,
      margin: [0, 0, 0, 8],
    },
    {
      table: { widths: [96, '*'], body },
      layout: tableLayout,
      fontSize: 9,
      margin: [0, 0, 0, 10],
    },
    ...(meta.frozen && !meta.frozen.intact
      ? [
          {
            text: 'Warning: this stored pack no longer matches the hash taken when it was frozen. Do not rely on it; tell the programme administrator.',
            bold: true,
            color: '#d5281b',
            margin: [0, 0, 0, 8],
          } as Content,
        ]
      : []),
  ];
}

function purpose(pack: TSteeringPack): Content[] {
  return [
    heading(1, 'Purpose'),
    para(
      `This paper gives the ${reportTo(pack.programme.stage, pack.programme.governanceGroup).toLowerCase()} assurance on the programme risk register and on the transition of services to their new providers as at ${ukDate(pack.asAt)}: the risks that matter most, what has changed since ${p(pack.sinceLabel)}, mitigation actions and risk reviews that are late, the readiness of each transfer for go-live, and the ${pack.recommendations ? 'decisions' : 'go/no-go decisions'} the group is asked to take.`,
    ),
    ...(pack.readinessAsOf !== pack.asAt
      ? [
          note(
            `Transition readiness is shown as at ${ukDate(pack.readinessAsOf)}: plan data is not kept by date, so it cannot be read as at ${ukDate(pack.asAt)}.`,
          ),
        ]
      : []),
  ];
}

function summary(pack: TSteeringPack): Content[] {
  const s = pack.summary;
  const figure = (label: string, value: string | number, cell: Partial<Record<string, unknown>> = {}) => [
    { text: label },
    { text: String(value), bold: true, alignment: 'right', ...cell } as TableCell,
  ];
  const figures: TableCell[][] = [
    figure('Open risks', s.liveRisks),
    ...pack.bands
      .slice()
      .sort((a, b) => b.min - a.min)
      .map((b) =>
        figure(`${p(b.label)} (${b.min}–${b.max})`, s.byBand[b.key] ?? 0, {
          fillColor: b.colour,
          color: b.textColour,
        }),
      ),
    figure(`Escalated (score ${pack.escalationThreshold} or more)`, s.escalated),
    figure('New risks since the comparison date', s.changes.new),
    figure('Overdue mitigation actions', s.overdueActions),
    figure('Late risk reviews', s.overdueReviews),
    ...(['red', 'amber', 'green'] as const).map((r) =>
      figure(`Transfers rated ${RAG_STYLE[r].label.toLowerCase()}`, s.transfers[r], {
        fillColor: RAG_STYLE[r].fill,
        color: RAG_STYLE[r].text,
      }),
    ),
    figure('Days to service commencement', s.daysToGoLive === null ? 'Not set' : s.daysToGoLive),
    figure('Decisions needed', s.decisionsNeeded),
  ];
  // Two columns of figures side by side, so the summary fits on the first page.
  const half = Math.ceil(figures.length / 2);
  const side = (rows: TableCell[][]): Content => ({
    table: { widths: ['*', 40], body: rows },
    layout: tableLayout,
    fontSize: 9,
  });
  return [
    heading(2, 'Summary'),
    { ul: pack.summaryText.map((t) => p(t)), margin: [0, 0, 0, 8] },
    subheading('2.1', 'Key figures'),
    {
      columns: [side(figures.slice(0, half)), side(figures.slice(half))],
      columnGap: 14,
      margin: [0, 0, 0, 10],
    },
  ];
}

function heatMap(pack: TSteeringPack): Content {
  const count = (c: number, l: number) =>
    pack.heatMap.find((x) => x.consequence === c && x.likelihood === l)?.count ?? 0;
  const rows: TableCell[][] = [...LEVELS].reverse().map((c) => [
    { text: `${c} ${CONSEQUENCE_LABELS[c]}`, bold: true, alignment: 'right', verticalAlignment: 'middle' },
    ...LEVELS.map((l): TableCell => {
      const band = bandForScore(pack.bands, c * l);
      const n = count(c, l);
      return {
        stack: [
          { text: String(n), fontSize: n ? 13 : 9, bold: n > 0 },
          { text: `score ${c * l}`, fontSize: 6.5 },
        ],
        alignment: 'center',
        verticalAlignment: 'middle',
        // An empty cell is not painted as if it held risks (the legend gives each band's colour).
        fillColor: n ? band?.colour : '#f0f4f5',
        color: n ? (band?.textColour ?? NHS_TEXT) : NHS_TEXT,
      };
    }),
  ]);
  rows.push([
    { text: '' },
    ...LEVELS.map((l): TableCell => ({
      text: `${l} ${LIKELIHOOD_LABELS[l]}`,
      bold: true,
      alignment: 'center',
    })),
  ]);
  rows.push([
    { text: '' },
    { text: 'Likelihood', colSpan: 5, alignment: 'center', color: NHS_DARK_GREY, italics: true },
    {},
    {},
    {},
    {},
  ]);
  return {
    stack: [
      subheading('3.1', 'Open risks by consequence and likelihood'),
      note(
        'Rows are consequence (5 Catastrophic at the top), columns are likelihood (1 Rare on the left). Each cell counts the open risks at that score and is coloured by its band.',
      ),
      {
        table: {
          widths: [86, '*', '*', '*', '*', '*'],
          heights: (i: number) => (i < 5 ? 32 : 'auto'),
          body: rows,
        },
        layout: {
          ...tableLayout,
          hLineColor: () => '#ffffff',
          vLineColor: () => '#ffffff',
          hLineWidth: () => 1.5,
          vLineWidth: () => 1.5,
        },
        fontSize: 8,
      } as Content,
      {
        text: [
          { text: 'Consequence', bold: true },
          ' (rows) against ',
          { text: 'likelihood', bold: true },
          ' (columns)',
        ],
        fontSize: 7.5,
        color: NHS_DARK_GREY,
        margin: [0, 2, 0, 4],
      },
      bandLegend(pack),
    ],
    unbreakable: true,
    margin: [0, 0, 0, 8],
  };
}

function bandLegend(pack: TSteeringPack): Content {
  return {
    columns: [
      ...pack.bands.map((b) => ({
        width: 'auto' as const,
        columns: [
          {
            width: 10,
            canvas: [
              { type: 'rect', x: 0, y: 1, w: 9, h: 9, color: b.colour, lineColor: LINE, lineWidth: 0.5 },
            ],
          },
          { width: 'auto', text: `${p(b.label)} ${b.min}–${b.max}` },
        ],
        columnGap: 3,
      })),
    ],
    columnGap: 14,
    fontSize: 8,
    margin: [0, 2, 0, 8],
  } as Content;
}

/** "2026-11" as "Nov 26". */
const monthLabel = (ym: string) => formatUkMonth(`${ym}-01`, '2-digit');

/** A whole number a little above `max`, in steps a reader can count in. */
function niceScale(max: number): { top: number; step: number } {
  if (max <= 4) return { top: Math.max(max, 1), step: 1 };
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

/** The monthly risk profile as a stacked bar chart in vector graphics, bands bottom (low) to top (high). */
function profileChart(pack: TSteeringPack): Content {
  const months = pack.profile;
  if (!months.length) return none('No risk history to chart yet.');
  const axisW = 24;
  const plotW = CONTENT_WIDTH - axisW;
  const plotH = 120;
  const max = Math.max(...months.map((m) => m.total), 0);
  const { top, step } = niceScale(max);
  const y = (v: number) => plotH - (v / top) * plotH;
  const slot = plotW / months.length;
  const barW = Math.min(30, slot * 0.6);
  const bands = [...pack.bands].sort((a, b) => a.min - b.min);

  const grid: CanvasElement[] = [];
  const labels: Content[] = [];
  for (let v = 0; v <= top; v += step) {
    grid.push({
      type: 'line',
      x1: 0,
      y1: y(v),
      x2: plotW,
      y2: y(v),
      lineWidth: 0.5,
      lineColor: v ? '#d8dde0' : NHS_DARK_GREY,
    });
    labels.push({
      relativePosition: { x: 0, y: y(v) - 4 },
      columns: [{ width: axisW - 4, text: String(v), alignment: 'right', fontSize: 7, color: NHS_DARK_GREY }],
    } as Content);
  }
  const bars: CanvasElement[] = [];
  months.forEach((m, i) => {
    let base = 0;
    const x = i * slot + (slot - barW) / 2;
    for (const b of bands) {
      const n = m.counts[b.key] ?? 0;
      if (!n) continue;
      bars.push({
        type: 'rect',
        x,
        y: y(base + n),
        w: barW,
        h: y(base) - y(base + n),
        color: b.colour,
        lineColor: '#ffffff',
        lineWidth: 0.5,
      });
      base += n;
    }
  });
  return {
    stack: [
      subheading('3.2', 'Risk profile by month'),
      note(
        'Open risks at the end of each month (the latest month as at the date of this paper), stacked by band.',
      ),
      {
        columns: [
          { width: axisW, stack: labels },
          { width: plotW, canvas: [...grid, ...bars] },
        ],
        columnGap: 0,
      },
      {
        columns: [
          { width: axisW, text: '' },
          ...months.map((m) => ({
            width: slot,
            stack: [
              { text: monthLabel(m.month), alignment: 'center' as const },
              { text: String(m.total), alignment: 'center' as const, bold: true },
            ],
          })),
        ],
        columnGap: 0,
        fontSize: 7,
        color: NHS_DARK_GREY,
        margin: [0, 3, 0, 2],
      },
      bandLegend(pack),
    ],
    unbreakable: true,
  } as Content;
}

function riskRows(pack: TSteeringPack, risks: readonly TPackRiskWithTrend[]): TableCell[][] {
  return risks.map((r) => [
    { text: r.reference, bold: true },
    riskTitle(r.title, `${r.category}${r.owner ? ` · owner ${r.owner}` : ''}`),
    { text: p(r.organisation) },
    scoreCell(pack, r.state.score, { withBand: true }),
    trendCell(r.trend),
    r.previousScore === null
      ? { text: 'New', italics: true, alignment: 'center' }
      : scoreCell(pack, r.previousScore),
  ]);
}
const RISK_HEADERS = ['Ref', 'Risk', 'Organisation', 'Score', 'Trend', 'Previous'];
const RISK_WIDTHS = [40, '*', 78, 62, 46, 46];

function topRisks(pack: TSteeringPack): Content[] {
  return [
    heading(4, 'Top risks'),
    note(
      `The highest-scoring open risks, with the score at ${p(pack.sinceLabel)} (“Previous”) and the direction since then.`,
    ),
    pack.topRisks.length
      ? dataTable(RISK_HEADERS, riskRows(pack, pack.topRisks), RISK_WIDTHS)
      : none('No open risks.'),
    subheading('4.1', `Escalated risks (score ${pack.escalationThreshold} or more)`),
    pack.escalated.length
      ? dataTable(RISK_HEADERS, riskRows(pack, pack.escalated), RISK_WIDTHS)
      : none('No risk is escalated.'),
  ];
}

function changes(pack: TSteeringPack): Content[] {
  const out: Content[] = [heading(5, `Changes since ${p(pack.sinceLabel)}`)];
  CHANGE_KINDS.forEach((kind: TChangeKind, i) => {
    const items: TPackChange[] = pack.changes[kind];
    out.push(subheading(`5.${i + 1}`, `${CHANGE_KIND_LABELS[kind]} (${items.length})`));
    out.push(
      items.length
        ? dataTable(
            ['Ref', 'Risk', 'Organisation', 'Before', 'Now'],
            items.map((c) => [
              { text: c.reference, bold: true },
              { text: p(c.title) },
              { text: p(c.organisation) },
              { text: stateText(c.from) },
              { text: stateText(c.to) },
            ]),
            [40, '*', 78, 88, 88],
          )
        : none(),
    );
  });
  return out;
}

const showing = (shown: number, total: number, what: string): Content[] =>
  shown < total ? [note(`Showing ${shown} of ${total} ${what}, the longest overdue first.`)] : [];

function overdue(pack: TSteeringPack): Content[] {
  const a = pack.overdueActions;
  const r = pack.overdueReviews;
  return [
    heading(6, 'Overdue mitigation actions and late reviews'),
    subheading('6.1', `Overdue mitigation actions (${a.total})`),
    ...showing(a.items.length, a.total, 'overdue actions'),
    a.items.length
      ? dataTable(
          ['Risk', 'Action', 'Owner', 'Due', headerCell('Days overdue', 'right')],
          a.items.map((x) => [
            { text: x.risk.reference, bold: true },
            {
              stack: [
                { text: p(x.description) },
                { text: p(x.risk.title), fontSize: 7, color: NHS_DARK_GREY },
              ],
            },
            { text: `${p(x.owner ?? 'No owner')} (${p(x.organisation)})` },
            { text: ukDate(x.dueDate), noWrap: true },
            { text: String(x.daysOverdue), alignment: 'right', bold: true },
          ]),
          [40, '*', 100, 56, 48],
        )
      : none('No mitigation action is overdue.'),
    subheading('6.2', `Late risk reviews (${r.total})`),
    ...showing(r.items.length, r.total, 'late reviews'),
    r.items.length
      ? dataTable(
          ['Ref', 'Risk', 'Owner', 'Band', 'Review due', headerCell('Days late', 'right')],
          r.items.map((x) => {
            const band = pack.bands.find((b) => b.key === x.band);
            return [
              { text: x.reference, bold: true },
              { text: p(x.title) },
              { text: `${p(x.owner ?? 'No owner')} (${p(x.organisation)})` },
              {
                text: p(band?.label ?? x.band),
                fillColor: band?.colour,
                color: band?.textColour,
                alignment: 'center',
              },
              { text: ukDate(x.dueOn), noWrap: true },
              { text: String(x.daysOverdue), alignment: 'right', bold: true },
            ];
          }),
          [40, '*', 100, 52, 56, 36],
        )
      : none('Every risk review is up to date.'),
  ];
}

const ragCell = (rag: keyof typeof RAG_STYLE, extra: Partial<Record<string, unknown>> = {}): TableCell => ({
  text: RAG_STYLE[rag].label,
  bold: true,
  fillColor: RAG_STYLE[rag].fill,
  color: RAG_STYLE[rag].text,
  alignment: 'center',
  ...extra,
});

const SHORT_WORKSTREAM: Record<string, string> = {
  workforce_tupe: 'Workforce / TUPE',
  estates_facilities: 'Estates',
  it_data_records: 'IT and records',
  information_governance: 'Info. governance',
  clinical_safety_caseload: 'Clinical safety',
  cqc_registration: 'CQC',
  contracts_finance: 'Contracts, finance',
  communications_engagement: 'Comms',
};

function readiness(pack: TSteeringPack): Content[] {
  const out: Content[] = [heading(7, 'Transition readiness')];
  if (!pack.readiness.length) return [...out, none('No transfers are planned yet.')];
  out.push(
    note(
      `One row per transfer, as at ${ukDate(pack.readinessAsOf)}. The rating follows the programme's written readiness rules (red: go-live at risk; amber: needs attention). Margin is the days between the forecast go-live and the transfer date; P80 is the date by which 80% of simulated runs of the plan went live; delivery confidence is the commissioner's and providers' judgement on the IPA scale.`,
    ),
    dataTable(
      [
        'Transfer',
        'Readiness',
        'Planned',
        'Forecast go-live',
        'Confidence',
        headerCell('Done', 'right'),
        'Reasons',
      ],
      pack.readiness.map((t) => [
        t.name.includes(t.outgoing) && t.name.includes(t.incoming)
          ? { text: p(t.name) }
          : riskTitle(t.name, `${t.lotCode}: ${t.outgoing} to ${t.incoming}`),
        ragCell(t.rag, { verticalAlignment: 'middle' }),
        { text: ukDate(t.plannedTransferDate), noWrap: true },
        {
          stack: [
            { text: t.forecastGoLive ? ukDate(t.forecastGoLive) : 'No forecast', noWrap: true },
            { text: slipText(t.plannedTransferDate, t.forecastGoLive), fontSize: 7, color: NHS_DARK_GREY },
            ...(t.goLiveVarianceDays !== undefined && t.goLiveVarianceDays !== null
              ? [
                  {
                    text:
                      t.goLiveVarianceDays === 0
                        ? 'as baselined'
                        : `${Math.abs(t.goLiveVarianceDays)} days ${t.goLiveVarianceDays > 0 ? 'later' : 'earlier'} than baseline`,
                    fontSize: 7,
                    color: NHS_DARK_GREY,
                  },
                ]
              : []),
          ],
        },
        {
          stack: [
            ...(t.goLive
              ? [
                  { text: `P80 ${ukDate(t.goLive.p80)}`, noWrap: true },
                  {
                    text: `${Math.round(t.goLive.probabilityOnTime * 100)}% by the date`,
                    fontSize: 7,
                    color: NHS_DARK_GREY,
                  },
                ]
              : []),
            ...(t.confidence ?? []).map((c) => ({
              text: `${c.kind === 'commissioner' ? 'Commissioner' : p(c.organisation)}: ${c.label}${c.previous && c.move !== 'same' ? ` (${c.move} from ${CONFIDENCE_LABELS[c.previous]})` : ''}`,
              fontSize: 7,
            })),
            ...(!t.goLive && !(t.confidence ?? []).length ? [{ text: '—' }] : []),
          ],
        },
        { text: `${t.percentComplete}%`, alignment: 'right' },
        t.reasons.length
          ? { ul: t.reasons.map((x) => p(x)), fontSize: 7.5 }
          : { text: 'Green: nothing at risk', italics: true },
      ]),
      [84, 42, 50, 58, 74, 26, '*'],
    ),
  );
  const workstreams = pack.readiness[0]?.workstreams.map((w) => w.workstream) ?? [];
  if (workstreams.length) {
    out.push(subheading('7.1', 'Readiness by workstream (tasks done of total)'));
    out.push({
      ...dataTable(
        ['Transfer', ...workstreams.map((w) => headerCell(SHORT_WORKSTREAM[w] ?? w, 'center'))],
        pack.readiness.map((t) => [
          { text: p(t.name), fontSize: 7.5 },
          ...workstreams.map((w): TableCell => {
            const ws = t.workstreams.find((x) => x.workstream === w);
            return ws
              ? ragCell(ws.rag, {
                  text: [
                    { text: RAG_STYLE[ws.rag].label, bold: true },
                    { text: `\n${ws.done}/${ws.total}`, bold: false, fontSize: 6.5 },
                  ],
                  fontSize: 7.5,
                })
              : { text: '' };
          }),
        ]),
        [84, ...workstreams.map(() => '*')],
      ),
      fontSize: 7,
    } as Content);
  }
  return out;
}

const OUTCOME_STYLE: Record<string, { fill: string; text: string; label: string }> = {
  agreed: { ...RAG_STYLE.green, label: 'Agreed' },
  amended: { ...RAG_STYLE.green, label: 'Agreed as amended' },
  deferred: { ...RAG_STYLE.amber, label: 'Deferred' },
  rejected: { ...RAG_STYLE.red, label: 'Rejected' },
};

/**
 * What the group decided last time and what it is asked to decide now, from the pack's recommendations (the
 * same list the screen shows and the chair records outcomes against). Packs frozen before recommendations
 * existed print their go/no-go section as they always did.
 */
const STAGE_STATUS_WORDS = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  slipping: 'Slipping',
  late: 'Late',
} as const;
const RAG_INK = { green: '#007f3b', amber: '#8a4b00', red: '#d5281b' } as const;

/** The programme timeline, as it stood when the pack was made (stages keep no history). */
function timelineSection(pack: TSteeringPack): Content[] {
  const t = pack.timeline;
  if (!t) return [];
  return [
    subheading('7.1', 'Programme timeline'),
    note(
      `${p(t.route)}, as the timeline stood on ${ukDate(t.asOf)}. Late: the planned end passed without an actual end; slipping: forecast to end after the plan; red beyond 14 days.${t.current ? ` Now: ${p(t.current)}.` : ''}`,
    ),
    ...(t.slipping.length
      ? [
          para(
            `Slipping: ${t.slipping.map((x) => `${p(x.label)} (${x.slipDays} days, ${x.rag})`).join('; ')}.`,
            { bold: true },
          ),
        ]
      : []),
    dataTable(
      ['Stage', 'Planned', 'Status', 'Where it stands'],
      t.stages.map((st) => [
        { text: p(st.label) },
        {
          text:
            st.plannedEnd === st.plannedStart
              ? ukDate(st.plannedEnd)
              : `${ukDate(st.plannedStart)} – ${ukDate(st.plannedEnd)}`,
          fontSize: 8,
        },
        {
          text: `${STAGE_STATUS_WORDS[st.status]}${st.slipDays ? `, ${st.slipDays} days late` : ''}`,
          bold: st.rag !== 'green',
          color: RAG_INK[st.rag],
        },
        { text: p(st.reason), fontSize: 8 },
      ]),
      ['*', 110, 90, 150],
    ),
  ];
}

/** Open issues and meeting actions, as the RAID log stood when the pack was made. */
function raidSection(pack: TSteeringPack): Content[] {
  const r = pack.raid;
  if (!r) return [];
  const rows = (items: NonNullable<TSteeringPack['raid']>['issues']['items'], withPriority: boolean) =>
    items.map((i) => [
      { text: i.reference, noWrap: true },
      { text: p(i.title) },
      ...(withPriority
        ? [{ text: i.priority ? RAID_PRIORITY_LABELS[i.priority] : '', bold: i.priority === 'critical' }]
        : []),
      { text: `${p(i.owner ?? 'No owner')}\n${p(i.organisation)}`, fontSize: 8 },
      {
        stack: [
          { text: i.dueOn ? ukDate(i.dueOn) : 'No date', noWrap: true },
          ...(i.daysOverdue > 0
            ? [{ text: `${i.daysOverdue} days overdue`, bold: true, color: '#d5281b', fontSize: 7 }]
            : []),
        ],
      },
    ]);
  const out: Content[] = [
    heading(8, 'Issues and meeting actions'),
    note(
      `As the RAID log stood on ${ukDate(r.asOf)}: it is not kept by date. Open means open or in progress.`,
    ),
    {
      text: `Open issues (${r.issues.total}${r.issues.critical ? `, ${r.issues.critical} critical` : ''})`,
      style: 'h2',
    },
    r.issues.items.length
      ? dataTable(['Ref', 'Issue', 'Priority', 'Owner', 'Due'], rows(r.issues.items, true), [
          44,
          '*',
          48,
          110,
          64,
        ])
      : para('No open issue.'),
    {
      text: `Open meeting actions (${r.actions.total}${r.actions.overdue ? `, ${r.actions.overdue} overdue` : ''})`,
      style: 'h2',
    },
    r.actions.items.length
      ? dataTable(['Ref', 'Action', 'Owner', 'Due'], rows(r.actions.items, false), [44, '*', 110, 64])
      : para('No open meeting action.'),
  ];
  return out;
}

function recommendations(pack: TSteeringPack): Content[] {
  if (!pack.recommendations) return decisions(pack);
  const out: Content[] = [heading(pack.raid ? 9 : 8, 'Recommendations')];
  const last = pack.lastDecisions ?? [];
  if (last.length) {
    out.push(
      { text: `Decided at ${p(pack.sinceLabel)}`, style: 'h2' },
      dataTable(
        ['Ref', 'Decision', 'Outcome', 'Note'],
        last.map((d) => {
          const o = OUTCOME_STYLE[d.outcome]!;
          return [
            { text: d.reference, noWrap: true },
            { text: p(d.title) },
            { text: o.label, bold: true, fillColor: o.fill, color: o.text, alignment: 'center' },
            { text: p(d.note) || '', italics: !d.note },
          ];
        }),
        [40, '*', 62, 150],
      ),
    );
  }
  if (pack.decisions.length) {
    out.push(
      { text: 'Go/no-go gates due', style: 'h2' },
      dataTable(
        ['Gate', 'Transfer', 'Due', 'Owner', 'Criteria met'],
        pack.decisions.map((d) => [
          { text: p(d.title), bold: true },
          { text: p(d.transferName) },
          {
            stack: [
              { text: ukDate(d.dueDate), noWrap: true },
              ...(d.overdue ? [{ text: 'Overdue', bold: true, color: '#d5281b', fontSize: 7 }] : []),
            ],
          },
          { text: p(d.owner) },
          d.criteriaMet
            ? {
                text: 'Met',
                bold: true,
                fillColor: RAG_STYLE.green.fill,
                color: RAG_STYLE.green.text,
                alignment: 'center',
              }
            : {
                text: 'Not met',
                bold: true,
                fillColor: RAG_STYLE.amber.fill,
                color: RAG_STYLE.amber.text,
                alignment: 'center',
              },
        ]),
        [110, 110, 52, '*', 44],
      ),
    );
  }
  out.push(
    para([{ text: 'The group is asked to:', bold: true }], { margin: [0, 6, 0, 2] }),
    {
      ol: [
        'note the risk position, the changes since the comparison date and the transition readiness set out above;',
        ...pack.recommendations.map((r) => ({
          text: [{ text: `${p(r.text)};` }, { text: ` ${p(r.why)}`, color: NHS_DARK_GREY, fontSize: 8.5 }],
        })),
        ...(pack.recommendations.length
          ? []
          : ['note that the data raises no decision for the group at this meeting.']),
      ],
      margin: [0, 0, 0, 8],
    },
    {
      text: 'Recommendations are built from the register and the plans: escalations since the last meeting, targets above the category appetite, risks at their target, actions two weeks or more overdue, go/no-go gates due within eight weeks, and transfers with no delivery confidence recorded since the last meeting. A question the group answered at an earlier meeting is not asked again; a deferred one is.',
      style: 'note',
    },
  );
  return out;
}

/** Which matrix and appetite the figures were scored on, so a later reader can tell if they changed. */
function matrixNote(pack: TSteeringPack): Content[] {
  const m = pack.matrix;
  if (!m) return [];
  const appetite = m.categories
    .map((c) => `${p(c.label)}: ${c.appetite ? `${c.appetite}, ` : ''}tolerance ${c.tolerance}`)
    .join('; ');
  return [
    note(
      `Scored on the programme's risk matrix, ${m.version ? `version ${m.version}` : 'as first set'} (escalation at ${m.escalationThreshold} or more). Appetite and tolerance (the highest target score accepted) by category: ${appetite}.`,
    ),
  ];
}

function decisions(pack: TSteeringPack): Content[] {
  const out: Content[] = [heading(8, 'Decisions required')];
  if (!pack.decisions.length) {
    out.push(
      para('No go/no-go gate falls due within the next eight weeks.'),
      para([{ text: 'The group is asked to ', bold: true }, 'note this report and the assurance it gives.']),
    );
    return out;
  }
  out.push(
    dataTable(
      ['Gate', 'Transfer', 'Due', 'Owner', 'Criteria', 'Criteria met'],
      pack.decisions.map((d) => [
        { text: p(d.title), bold: true },
        { text: p(d.transferName) },
        {
          stack: [
            { text: ukDate(d.dueDate), noWrap: true },
            ...(d.overdue ? [{ text: 'Overdue', bold: true, color: '#d5281b', fontSize: 7 }] : []),
          ],
        },
        { text: p(d.owner) },
        { text: p(d.criteria) || 'No criteria recorded', italics: !d.criteria },
        d.criteriaMet
          ? {
              text: 'Met',
              bold: true,
              fillColor: RAG_STYLE.green.fill,
              color: RAG_STYLE.green.text,
              alignment: 'center',
            }
          : {
              text: 'Not met',
              bold: true,
              fillColor: RAG_STYLE.amber.fill,
              color: RAG_STYLE.amber.text,
              alignment: 'center',
            },
      ]),
      [78, 78, 52, 56, '*', 44],
    ),
    para([{ text: 'The group is asked to:', bold: true }], { margin: [0, 4, 0, 2] }),
    {
      ol: [
        'note the risk position, the changes since the comparison date and the transition readiness set out above;',
        ...pack.decisions.map(
          (d) =>
            `decide the ${p(d.title).toLowerCase()} for ${p(d.transferName)} (due ${ukDate(d.dueDate)}): the criteria are ${d.criteriaMet ? 'recorded as met' : 'not yet met'};`,
        ),
        'agree any further action on the escalated risks and the overdue mitigation actions.',
      ],
      margin: [0, 0, 0, 8],
    },
  );
  return out;
}

/* ---------- the document ---------- */

export function steeringPackDocument(pack: TSteeringPack, meta: TPackPaperMeta): TDocumentDefinitions {
  const frozenLine = meta.frozen
    ? `Frozen ${ukDateTime(meta.frozen.frozenAt)} by ${p(meta.frozen.frozenBy ?? 'a former member')}; SHA-256 ${meta.frozen.sha256.slice(0, 16)}…`
    : `Generated ${ukDateTime(pack.generatedAt)}; not frozen: figures may change`;
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_X, 50, MARGIN_X, 56],
    language: 'en-GB',
    displayTitle: true,
    info: {
      title: `${REPORT_TITLE}: ${pack.programme.name}, ${ukDate(pack.asAt)}`,
      author: meta.organisation,
      subject: `${reportTo(pack.programme.stage, pack.programme.governanceGroup)}: ${meta.meeting ? `${meta.meeting.title}, ${ukDate(meta.meeting.heldOn)}` : `as at ${ukDate(pack.asAt)}`}`,
      creator: 'Baton',
      producer: 'Baton',
      // A frozen pack prints the same file every time it is downloaded.
      creationDate: meta.frozen ? meta.frozen.frozenAt : new Date(pack.generatedAt),
    },
    header: () => ({
      text: markingOf(pack.programme),
      alignment: 'center',
      bold: true,
      fontSize: 9,
      color: NHS_TEXT,
      margin: [MARGIN_X, 22, MARGIN_X, 0],
    }),
    footer: (currentPage: number, pageCount: number) => ({
      margin: [MARGIN_X, 10, MARGIN_X, 0],
      fontSize: 7.5,
      color: NHS_DARK_GREY,
      stack: [
        {
          canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: LINE }],
          margin: [0, 0, 0, 3],
        },
        {
          columns: [
            { text: markingOf(pack.programme), bold: true, color: NHS_TEXT, width: 'auto' },
            {
              text: `${p(pack.programme.code)}: ${REPORT_TITLE}, ${ukDate(pack.asAt)}`,
              alignment: 'center',
              width: '*',
            },
            { text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', width: 'auto' },
          ],
          columnGap: 8,
        },
        { text: frozenLine, alignment: 'center', margin: [0, 2, 0, 0] },
      ],
    }),
    pageBreakBefore: (node, following) => {
      // A heading is never left at the foot of a page: it moves over with what it introduces. (pdfmake keeps
      // the positions of rows it tried on the earlier page, so "what follows on this page" cannot be trusted
      // after a table; where the heading starts on the page can.)
      if (!node.headlineLevel) return false;

      const ratio = node.startPosition?.verticalRatio ?? 0;
      if (ratio > (node.headlineLevel === 1 ? 0.75 : 0.85)) return true;
      const next = following.getFollowingNodesOnPage().filter((n) => !n.headlineLevel && n.style !== 'note');
      return next.length === 0;
    },
    content: [
      ...titleBlock(pack, meta),
      ...purpose(pack),
      ...summary(pack),
      heading(3, 'Risk heat map'),
      heatMap(pack),
      profileChart(pack),
      ...matrixNote(pack),
      ...topRisks(pack),
      ...changes(pack),
      ...overdue(pack),
      ...readiness(pack),
      ...timelineSection(pack),
      ...raidSection(pack),
      ...recommendations(pack),
    ],
    defaultStyle: { font: 'Roboto', fontSize: 9.5, color: NHS_TEXT, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 18, bold: true, color: NHS_BLUE, margin: [0, 0, 0, 2] },
      h1: { fontSize: 13, bold: true, color: NHS_BLUE, margin: [0, 10, 0, 5] },
      h2: { fontSize: 10.5, bold: true, color: NHS_TEXT, margin: [0, 6, 0, 3] },
      note: { fontSize: 8, color: NHS_DARK_GREY, italics: true, margin: [0, 0, 0, 4] },
    },
  };
}

let configured = false;
function configure() {
  if (configured) return;
  pdfmake.setFonts({ Roboto: { ...ROBOTO } });
  // The paper never loads anything from the network, and from disk only the fonts shipped with pdfmake.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path));
  configured = true;
}

/** The steering group pack as an A4 PDF. */
export async function steeringPackPdf(pack: TSteeringPack, meta: TPackPaperMeta): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(steeringPackDocument(pack, meta)).getBuffer();
}
