import { addDays, daysBetween, formatUkDate, type TIsoDate } from '../shared/dates';
import { bandOf, categoryOf, nextReviewDate, type TRiskMatrix, type TTrend } from '../risk/risk.matrix';
import { countsOnBoard, riskReference } from '../risk/risk.rules';
import type { TRag } from '../transition/readiness.rules';
import {
  CHANGE_KINDS,
  classifyChanges,
  countChanges,
  pairRegisters,
  sameState,
  type TChangeKind,
  type TRiskState,
  type TRiskStatePair,
} from './register-changes.rules';
import { recommendationsFor } from './recommendations.rules';
import {
  PACK_FORMAT,
  type TPackChange,
  type TPackDecision,
  type TPackOverdueAction,
  type TPackOverdueReview,
  type TPackPastDecision,
  type TPackRaid,
  type TPackTimeline,
  type TPackProfileMonth,
  type TPackReadiness,
  type TPackRisk,
  type TPackRiskWithTrend,
  type TPackSummary,
  type TSteeringPack,
} from './pack.types';

/** How many risks the "top risks" table shows, and how far ahead a gate counts as a decision needed. */
export const TOP_RISKS = 10;
export const DECISION_HORIZON_DAYS = 56;
const LIST_LIMIT = 50;

/** A risk as the database hands it over: identity, state as at the pack date and at the comparison date. */
export interface TRiskAsAt {
  id: string;
  number: number;
  /** Absent: made from the number (the database hands over numbers; a test may name its own). */
  reference?: string;
  title: string;
  categoryKey: string;
  owner: string | null;
  organisationId: string;
  organisation: string;
  state: TRiskState;
  previous: TRiskState | null;
  lastReviewedOn: TIsoDate | null;
  /** The risk's target score as it stands (absent: unknown, so no closure or tolerance is proposed). */
  targetScore?: number;
}

export interface TGateInput {
  taskId: string;
  transferId: string;
  transferName: string;
  title: string;
  dueDate: TIsoDate;
  criteria: string;
  criteriaMet: boolean;
  owner: string;
}

export interface TAssemblePackInput {
  programme: TSteeringPack['programme'];
  scope: TSteeringPack['scope'];
  asAt: TIsoDate;
  since: TIsoDate;
  sinceLabel: string;
  readinessAsOf: TIsoDate;
  generatedAt: string;
  matrix: TRiskMatrix;
  /** The stored matrix's version (0: the default, never changed). */
  matrixVersion?: number;
  risks: readonly TRiskAsAt[];
  overdueActions: { total: number; items: TPackOverdueAction[] };
  profile: TPackProfileMonth[];
  readiness: TPackReadiness[];
  /** Go/no-go gates not yet passed (the builder picks the ones due within the horizon). */
  openGates: readonly TGateInput[];
  /** Recommendation keys the group answered at earlier meetings: not asked again. */
  answered?: ReadonlySet<string>;
  /** What the group decided at the meeting the pack compares with. */
  lastDecisions?: TPackPastDecision[];
  /** Open issues and meeting actions, read today. */
  raid?: TPackRaid;
  timeline?: TPackTimeline;
}

const byScoreThenNumber = (a: TPackRisk, b: TPackRisk) =>
  b.state.score - a.state.score || a.number - b.number;

