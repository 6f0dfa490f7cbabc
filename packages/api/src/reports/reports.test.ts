import {
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  NotFoundError,
  RuleViolationError,
  UnauthenticatedError,
  type TSteeringPack,
} from '@baton/domain';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, contextFor, readWorkbook } from '../features/risk-import/risk-import.testing';
import { buildFixture, TODAY, type Fixture } from '../testing/fixture';
import { buildSteeringScenario } from '../testing/steering-scenario';
import { RAG_STYLE } from './report.format';
import { exportFrozenPack, exportSteeringPack, exportTransitionPlan } from '../testing/downloads';
import { isoOf, readPdf, sheetObjects, squash } from './reports.testing';
import { packFigures, TREND_ARROWS } from './steering-pack.xlsx';

/*
 * The report downloads for a small programme built through the API: a register with a history (re-scored up
 * and down since the last meeting, a new risk, a late review, an overdue action), a transfer with the standard
 * plan, and a meeting whose pack is frozen. Every figure in the files is checked against what the procedures
 * behind the screens (steering.pack, transition.transfers, transition.plan) answer.
 */

let h: DbHandle;
let fx: Fixture;
const ids: Record<string, string> = {};
const a = (consequence: number, likelihood: number) => ({ consequence, likelihood });

beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  // Roboto has no arrows and no emoji: the paper words them rather than printing empty boxes.
  const scenario = await buildSteeringScenario(fx, { newRiskTitle: 'Smartcard readers → new site 🚑' });
  Object.assign(ids, scenario.ids);
  const admin = await fx.as('admin');
  await admin.risk.addAction({
    programmeId: fx.programme.id,
    riskId: ids.up!,
    description: 'Chase the missing ELI data',
    ownerUserId: fx.users.contributor.id,
    organisationId: fx.orgs.outgoing.id,
    dueDate: '2026-11-01',
    status: 'in_progress',
    expectedEffect: 'likelihood',
  } as never);

  // The rival bidders' risks in the tender, and a frozen evaluation panel pack there.
  const mk = (title: string, org: string) =>
    admin.risk.create({
      programmeId: fx.tender.id,
      title,
      event: `${title} happens`,
      categoryKey: 'procurement_legal',
      ownerUserId: null,
      owningOrganisationId: org,
      initial: a(3, 3),
      current: a(3, 3),
      target: a(2, 2),
      raisedOn: '2026-11-01',
    } as never);
  await mk('Alpha pricing', fx.orgs.bidderA.id);
  await mk('Beta pricing', fx.orgs.bidderB.id);
  const panel = await admin.meeting.create({
    programmeId: fx.tender.id,
    title: 'Evaluation panel',
    heldOn: '2026-11-20',
  } as never);
  await admin.meeting.freeze({ programmeId: fx.tender.id, meetingId: panel.id });
  ids.panel = panel.id;
});
afterAll(() => h.close());

const HEADINGS = [
  '1. Purpose',
  '2. Summary',
  '3. Risk heat map',
  '4. Top risks',
  '5. Changes since the meeting on 26 Oct 2026',
  '6. Overdue mitigation actions and late reviews',
  '7. Transition readiness',
  '8. Issues and meeting actions',
  '9. Recommendations',
  'The group is asked to:',
];

