import { BOARD_STATUSES, canSeeOrganisation, isPublicPartyRole, jointProgress } from '@baton/domain';
import { listParties, listRisks } from '@baton/db';
import { loadPartyDirectory } from '../../access/naming';
import type { TMemberContext } from '../../context';
import { riskVisibility } from '../risk/risk.access';
import { PACK_ITERATIONS } from '../steering/steering.pack';
import { goLiveConfidence } from '../transition/go-live-confidence.service';
import { loadVisiblePlans, readinessOfPlans } from '../transition/plan.service';

/**
 * Joint progress towards go-live, read-only, over what the caller's organisation may see; the view itself
 * is the domain's `jointProgress` rule.
 */
export async function jointProgressFor(ctx: TMemberContext) {
  const { db, member } = ctx;
  const today = ctx.today();
  const visibility = riskVisibility(member);
  const [parties, directory, escalated, loaded] = await Promise.all([
    listParties(db, member.programmeId),
    loadPartyDirectory(db, member.programmeId),
    listRisks(
      db,
      { programmeId: member.programmeId, today, visibility, escalated: true, statuses: [...BOARD_STATUSES] },
      { sort: 'score', direction: 'desc', limit: 20 },
    ),
    loadVisiblePlans(db, member, today),
  ]);
  const readiness = readinessOfPlans(loaded, today);
  const confidence = await goLiveConfidence(db, member, loaded, today, { iterations: PACK_ITERATIONS });
  const programme = loaded.programme!;
  const view = jointProgress({
    today,
    scope: visibility.kind,
    programme,
    parties: parties.filter(
      (p) => isPublicPartyRole(p.role) || canSeeOrganisation(member.visibility, directory, p.organisation.id),
    ),
    plans: loaded.plans,
    readiness: readiness.map((r) => ({
      transferId: r.transfer.id,
      forecastGoLive: r.forecastGoLive,
      countdownDays: r.countdownDays,
      percentComplete: r.percentComplete,
      rag: r.readiness.overall.rag,
      reasons: r.readiness.overall.reasons,
      openConditions: r.openConditions.length,
    })),
    escalatedRisks: escalated.items.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      score: r.current.score,
      owningOrganisation: r.owningOrganisation,
      owner: r.owner,
    })),
  });
  const extra = new Map(readiness.map((r) => [r.transfer.id, r]));
  return {
    ...view,
    readiness: view.readiness.map((r) => ({
      ...r,
      marginDays: extra.get(r.transferId)!.marginDays,
      confidence: extra.get(r.transferId)!.confidence,
      goLive: (() => {
        const c = confidence.get(r.transferId);
        return c ? { p50: c.p50, p80: c.p80, p90: c.p90, probabilityOnTime: c.probabilityOnTime } : null;
      })(),
    })),
  };
}