export function trendBetween(previous: number | null, score: number): TTrend {
  if (previous === null) return 'new';
  return score > previous ? 'up' : score < previous ? 'down' : 'steady';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The label a paper uses for the comparison date. */
export function sinceLabelFor(since: TIsoDate, meeting: { heldOn: TIsoDate } | null, asAt: TIsoDate): string {
  return meeting && meeting.heldOn === since
    ? `the meeting on ${formatUkDate(since)}`
    : `${formatUkDate(since)} (${plural(daysBetween(since, asAt), 'day')} earlier)`;
}

/** A pack risk while the pack is assembled: with its comparison state and target, which the paper omits. */
type TWorkingRisk = TPackRisk & { previous: TRiskState | null; targetScore: number | null };

/*
 * A pack reads thousands of risks: each is built once, field by field, and the objects the paper keeps are
 * copied out the same way. Spreading or rest-destructuring objects of this size cost more than all the rules
 * together (issue 12).
 */
function toPackRisk(r: TRiskAsAt, matrix: TRiskMatrix): TWorkingRisk {
  return {
    id: r.id,
    number: r.number,
    reference: r.reference ?? riskReference(r.number),
    title: r.title,
    categoryKey: r.categoryKey,
    category: categoryOf(r.categoryKey, matrix)?.label ?? r.categoryKey,
    owner: r.owner,
    organisationId: r.organisationId,
    organisation: r.organisation,
    state: r.state,
    band: bandOf(r.state.score, matrix).key,
    lastReviewedOn: r.lastReviewedOn,
    nextReviewOn: r.lastReviewedOn ? nextReviewDate(r.lastReviewedOn, r.state.score, matrix) : null,
    previous: r.previous,
    targetScore: r.targetScore ?? null,
  };
}

/** The fields of a pack risk the paper keeps, in the paper's order. */
function paperRisk(r: TWorkingRisk): TPackRisk {
  return {
    id: r.id,
    number: r.number,
    reference: r.reference,
    title: r.title,
    categoryKey: r.categoryKey,
    category: r.category,
    owner: r.owner,
    organisationId: r.organisationId,
    organisation: r.organisation,
    state: r.state,
    band: r.band,
    lastReviewedOn: r.lastReviewedOn,
    nextReviewOn: r.nextReviewOn,
  };
}

export function toPackChanges<R extends TPackRisk>(
  pairs: ReadonlyArray<TRiskStatePair<R>>,
): Record<TChangeKind, TPackChange[]> {
  const classified = classifyChanges(pairs);
  return Object.fromEntries(
    CHANGE_KINDS.map((k) => [
      k,
      classified[k]
        .map((p) => ({
          id: p.risk.id,
          reference: p.risk.reference,
          title: p.risk.title,
          organisation: p.risk.organisation,
          from: p.from,
          to: p.to,
          number: p.risk.number,
        }))
        .sort((a, b) => a.number - b.number)
        .map(({ number: _n, ...c }) => c),
    ]),
  ) as Record<TChangeKind, TPackChange[]>;
}

/** The sentences under "Summary" on the paper, every figure taken from the pack itself. */
export function summaryText(
  p: Pick<TSteeringPack, 'summary' | 'bands' | 'sinceLabel' | 'readiness' | 'programme' | 'asAt'>,
): string[] {
  const s = p.summary;
  const top = [...p.bands].sort((a, b) => b.min - a.min)[0];
  const topCount = top ? (s.byBand[top.key] ?? 0) : 0;
  const out: string[] = [];
  out.push(
    `The register holds ${plural(s.liveRisks, 'open risk')}` +
      (top ? `, ${topCount} rated ${top.label.toLowerCase()}` : '') +
      `; ${plural(s.escalated, 'risk is', 'risks are')} escalated` +
      (s.drafts
        ? ` (${plural(s.drafts, 'draft risk awaits', 'draft risks await')} acceptance and ${s.drafts === 1 ? 'is' : 'are'} not counted).`
        : '.'),
  );
  const moved = [
    s.changes.new && `${plural(s.changes.new, 'new risk')} raised`,
    s.changes.rescoredUp && `${s.changes.rescoredUp} re-scored up`,
    s.changes.rescoredDown && `${s.changes.rescoredDown} re-scored down`,
    s.changes.closed && `${s.changes.closed} closed`,
    s.changes.materialised && `${s.changes.materialised} materialised`,
  ].filter(Boolean);
  out.push(
    moved.length
      ? `Since ${p.sinceLabel}: ${moved.join(', ')}.`
      : `Nothing on the register has moved since ${p.sinceLabel}.`,
  );
  out.push(
    s.overdueActions || s.overdueReviews
      ? `${plural(s.overdueActions, 'mitigation action is', 'mitigation actions are')} overdue and ${plural(s.overdueReviews, 'risk review is', 'risk reviews are')} late.`
      : 'No mitigation action is overdue and every risk review is up to date.',
  );
  if (p.readiness.length) {
    const t = s.transfers;
    out.push(
      `Of ${plural(p.readiness.length, 'transfer')}, ${t.red} ${t.red === 1 ? 'is' : 'are'} red, ${t.amber} amber and ${t.green} green for go-live` +
        (s.daysToGoLive !== null && p.programme.expectedServiceCommencement
          ? s.daysToGoLive >= 0
            ? `; service commencement is ${plural(s.daysToGoLive, 'day')} away (${formatUkDate(p.programme.expectedServiceCommencement)}).`
            : `; service commencement was ${formatUkDate(p.programme.expectedServiceCommencement)}.`
          : '.'),
    );
  }
  if (s.decisionsNeeded)
    out.push(`The group is asked to take ${plural(s.decisionsNeeded, 'decision')} (see "Recommendations").`);
  return out;
}

/** Everything a steering group reads, put together from what the database said as at the pack date. */
export function assemblePack(i: TAssemblePackInput, options: { withRegister?: boolean } = {}): TSteeringPack {
  const risks = i.risks.map((r) => toPackRisk(r, i.matrix));
  const live = risks.filter((r) => countsOnBoard(r.state.status));
  const drafts = risks.filter((r) => r.state.status === 'draft').length;
  const withTrend = (r: TWorkingRisk): TPackRiskWithTrend => {
    const risk = paperRisk(r) as TPackRiskWithTrend;
    risk.previousScore = r.previous ? r.previous.score : null;
    risk.trend = trendBetween(risk.previousScore, r.state.score);
    return risk;
  };

  const cells = new Map<string, number>();
  for (const r of live) {
    const k = `${r.state.consequence}x${r.state.likelihood}`;
    cells.set(k, (cells.get(k) ?? 0) + 1);
  }
  const heatMap = [...cells].map(([k, count]) => {
    const [c, l] = k.split('x').map(Number);
    return { consequence: c!, likelihood: l!, count };
  });

  const sorted = [...live].sort(byScoreThenNumber);
  const escalated = sorted.filter((r) => r.state.escalated);
  const overdueReviews: TPackOverdueReview[] = live
    .filter((r) => r.nextReviewOn !== null && r.nextReviewOn < i.asAt)
    .map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      owner: r.owner,
      organisation: r.organisation,
      band: r.band,
      dueOn: r.nextReviewOn!,
      daysOverdue: daysBetween(r.nextReviewOn!, i.asAt),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.reference.localeCompare(b.reference));

  const changed = risks.filter((r) => !r.previous || !sameState(r.previous, r.state));
  const changes = toPackChanges(changed.map((r) => ({ risk: r, from: r.previous, to: r.state })));

  const horizon = addDays(i.asAt, DECISION_HORIZON_DAYS);
  const decisions: TPackDecision[] = i.openGates
    .filter((g) => g.dueDate <= horizon)
    .map((g) => ({ ...g, overdue: g.dueDate < i.asAt }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title));

  const recommendations = recommendationsFor({
    asAt: i.asAt,
    since: i.since,
    matrix: i.matrix,
    risks,
    overdueActions: i.overdueActions.items,
    gates: decisions,
    readiness: i.readiness,
    answered: i.answered ?? new Set(),
  });

  const byBand = Object.fromEntries(i.matrix.bands.map((b) => [b.key, 0]));
  for (const r of live) byBand[r.band] = (byBand[r.band] ?? 0) + 1;
  const transfers: Record<TRag, number> = { red: 0, amber: 0, green: 0 };
  for (const t of i.readiness) transfers[t.rag]++;
  const commencement = i.programme.expectedServiceCommencement;
  const summary: TPackSummary = {
    liveRisks: live.length,
    byBand,
    escalated: escalated.length,
    changes: countChanges(changes),
    overdueActions: i.overdueActions.total,
    overdueReviews: overdueReviews.length,
    transfers,
    daysToGoLive: commencement ? daysBetween(i.asAt, commencement) : null,
    decisionsNeeded: recommendations.length,
    drafts,
  };
  const bands = i.matrix.bands.map(({ key, label, min, max, colour, textColour }) => ({
    key,
    label,
    min,
    max,
    colour,
    textColour,
  }));
  const pack: TSteeringPack = {
    format: PACK_FORMAT,
    programme: i.programme,
    asAt: i.asAt,
    since: i.since,
    sinceLabel: i.sinceLabel,
    readinessAsOf: i.readinessAsOf,
    generatedAt: i.generatedAt,
    scope: i.scope,
    bands,
    escalationThreshold: i.matrix.escalationThreshold,
    matrix: {
      version: i.matrixVersion ?? 0,
      escalationThreshold: i.matrix.escalationThreshold,
      categories: i.matrix.categories.map((c) => ({
        key: c.key,
        label: c.label,
        tolerance: c.tolerance,
        appetite: c.appetite ?? null,
      })),
    },
    summary,
    summaryText: [],
    heatMap,
    topRisks: sorted.slice(0, TOP_RISKS).map(withTrend),
    escalated: escalated.map(withTrend),
    changes,
    overdueActions: i.overdueActions,
    overdueReviews: { total: overdueReviews.length, items: overdueReviews.slice(0, LIST_LIMIT) },
    profile: i.profile,
    readiness: i.readiness,
    decisions,
    recommendations,
    lastDecisions: i.lastDecisions ?? [],
    ...(i.raid ? { raid: i.raid } : {}),
    ...(i.timeline ? { timeline: i.timeline } : {}),
    ...(options.withRegister ? { register: risks.map(paperRisk) } : {}),
  };
  pack.summaryText = summaryText(pack);
  return pack;
}

