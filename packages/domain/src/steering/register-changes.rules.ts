import { isLive } from '../risk/risk.rules';
import type { TRiskStatus } from '../risk/risk.schema';

/** A risk's position on one date: what the register said about it then. */
export interface TRiskState {
  consequence: number;
  likelihood: number;
  score: number;
  status: TRiskStatus;
  escalated: boolean;
}

/** What the change rules look at: the score, the status and whether the risk is escalated. */
export type TRiskMovement = Pick<TRiskState, 'score' | 'status' | 'escalated'>;

/** One risk's state at both ends of a window (`from` null: the risk did not exist at the start). */
export interface TRiskStatePair<R, S extends TRiskMovement = TRiskState> {
  risk: R;
  from: S | null;
  to: S;
}

export const CHANGE_KINDS = [
  'new',
  'rescoredUp',
  'rescoredDown',
  'escalated',
  'deescalated',
  'closed',
  'materialised',
  'reopened',
] as const;
export type TChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<TChangeKind, string> = {
  new: 'New risks',
  rescoredUp: 'Re-scored up',
  rescoredDown: 'Re-scored down',
  escalated: 'Escalated',
  deescalated: 'De-escalated',
  closed: 'Closed',
  materialised: 'Materialised (now issues)',
  reopened: 'Re-opened',
};

export type TRegisterChanges<R, S extends TRiskMovement = TRiskState> = Record<
  TChangeKind,
  Array<TRiskStatePair<R, S>>
>;

/**
 * What a steering group asks of a register between two meetings, one rule for every screen and paper: new,
 * re-scored up or down, escalated or de-escalated, closed, materialised, re-opened. A risk can sit in several
 * lists (new and escalated; re-scored up and escalated). Pairs whose two states are equal are ignored.
 */
export function classifyChanges<R, S extends TRiskMovement = TRiskState>(
  pairs: ReadonlyArray<TRiskStatePair<R, S>>,
): TRegisterChanges<R, S> {
  const out = Object.fromEntries(CHANGE_KINDS.map((k) => [k, []])) as unknown as TRegisterChanges<R, S>;
  for (const p of pairs) {
    const { from, to } = p;
    if (!from) {
      out.new.push(p);
      if (to.escalated) out.escalated.push(p);
      if (to.status === 'materialised') out.materialised.push(p);
      continue;
    }
    if (to.score > from.score) out.rescoredUp.push(p);
    if (to.score < from.score) out.rescoredDown.push(p);
    if (to.escalated && !from.escalated) out.escalated.push(p);
    if (!to.escalated && from.escalated) out.deescalated.push(p);
    if (to.status === 'closed' && from.status !== 'closed') out.closed.push(p);
    if (to.status === 'materialised' && from.status !== 'materialised') out.materialised.push(p);
    if (isLive(to.status) && !isLive(from.status)) out.reopened.push(p);
  }
  return out;
}

/**
 * Two registers (say, the one frozen for last month's meeting and today's) paired up by risk id. Risks absent
 * from `before` come out as new; risks absent from `after` cannot happen (risks are closed, never deleted)
 * and are ignored.
 */
export function pairRegisters<R extends { id: string; state: TRiskState }>(
  before: readonly R[],
  after: readonly R[],
): Array<TRiskStatePair<R>> {
  const then = new Map(before.map((r) => [r.id, r.state]));
  return after
    .map((r) => ({ risk: r, from: then.get(r.id) ?? null, to: r.state }))
    .filter((p) => !p.from || !sameState(p.from, p.to));
}

export function sameState(a: TRiskState, b: TRiskState): boolean {
  return (
    a.score === b.score &&
    a.consequence === b.consequence &&
    a.likelihood === b.likelihood &&
    a.status === b.status &&
    a.escalated === b.escalated
  );
}

export function countChanges(c: Record<TChangeKind, readonly unknown[]>): Record<TChangeKind, number> {
  return Object.fromEntries(CHANGE_KINDS.map((k) => [k, c[k].length])) as Record<TChangeKind, number>;
}
