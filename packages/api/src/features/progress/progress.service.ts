import { canSeeOrganisation, isPublicPartyRole, jointProgress } from '@baton/domain';
import { listParties, listRisks } from '@baton/db';
import { loadPartyDirectory } from '../../access/naming';
import type { TMemberContext } from '../../context';
import { riskVisibility } from '../risk/risk.access';
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
      { programmeId: member.programmeId, today, visibility, escalated: true, statuses: ['open', 'draft'] },
      { sort: 'score', direction: 'desc', limit: 20 },
    ),
    loadVisiblePlans(db, member, today),
  ]);
  const readiness = readinessOfPlans(loaded, today);
  const programme = loaded.programme!;
  return jointProgress({
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
}