/**
 * On screen a pack lists at most this many escalated risks and this many of each kind of change, in the
 * pack's own order (highest score first; by reference); the counts stay whole in the summary, and the PDF
 * and spreadsheet list every one. A register of thousands made the screen's answer megabytes long.
 */
export const PACK_SCREEN_LIST = 100;

/** The pack as the screen shows it: the long lists cut to `PACK_SCREEN_LIST`, every figure unchanged. */
export function packForScreen(pack: TSteeringPack): TSteeringPack {
  const changes = Object.fromEntries(
    CHANGE_KINDS.map((k) => [k, (pack.changes[k] ?? []).slice(0, PACK_SCREEN_LIST)]),
  ) as TSteeringPack['changes'];
  return { ...pack, escalated: pack.escalated.slice(0, PACK_SCREEN_LIST), changes };
}

/* ---------- a frozen pack against today ---------- */

export interface TPackComparison {
  then: { asAt: TIsoDate; generatedAt: string };
  now: { asAt: TIsoDate; generatedAt: string };
  changes: Record<TChangeKind, TPackChange[]>;
  figures: Array<{ key: string; label: string; then: number; now: number }>;
  readiness: Array<{
    transferId: string;
    name: string;
    then: TRag | null;
    now: TRag | null;
    reasonsNow: string[];
  }>;
}

