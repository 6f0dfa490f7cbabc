import {
  closesRisk,
  NotFoundError,
  raidReference,
  RAID_STATUS_LABELS,
  riskReference,
  RuleViolationError,
  type TPackRecommendation,
} from '@baton/domain';
import {
  findDecisionFor,
  findRiskMatrix,
  listRaidItems,
  updateRisk,
  type Executor,
  type TMeetingRow,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { presentRaid } from '../raid/raid.access';
import { insertRaid, updateRaidWith } from '../raid/raid.service';
import { riskAuditAudience, visibleRisk } from '../risk/risk.access';
import { fieldsOf as riskFieldsOf, resolveRiskWrite } from '../risk/risk.write';
import { buildPack } from '../steering/steering.pack';
import { visibleMeeting } from './meeting.access';
import { readFrozenPack } from './meeting.snapshot';

/*
 * In the meeting the chair records the group's answer to each recommendation of its pack (agreed, amended,
 * deferred, rejected) with a note. Each answer is a decision in the decision log, linked to the meeting and
 * the recommendation; an agreed closure closes the risk, audited as the group's decision. The next pack
 * reports what was decided and does not ask again.
 */

/** The recommendations of a meeting's pack: the frozen one's, or the pack as at the meeting date. */
async function recommendationsOf(
  db: Executor,
  member: TMember,
  meeting: TMeetingRow,
  today: string,
): Promise<TPackRecommendation[]> {
  if (meeting.snapshot) {
    const { pack } = await readFrozenPack(db, member, meeting.id);
    return pack.recommendations ?? [];
  }
  const asAt = meeting.heldOn < today ? meeting.heldOn : today;
  // Recommendations do not read the profile or the go-live simulation: leave out the dear parts.
  const pack = await buildPack(db, member, { asAt, today, withProfile: false, withGoLiveConfidence: false });
  return pack.recommendations ?? [];
}

export async function meetingRecommendations(ctx: TMemberContext, meetingId: string) {
  const { db, member } = ctx;
  const meeting = await visibleMeeting(db, member, meetingId);
  const [recommendations, decisions] = await Promise.all([
    recommendationsOf(db, member, meeting, ctx.today()),
    listRaidItems(db, member.programmeId, member.visibility, { kind: 'decision', meetingId }),
  ]);
  return {
    frozen: meeting.snapshot !== null,
    recommendations,
    // The group's outcomes on the paper's recommendations; other decisions taken at the meeting (a gateway's
    // recommendation, one recorded by hand) are on the RAID log with the meeting named.
    decisions: decisions
      .filter((d) => d.recommendationKey !== null)
      .sort((a, b) => a.number - b.number)
      .map((d) => presentRaid(member, d)),
  };
}

const sentence = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

export function recordOutcome(
  ctx: TMemberContext,
  input: {
    meetingId: string;
    key: string;
    outcome: 'agreed' | 'amended' | 'deferred' | 'rejected';
    note: string;
    version?: number | undefined;
  },
) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const today = ctx.today();
    const meeting = await visibleMeeting(w.trx, member, input.meetingId);
    if (meeting.heldOn > today)
      throw new RuleViolationError('Outcomes are recorded at or after the meeting, not before it.', {
        outcome: [`The meeting is on ${meeting.heldOn}`],
      });
    if (input.outcome === 'amended' && !input.note.trim())
      throw new RuleViolationError('Say how the group amended the recommendation.', {
        note: ['Describe the amendment'],
      });
    const recs = await recommendationsOf(w.trx, member, meeting, today);
    const rec = recs.find((r) => r.key === input.key);
    const existing = await findDecisionFor(w.trx, meeting.id, input.key);
    if (!rec && !existing) throw new NotFoundError("That recommendation is not in this meeting's pack.");

    let decision;
    if (existing) {
      if (input.version === undefined)
        throw new RuleViolationError('This outcome was already recorded: reload to see it, then change it.', {
          version: ['Name the version of the recorded outcome'],
        });
      decision = await updateRaidWith(
        w,
        ctx,
        existing,
        input.version,
        { status: input.outcome, resolution: input.note, closedOn: meeting.heldOn },
        `${raidReference('decision', existing.number)}: outcome changed to ${RAID_STATUS_LABELS[input.outcome].toLowerCase()} at “${meeting.title}”`,
        { asTheGroup: true },
      );
    } else {
      decision = await insertRaid(
        w,
        ctx,
        'decision',
        {
          title: sentence(rec!.text),
          description: rec!.why,
          owningOrganisationId: member.organisationId,
          ownerUserId: null,
          status: input.outcome,
          priority: null,
          impact: '',
          resolution: input.note,
          raisedOn: meeting.heldOn,
          dueOn: null,
          closedOn: meeting.heldOn,
          riskId: rec!.subject.type === 'risk' ? rec!.subject.id : null,
          meetingId: meeting.id,
          decidedBy: meeting.title,
        },
        {
          recommendationKey: rec!.key,
          summary: `Decision recorded at “${meeting.title}”: ${RAID_STATUS_LABELS[input.outcome].toLowerCase()}: ${sentence(rec!.text)}`,
        },
      );
    }

    // An agreed closure closes the risk, as the group's decision (whoever's risk it is).
    let riskClosed = false;
    const kind = rec?.kind ?? (input.key.split(':')[0] as TPackRecommendation['kind']);
    if (closesRisk(kind, input.outcome) && decision.risk) {
      const risk = await visibleRisk(w.trx, member, decision.risk.id);
      if (risk.status === 'open' || risk.status === 'draft') {
        const { matrix } = await findRiskMatrix(w.trx, member.programmeId);
        const write = await resolveRiskWrite(
          w.trx,
          member,
          { ...riskFieldsOf(risk), status: 'closed' },
          matrix,
        );
        const ref = raidReference('decision', decision.number);
        const after = await updateRisk(w.trx, risk, write, {
          version: risk.version,
          history: {
            effectiveOn: today,
            recordedBy: ctx.user.id,
            kind: 'edit',
            note: `Closed by the group's decision ${ref} at “${meeting.title}”`,
          },
        });
        await w.audit({
          entityType: 'risk',
          entityId: risk.id,
          action: 'update',
          organisationId: risk.owningOrganisation.id,
          audience: riskAuditAudience(risk),
          summary: `${riskReference(risk.number)} closed by the group's decision ${ref}`,
          before: risk,
          after,
        });
        riskClosed = true;
      }
    }
    return { decision: presentRaid(member, decision), riskClosed };
  });
}