/** Every figure of a pack against the workbook made from it. */
async function expectWorkbookMatches(body: Buffer, pack: TSteeringPack) {
  const wb = await readWorkbook(body);
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    'Summary',
    'Heat map',
    'Top risks',
    'Escalated',
    'Changes',
    'Overdue actions',
    'Late reviews',
    'Readiness',
    'Decisions',
    'Recommendations',
    'Last decisions',
    'Risk profile',
  ]);

  // Summary: every key figure under its label, and the summary sentences.
  const summary = wb.getWorksheet('Summary')!;
  const byLabel = new Map<string, unknown>();
  const sentences: string[] = [];
  let inSummary = false;
  summary.eachRow((row) => {
    const [label, value] = (row.values as unknown[]).slice(1);
    if (label === 'Summary') inSummary = true;
    else if (inSummary) sentences.push(String(value));
    else if (typeof label === 'string') byLabel.set(label, value ?? null);
  });
  for (const [label, value] of packFigures(pack)) expect([label, byLabel.get(label)]).toEqual([label, value]);
  expect(sentences).toEqual(pack.summaryText);
  expect(isoOf(byLabel.get('As at'))).toBe(pack.asAt);

  // Heat map: consequence rows 5 to 1, likelihood columns 1 to 5, with the band fill of each score.
  const heat = wb.getWorksheet('Heat map')!;
  for (let c = 5; c >= 1; c--) {
    const row = heat.getRow(2 + (5 - c));
    for (let l = 1; l <= 5; l++) {
      const want = pack.heatMap.find((x) => x.consequence === c && x.likelihood === l)?.count ?? 0;
      const cell = row.getCell(l + 1);
      expect(cell.value).toBe(want);
      const band = pack.bands.find((b) => c * l >= b.min && c * l <= b.max)!;
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
        `FF${band.colour.slice(1).toUpperCase()}`,
      );
    }
  }

  const risks = (name: string) =>
    sheetObjects(wb.getWorksheet(name)!).map((r) => [r.Ref, r.Score, r['Previous score'], r.Trend]);
  const packRisks = (list: TSteeringPack['topRisks']) =>
    list.map((r) => [r.reference, r.state.score, r.previousScore, TREND_ARROWS[r.trend]]);
  expect(risks('Top risks')).toEqual(packRisks(pack.topRisks));
  expect(risks('Escalated')).toEqual(packRisks(pack.escalated));

  const changes = sheetObjects(wb.getWorksheet('Changes')!);
  expect(changes.map((c) => [c.Change, c.Ref, c['Score before'], c['Score now']])).toEqual(
    CHANGE_KINDS.flatMap((k) =>
      pack.changes[k].map((c) => [CHANGE_KIND_LABELS[k], c.reference, c.from?.score ?? null, c.to.score]),
    ),
  );

  const actions = sheetObjects(wb.getWorksheet('Overdue actions')!);
  expect(actions.map((x) => [x['Risk ref'], x.Action, isoOf(x.Due), x['Days overdue']])).toEqual(
    pack.overdueActions.items.map((x) => [x.risk.reference, x.description, x.dueDate, x.daysOverdue]),
  );
  const reviews = sheetObjects(wb.getWorksheet('Late reviews')!);
  expect(reviews.map((x) => [x.Ref, isoOf(x['Review due']), x['Days late']])).toEqual(
    pack.overdueReviews.items.map((x) => [x.reference, x.dueOn, x.daysOverdue]),
  );

  const readiness = sheetObjects(wb.getWorksheet('Readiness')!);
  expect(
    readiness.map((t) => [
      t.Transfer,
      t.Readiness,
      isoOf(t['Planned transfer date']),
      isoOf(t['Forecast go-live']),
      t['Days to transfer'],
      t['% complete'],
      t.Reasons ?? '',
    ]),
  ).toEqual(
    pack.readiness.map((t) => [
      t.name,
      RAG_STYLE[t.rag].label,
      t.plannedTransferDate,
      t.forecastGoLive,
      t.daysToTransfer,
      t.percentComplete,
      t.reasons.join('\n'),
    ]),
  );

  const recs = sheetObjects(wb.getWorksheet('Recommendations')!);
  expect(recs.map((r) => r['The group is asked to'])).toEqual(
    (pack.recommendations ?? []).map((r) => r.text),
  );
  const decisions = sheetObjects(wb.getWorksheet('Decisions')!);
  expect(decisions.map((d) => [d.Gate, d.Transfer, isoOf(d.Due), d['Criteria met']])).toEqual(
    pack.decisions.map((d) => [d.title, d.transferName, d.dueDate, d.criteriaMet ? 'Met' : 'Not met']),
  );

  const profile = sheetObjects(wb.getWorksheet('Risk profile')!);
  expect(profile.map((m) => [m.Month, ...pack.bands.map((b) => m[b.label]), m.Total])).toEqual(
    pack.profile.map((m) => [m.month, ...pack.bands.map((b) => m.counts[b.key] ?? 0), m.total]),
  );
  return wb;
}