/**
 * A snapshot's register against today's, risk by risk: the same change rules as any two meetings, read from
 * what the frozen paper said rather than from history, so later corrections to history cannot rewrite it.
 */
export function comparePacks(then: TSteeringPack, now: TSteeringPack): TPackComparison {
  if (!then.register || !now.register) throw new Error('Both packs need their register to be compared');
  const changes = toPackChanges(pairRegisters(then.register, now.register));
  const fig = (key: string, label: string, f: (p: TSteeringPack) => number) => ({
    key,
    label,
    then: f(then),
    now: f(now),
  });
  const figures = [
    fig('liveRisks', 'Open risks', (p) => p.summary.liveRisks),
    ...now.bands.map((b) => fig(`band:${b.key}`, `${b.label} risks`, (p) => p.summary.byBand[b.key] ?? 0)),
    fig('escalated', 'Escalated risks', (p) => p.summary.escalated),
    fig('overdueActions', 'Overdue mitigation actions', (p) => p.summary.overdueActions),
    fig('overdueReviews', 'Late risk reviews', (p) => p.summary.overdueReviews),
    fig('redTransfers', 'Transfers rated red', (p) => p.summary.transfers.red),
    fig('decisionsNeeded', 'Decisions needed', (p) => p.summary.decisionsNeeded),
  ];
  const ids = [...new Set([...then.readiness, ...now.readiness].map((t) => t.transferId))];
  const readiness = ids.map((id) => {
    const a = then.readiness.find((t) => t.transferId === id);
    const b = now.readiness.find((t) => t.transferId === id);
    return {
      transferId: id,
      name: (b ?? a)!.name,
      then: a?.rag ?? null,
      now: b?.rag ?? null,
      reasonsNow: b?.reasons ?? [],
    };
  });
  return {
    then: { asAt: then.asAt, generatedAt: then.generatedAt },
    now: { asAt: now.asAt, generatedAt: now.generatedAt },
    changes,
    figures,
    readiness,
  };
}
