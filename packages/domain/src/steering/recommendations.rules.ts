import { formatUkDate, type TIsoDate } from '../shared/dates';
import { categoryOf, isTargetAboveTolerance, type TRiskMatrix } from '../risk/risk.matrix';
import { countsOnBoard } from '../risk/risk.rules';
import type { TRiskState } from './register-changes.rules';
import type {
  TPackDecision,
  TPackOverdueAction,
  TPackReadiness,
  TPackRecommendation,
  TRecommendationKind,
} from './pack.types';

/*
 * The decisions a steering pack asks the group to take, built from the data rather than written by hand:
 * - accept the escalation of each risk escalated since the last meeting;
 * - approve (or refuse) a target the category's appetite does not accept;
 * - close a live risk whose current score has reached its target;
 * - re-plan mitigation actions overdue by two weeks or more, risk by risk;
 * - take each go/no-go gate falling due;
 * - record the group's delivery confidence for a transfer with no judgement since the last meeting.
 * A question the group has already answered (agreed, amended or rejected) at an earlier meeting is not asked
 * again; a deferred one is. Each kind is capped so the paper asks for what a meeting can decide.
 */

export const REPLAN_AFTER_DAYS = 14;
export const RECOMMENDATION_CAPS: Record<TRecommendationKind, number> = {
  acceptEscalation: 10,
  approveTolerance: 5,
  closeRisk: 5,
  replanActions: 5,
  goNoGo: 10,
  recordConfidence: 10,
};

export interface TRecommendationRisk {
  id: string;
  reference: string;
  title: string;
  categoryKey: string;
  owner: string | null;
  state: TRiskState;
  previous: TRiskState | null;
  /** Null: not known, so neither closure nor a tolerance is proposed. */
  targetScore: number | null;
}