describe(`steering group pack as PDF on ${testEngine()}`, () => {
  it('prints a board paper: marking, title block, the eight sections and the pack’s figures', async () => {
    const ctx = await contextFor(h.db, fx, 'steering');
    const file = await exportSteeringPack(ctx, { programmeId: fx.programme.id, format: 'pdf' });
    expect(file.fileName).toBe(`TVCS-steering-pack-${TODAY}.pdf`);
    expect(file.contentType).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');

    const pack = await (await fx.as('steering')).steering.pack({ programmeId: fx.programme.id });
    const pdf = await readPdf(file.body);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.title).toContain('Programme risk and transition report');
    pdf.pageText.forEach((text, i) => {
      // The protective marking in the header and footer of every page, and "page X of Y".
      expect(text.split('OFFICIAL-SENSITIVE: COMMERCIAL').length - 1).toBeGreaterThanOrEqual(2);
      expect(text).toContain(`Page ${i + 1} of ${pdf.pages}`);
    });
    const text = pdf.text;
    for (const h of HEADINGS) expect(text).toContain(h);
    // The title block.
    for (const s of [
      'NHS Test Vale ICB',
      'Report title Programme risk and transition report',
      'Test Vale Community Services (TVCS)',
      'Report to Transition steering group',
      'Purpose For assurance and decision',
      'As at 23 Nov 2026',
    ])
      expect(text).toContain(s);
    // The pack's own sentences and figures.
    for (const sentence of pack.summaryText) expect(text).toContain(squash(sentence));
    expect(text).toContain(`Open risks ${pack.summary.liveRisks}`);
    expect(text).toContain(`Escalated (score 15 or more) ${pack.summary.escalated}`);
    for (const r of pack.topRisks) expect(text).toContain(r.reference);
    expect(text).toMatch(/Up\b/);
    expect(text).toContain('Chase the missing ELI data');
    // Readiness with its word, never colour alone; the go/no-go gate and what the group is asked to do.
    const t = pack.readiness[0]!;
    expect(text).toContain(`${RAG_STYLE[t.rag].label} 10 Jan 2027`);
    expect(text).toContain('Go/no-go decision');
    expect(text).toContain('The group is asked to:');
    // Every recommendation the screen shows, in the paper's list.
    expect(pack.recommendations?.length).toBeGreaterThan(0);
    for (const r of pack.recommendations ?? []) expect(text).toContain(squash(r.text).slice(0, 60));
    // Heat map axes in the NHS words.
    for (const w of ['Negligible', 'Catastrophic', 'Rare', 'Almost certain']) expect(text).toContain(w);
    // Characters Roboto cannot print are worded, not boxed.
    expect(text).toContain('Smartcard readers -> new site');
    expect(text).not.toMatch(/[\u2190-\u21ff]/);
    // Empty change kinds say so.
    expect(text).toContain('Closed (0) None.');
  });

  it('goes to the group the admin names, with the marking the admin sets, and says which matrix it used', async () => {
    const admin = await fx.as('admin');
    const before = await admin.programme.overview({ programmeId: fx.programme.id });
    const version = (before as { programme: { version: number } }).programme.version;
    const bad = await caught(
      admin.programme.updateGovernance({
        programmeId: fx.programme.id,
        version,
        governanceGroupName: 'X',
        protectiveMarking: 'SECRET' as never,
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    const steering = await caught(
      (await fx.as('steering')).programme.updateGovernance({
        programmeId: fx.programme.id,
        version,
        governanceGroupName: 'Joint transition board',
        protectiveMarking: 'OFFICIAL',
      }),
    );
    expect(steering.code).toBe('FORBIDDEN');
    const after = await admin.programme.updateGovernance({
      programmeId: fx.programme.id,
      version,
      governanceGroupName: 'Joint transition board',
      protectiveMarking: 'OFFICIAL',
    });
    expect(after.version).toBe(version + 1);
    try {
      const ctx = await contextFor(h.db, fx, 'steering');
      const { text } = await readPdf(
        (await exportSteeringPack(ctx, { programmeId: fx.programme.id, format: 'pdf' })).body,
      );
      expect(text).toContain('Report to Joint transition board');
      expect(text).not.toContain('OFFICIAL-SENSITIVE');
      expect(text).toContain('OFFICIAL');
      expect(text).toMatch(
        /Scored on the programme's risk matrix, (version \d+|as first set) \(escalation at 15 or more\)/,
      );
      expect(text).toContain('Workforce and TUPE:');
    } finally {
      await admin.programme.updateGovernance({
        programmeId: fx.programme.id,
        version: after.version,
        governanceGroupName: '',
        protectiveMarking: 'OFFICIAL-SENSITIVE: COMMERCIAL',
      });
    }
  });

  it('prints the pack as at an earlier date, compared with the date asked for', async () => {
    const ctx = await contextFor(h.db, fx, 'viewer');
    const file = await exportSteeringPack(ctx, {
      programmeId: fx.programme.id,
      format: 'pdf',
      asAt: '2026-11-01',
      since: '2026-10-01',
    });
    expect(file.fileName).toBe('TVCS-steering-pack-2026-11-01.pdf');
    const { text } = await readPdf(file.body);
    expect(text).toContain('5. Changes since 1 Oct 2026 (31 days earlier)');
    expect(text).toContain('As at 1 Nov 2026');
  });
});

describe(`steering group pack as XLSX on ${testEngine()}`, () => {
  it('holds the same figures as steering.pack, sheet by sheet', async () => {
    const ctx = await contextFor(h.db, fx, 'steering');
    const file = await exportSteeringPack(ctx, { programmeId: fx.programme.id, format: 'xlsx' });
    expect(file.fileName).toBe(`TVCS-steering-pack-${TODAY}.xlsx`);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const pack = await (await fx.as('steering')).steering.pack({ programmeId: fx.programme.id });
    expect(pack.summary.liveRisks).toBe(4);
    expect(pack.overdueActions.total).toBe(1);
    expect(pack.decisions).toHaveLength(1);
    await expectWorkbookMatches(file.body, pack);
  });
});

describe(`frozen packs on ${testEngine()}`, () => {
  let meetingId = '';
  let frozen: { pdf: Buffer; xlsx: Buffer };

  beforeAll(async () => {
    const steering = await fx.as('steering');
    const m = await steering.meeting.create({
      programmeId: fx.programme.id,
      title: 'Steering group 5',
      heldOn: TODAY,
    } as never);
    meetingId = m.id;
    await steering.meeting.freeze({ programmeId: fx.programme.id, meetingId });
    const ctx = await contextFor(h.db, fx, 'steering');
    const get = (format: 'pdf' | 'xlsx') =>
      exportFrozenPack(ctx, { programmeId: fx.programme.id, meetingId, format });
    frozen = { pdf: (await get('pdf')).body, xlsx: (await get('xlsx')).body };
  });

  it('prints the meeting, who froze it and the hash; the workbook matches the snapshot', async () => {
    const steering = await fx.as('steering');
    const snap = await steering.meeting.snapshot({ programmeId: fx.programme.id, meetingId });
    const ctx = await contextFor(h.db, fx, 'steering');
    const file = await exportFrozenPack(ctx, { programmeId: fx.programme.id, meetingId, format: 'pdf' });
    expect(file.fileName).toBe(`TVCS-steering-pack-${TODAY}-frozen.pdf`);
    const pdf = await readPdf(file.body);
    expect(pdf.text).toContain('Meeting Steering group 5, 23 Nov 2026');
    const footer = `by Sam Steering; SHA-256 ${snap.snapshot.sha256.slice(0, 16)}…`;
    pdf.pageText.forEach((t) => expect(t).toContain(footer));
    await expectWorkbookMatches(frozen.xlsx, snap.pack as TSteeringPack);
  });

  it('is the same paper after a risk is re-scored, while the live pack moves', async () => {
    const admin = await fx.as('admin');
    const steady = await admin.risk.get({ programmeId: fx.programme.id, riskId: ids.steady! });
    await admin.risk.review({
      programmeId: fx.programme.id,
      riskId: ids.steady!,
      version: steady.risk.version,
      current: a(5, 4),
      reviewedOn: TODAY,
      note: 'Payroll supplier has given notice',
    });
    const ctx = await contextFor(h.db, fx, 'steering');
    const get = (format: 'pdf' | 'xlsx') =>
      exportFrozenPack(ctx, { programmeId: fx.programme.id, meetingId, format });
    const again = { pdf: (await get('pdf')).body, xlsx: (await get('xlsx')).body };
    expect(again.pdf.equals(frozen.pdf)).toBe(true);
    const snap = await (
      await fx.as('steering')
    ).meeting.snapshot({ programmeId: fx.programme.id, meetingId });
    await expectWorkbookMatches(again.xlsx, snap.pack as TSteeringPack);

    const live = await (await fx.as('steering')).steering.pack({ programmeId: fx.programme.id });
    expect(live.summary.escalated).toBe(2);
    expect(snap.pack.summary.escalated).toBe(1);
    const liveXlsx = await exportSteeringPack(ctx, { programmeId: fx.programme.id, format: 'xlsx' });
    await expectWorkbookMatches(liveXlsx.body, live);
  });

  it('is refused to bidders, and says so when a meeting has no frozen pack', async () => {
    const bidder = await contextFor(h.db, fx, 'bidderA');
    const refused = await caught(
      exportFrozenPack(bidder, { programmeId: fx.tender.id, meetingId: ids.panel!, format: 'pdf' }),
    );
    // To a bidder a meeting does not exist: the same answer as a meeting id that was never used.
    expect(refused).toBeInstanceOf(NotFoundError);
    const admin = await fx.as('admin');
    const open = await admin.meeting.create({
      programmeId: fx.programme.id,
      title: 'Extraordinary meeting',
      heldOn: '2026-12-14',
    } as never);
    const ctx = await contextFor(h.db, fx, 'admin');
    expect(
      await caught(
        exportFrozenPack(ctx, { programmeId: fx.programme.id, meetingId: open.id, format: 'pdf' }),
      ),
    ).toBeInstanceOf(NotFoundError);
    // A meeting of another programme is not reachable through this one.
    expect(
      await caught(
        exportFrozenPack(ctx, { programmeId: fx.programme.id, meetingId: ids.panel!, format: 'xlsx' }),
      ),
    ).toBeInstanceOf(NotFoundError);
    expect(
      await caught(exportFrozenPack(ctx, { programmeId: fx.programme.id, meetingId: 'nope', format: 'pdf' })),
    ).toBeInstanceOf(RuleViolationError);
  });
});

describe(`transition plan as XLSX on ${testEngine()}`, () => {
  it('matches transition.transfers and transition.plan: readiness, workstreams, every task, statutory dates', async () => {
    const ctx = await contextFor(h.db, fx, 'lead');
    const file = await exportTransitionPlan(ctx, { programmeId: fx.programme.id });
    expect(file.fileName).toBe(`TVCS-transition-plan-${TODAY}.xlsx`);
    const lead = await fx.as('lead');
    const transfers = await lead.transition.transfers({ programmeId: fx.programme.id });
    const plans = await Promise.all(
      transfers.map((t) => lead.transition.plan({ programmeId: fx.programme.id, transferId: t.transfer.id })),
    );
    const wb = await readWorkbook(file.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Readiness', 'Workstreams', 'Plan', 'Statutory dates']);

    const readiness = sheetObjects(wb.getWorksheet('Readiness')!);
    expect(
      readiness.map((r) => [
        r.Transfer,
        r['Outgoing → incoming'],
        isoOf(r['Planned transfer date']),
        isoOf(r['Forecast go-live']),
        r['Days to go'],
        r.Readiness,
        r['% complete'],
        r['Open conditions precedent'],
        r.Reasons ?? '',
      ]),
    ).toEqual(
      transfers.map((t) => [
        t.transfer.name,
        'Old Mill → New Bridge',
        t.transfer.plannedTransferDate,
        t.forecastGoLive,
        t.countdownDays,
        RAG_STYLE[t.readiness.overall.rag].label,
        t.percentComplete,
        t.openConditions.length,
        t.readiness.overall.reasons.join('\n'),
      ]),
    );

    const ws = sheetObjects(wb.getWorksheet('Workstreams')!);
    expect(ws.map((w) => [w.Transfer, w.Workstream, w.Readiness, w.Done, w.Total])).toEqual(
      transfers.flatMap((t) =>
        t.readiness.workstreams.map((w) => [
          t.transfer.name,
          w.label,
          RAG_STYLE[w.rag].label,
          w.done,
          w.total,
        ]),
      ),
    );

    const tasks = sheetObjects(wb.getWorksheet('Plan')!);
    const planTasks = plans.flatMap((p) => p.tasks);
    expect(tasks).toHaveLength(planTasks.length);
    expect(planTasks.length).toBeGreaterThan(20);
    expect(
      tasks.map((t) => [t.Task, isoOf(t.Due), isoOf(t['Forecast finish']), t['Float (days)'], t.Critical]),
    ).toEqual(
      planTasks.map((t) => [t.title, t.dueDate, t.forecastFinish, t.slackDays, t.critical ? 'Y' : 'N']),
    );
    // Predecessors by title: every dependency of the plan appears under its successor.
    const titles = new Map(planTasks.map((t) => [t.id, t.title]));
    const deps = plans.flatMap((p) => p.dependencies);
    expect(deps.length).toBeGreaterThan(0);
    for (const d of deps) {
      const row = tasks.find((t) => t.Task === titles.get(d.successorId))!;
      expect(String(row.Predecessors)).toContain(titles.get(d.predecessorId));
    }

    const statutory = sheetObjects(wb.getWorksheet('Statutory dates')!);
    expect(statutory.map((m) => [m.Milestone, isoOf(m.Date), m.State])).toEqual(
      plans.flatMap((p) =>
        p.milestones.map((m) => [
          m.label,
          m.date,
          { done: 'Done', missed: 'Missed', due_soon: 'Due soon', upcoming: 'Upcoming' }[m.state],
        ]),
      ),
    );
  });

  it('shows a bidder only the transfers its organisation is party to', async () => {
    const ctx = await contextFor(h.db, fx, 'bidderA');
    const file = await exportTransitionPlan(ctx, { programmeId: fx.tender.id });
    const wb = await readWorkbook(file.body);
    expect(sheetObjects(wb.getWorksheet('Readiness')!)).toEqual([]);
    expect(sheetObjects(wb.getWorksheet('Plan')!)).toEqual([]);
  });
});

describe(`report access on ${testEngine()}`, () => {
  it('refuses the signed out, hides the programme from outsiders, and validates the dates', async () => {
    const anon = await contextFor(h.db, fx, null);
    const outsider = await contextFor(h.db, fx, 'outsider');
    const steering = await contextFor(h.db, fx, 'steering');
    const live = { programmeId: fx.programme.id, format: 'pdf' as const };
    expect(await caught(exportSteeringPack(anon, live))).toBeInstanceOf(UnauthenticatedError);
    expect(await caught(exportTransitionPlan(anon, live))).toBeInstanceOf(UnauthenticatedError);
    expect(await caught(exportSteeringPack(outsider, live))).toBeInstanceOf(NotFoundError);
    expect(await caught(exportTransitionPlan(outsider, live))).toBeInstanceOf(NotFoundError);
    expect(await caught(exportFrozenPack(outsider, { ...live, meetingId: ids.panel! }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await caught(exportSteeringPack(steering, { ...live, programmeId: 'not-a-uuid' }))).toBeInstanceOf(
      NotFoundError,
    );

    const badDate = await caught(exportSteeringPack(steering, { ...live, asAt: '2026-11-31' }));
    expect(badDate).toBeInstanceOf(RuleViolationError);
    expect((badDate as unknown as RuleViolationError).fieldErrors).toHaveProperty('asAt');
    const backwards = await caught(
      exportSteeringPack(steering, { ...live, asAt: '2026-11-01', since: '2026-11-20' }),
    );
    expect((backwards as unknown as RuleViolationError).fieldErrors).toHaveProperty('since');
    expect(await caught(exportSteeringPack(steering, { ...live, asAt: '2028-01-01' }))).toBeInstanceOf(
      RuleViolationError,
    );
  });

  it('gives a bidder a live pack of its own organisation’s risks only', async () => {
    const ctx = await contextFor(h.db, fx, 'bidderA');
    const pdf = await readPdf(
      (await exportSteeringPack(ctx, { programmeId: fx.tender.id, format: 'pdf' })).body,
    );
    expect(pdf.text).toContain('Alpha pricing');
    expect(pdf.text).not.toContain('Beta pricing');
    expect(pdf.text).toContain('bidder isolation');
    const xlsx = await exportSteeringPack(ctx, { programmeId: fx.tender.id, format: 'xlsx' });
    const pack = await (await fx.as('bidderA')).steering.pack({ programmeId: fx.tender.id });
    expect(pack.scope).toBe('own');
    const wb = await expectWorkbookMatches(xlsx.body, pack);
    expect(sheetObjects(wb.getWorksheet('Top risks')!).map((r) => r.Title)).toEqual(['Alpha pricing']);
  });
});