export interface TRecommendationInput {
  asAt: TIsoDate;
  since: TIsoDate;
  matrix: TRiskMatrix;
  risks: readonly TRecommendationRisk[];
  overdueActions: readonly TPackOverdueAction[];
  gates: readonly TPackDecision[];
  readiness: readonly Pick<TPackReadiness, 'transferId' | 'name' | 'confidence'>[];
  /** Keys answered at earlier meetings (agreed, amended or rejected): not asked again. */
  answered: ReadonlySet<string>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quoted = (t: string) => `‘${t.length > 80 ? `${t.slice(0, 77)}...` : t}’`;

export function recommendationsFor(i: TRecommendationInput): TPackRecommendation[] {
  const out: TPackRecommendation[] = [];
  const add = (kind: TRecommendationKind, items: TPackRecommendation[]) =>
    out.push(...items.filter((r) => !i.answered.has(r.key)).slice(0, RECOMMENDATION_CAPS[kind]));
  const live = i.risks.filter((r) => countsOnBoard(r.state.status));
  const riskSubject = (r: TRecommendationRisk) => ({
    type: 'risk' as const,
    id: r.id,
    reference: r.reference,
  });

  add(
    'acceptEscalation',
    live
      .filter((r) => r.state.escalated && !r.previous?.escalated)
      .sort((a, b) => b.state.score - a.state.score || a.reference.localeCompare(b.reference))
      .map((r) => ({
        key: `acceptEscalation:${r.id}`,
        kind: 'acceptEscalation',
        text: `accept the escalation of ${r.reference} ${quoted(r.title)} and agree its owner's response`,
        why: `Escalated since the last meeting at a score of ${r.state.score}${r.owner ? `; owner ${r.owner}` : ''}.`,
        subject: riskSubject(r),
      })),
  );

  add(
    'approveTolerance',
    live
      .flatMap((r) =>
        r.targetScore !== null && isTargetAboveTolerance(r.targetScore, r.categoryKey, i.matrix)
          ? [{ r, target: r.targetScore, tolerance: categoryOf(r.categoryKey, i.matrix)!.tolerance }]
          : [],
      )
      .sort(
        (a, b) =>
          b.target - b.tolerance - (a.target - a.tolerance) || a.r.reference.localeCompare(b.r.reference),
      )
      .map(({ r, target, tolerance }) => ({
        key: `approveTolerance:${r.id}`,
        kind: 'approveTolerance',
        text: `approve ${r.reference} ${quoted(r.title)} being held at a target score of ${target}, above the ${categoryOf(r.categoryKey, i.matrix)!.label.toLowerCase()} tolerance of ${tolerance}, or ask for further mitigation`,
        why: `The programme's appetite for this category accepts targets up to ${tolerance}.`,
        subject: riskSubject(r),
      })),
  );

  add(
    'closeRisk',
    live
      .filter((r) => r.state.status === 'open' && r.targetScore !== null && r.state.score <= r.targetScore)
      .sort((a, b) => a.state.score - b.state.score || a.reference.localeCompare(b.reference))
      .map((r) => ({
        key: `closeRisk:${r.id}`,
        kind: 'closeRisk',
        text: `close ${r.reference} ${quoted(r.title)}`,
        why: `Its current score (${r.state.score}) has reached its target (${r.targetScore}).`,
        subject: riskSubject(r),
      })),
  );

  const late = new Map<string, { risk: TPackOverdueAction['risk']; actions: TPackOverdueAction[] }>();
  for (const a of i.overdueActions) {
    if (a.daysOverdue < REPLAN_AFTER_DAYS) continue;
    const g = late.get(a.risk.id) ?? { risk: a.risk, actions: [] };
    g.actions.push(a);
    late.set(a.risk.id, g);
  }
  add(
    'replanActions',
    [...late.values()]
      .map((g) => ({ ...g, worst: Math.max(...g.actions.map((a) => a.daysOverdue)) }))
      .sort((a, b) => b.worst - a.worst || a.risk.reference.localeCompare(b.risk.reference))
      .map((g) => ({
        key: `replanActions:${g.risk.id}`,
        kind: 'replanActions',
        text: `agree new dates, or new owners, for ${plural(g.actions.length, 'overdue mitigation action')} on ${g.risk.reference} ${quoted(g.risk.title)}`,
        why: `Overdue by up to ${plural(g.worst, 'day')}.`,
        subject: { type: 'risk' as const, id: g.risk.id, reference: g.risk.reference },
      })),
  );

  add(
    'goNoGo',
    i.gates.map((g) => ({
      key: `goNoGo:${g.taskId}`,
      kind: 'goNoGo',
      text: `take the go/no-go decision ${quoted(g.title)} for ${g.transferName}`,
      why: `Due ${formatUkDate(g.dueDate)}${g.overdue ? ' (overdue)' : ''}; criteria ${g.criteriaMet ? 'met' : 'not yet met'}.`,
      subject: { type: 'task' as const, id: g.taskId, reference: null },
    })),
  );

  add(
    'recordConfidence',
    i.readiness
      .filter((t) => !(t.confidence ?? []).some((c) => c.kind === 'commissioner' && c.assessedOn > i.since))
      .map((t) => {
        const last = (t.confidence ?? [])
          .filter((c) => c.kind === 'commissioner')
          .sort((a, b) => b.assessedOn.localeCompare(a.assessedOn))[0];
        return {
          key: `recordConfidence:${t.transferId}:${i.asAt}`,
          kind: 'recordConfidence',
          text: `record its delivery confidence for ${t.name}`,
          why: last
            ? `Last recorded ${last.label} on ${formatUkDate(last.assessedOn)}.`
            : 'No delivery confidence has been recorded for this transfer.',
          subject: { type: 'transfer' as const, id: t.transferId, reference: null },
        };
      }),
  );
  return out;
}

/** The outcomes that change the underlying item: an agreed closure closes the risk. */
export const closesRisk = (kind: TRecommendationKind, outcome: string) =>
  kind === 'closeRisk' && (outcome === 'agreed' || outcome === 'amended');
