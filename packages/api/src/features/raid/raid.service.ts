import {
  bandOf,
  isRaidOpen,
  RAID_KIND_LABELS,
  RAID_STATUSES,
  raidProblems,
  raidReference,
  riskReference,
  RuleViolationError,
  ZRaidFields,
  type TCreateRaidInput,
  type TRaidKind,
  type TRaidListInput,
  type TRaidPriority,
  type TRiskMatrix,
  type TUpdateRaidInput,
} from '@baton/domain';
import {
  findRaidItem,
  findRiskMatrix,
  insertRaidItem,
  listAuditEvents,
  listRaidItems,
  updateRaidItem,
  updateRisk,
  type Executor,
  type TRaidRow,
  type TRaidWrite,
} from '@baton/db';
import type { TMember } from '../../access/membership';
import type { TMemberContext } from '../../context';
import { mutation, type TWrite } from '../../mutation';
import { notifyRaidAssigned } from '../notification/notify';
import { definedOnly, parseMerged } from '../../validation';
import { visibleMeeting } from '../meeting/meeting.access';
import { assertCanEditRisk, riskAuditAudience, visibleRisk } from '../risk/risk.access';
import { fieldsOf as riskFieldsOf, resolveRiskWrite } from '../risk/risk.write';
import {
  assertCanEditRaid,
  assertMayNameMeeting,
  presentRaid,
  raidAuditAudience,
  raidNaming,
  visibleRaid,
} from './raid.access';

/* The RAID log: issues, assumptions, decisions and meeting actions, with the risk register's rules. */

export async function listRaid(ctx: TMemberContext, input: TRaidListInput) {
  const { db, member } = ctx;
  const items = await listRaidItems(db, member.programmeId, member.visibility, {
    kind: input.kind,
    search: input.search?.trim() || undefined,
    statuses: input.state === 'open' ? ['open', 'in_progress'] : undefined,
  });
  return items.map((i) => presentRaid(member, i));
}

export async function getRaid(ctx: TMemberContext, raidId: string) {
  const { db, member } = ctx;
  const item = await visibleRaid(db, member, raidId);
  const audit = await listAuditEvents(db, {
    programmeId: member.programmeId,
    entityId: item.id,
    limit: 100,
    visibility: member.visibility,
  });
  return { item: presentRaid(member, item), audit: audit.items };
}

type TFields = ReturnType<typeof fieldsOf>;
const fieldsOf = (i: TRaidRow) => ({
  title: i.title,
  description: i.description,
  owningOrganisationId: i.owningOrganisation.id,
  ownerUserId: i.owner?.id ?? null,
  status: i.status,
  priority: i.priority,
  impact: i.impact,
  resolution: i.resolution,
  raisedOn: i.raisedOn,
  dueOn: i.dueOn,
  closedOn: i.closedOn,
  riskId: i.risk?.id ?? null,
  meetingId: i.meeting?.id ?? null,
  decidedBy: i.decidedBy,
});

/**
 * Everything a write must satisfy beyond its shape: the kind's life cycle and dates, the caller may change
 * the owning organisation's items, and the risk, meeting and owner it names are visible to whoever sees it.
 * A finished item gets today as its closing date unless one is given; a reopened one loses it.
 */
async function resolveWrite(
  db: Executor,
  member: TMember,
  kind: TRaidKind,
  f: Omit<TFields, 'status' | 'raisedOn'> & {
    status?: TFields['status'] | undefined;
    raisedOn?: string | undefined;
  },
  today: string,
  options: { asTheGroup?: boolean } = {},
): Promise<TRaidWrite> {
  const status = f.status ?? RAID_STATUSES[kind][0];
  const raisedOn = f.raisedOn ?? today;
  const closedOn = isRaidOpen(status) ? null : (f.closedOn ?? (raisedOn > today ? raisedOn : today));
  const problems = raidProblems(kind, { ...f, status, raisedOn, closedOn }, today);
  if (isRaidOpen(status) && f.closedOn)
    problems.closedOn = ['An open item has no closing date: change its status, or clear the date'];
  if (Object.keys(problems).length)
    throw new RuleViolationError('Some of the values need correcting.', problems);
  if (!options.asTheGroup) assertCanEditRaid(member, f.owningOrganisationId);
  assertMayNameMeeting(member, f.meetingId);
  if (f.meetingId) await visibleMeeting(db, member, f.meetingId);
  const risk = f.riskId ? await visibleRisk(db, member, f.riskId) : null;
  await raidNaming(db, member, f, risk ? { owningOrganisationId: risk.owningOrganisation.id } : null).check();
  return { ...f, status, raisedOn, closedOn };
}

/**
 * What the audit trail keeps of an item: its own fields, and only the ids of the risk and meeting it names (a
 * meeting's title is no bidder's business, and a risk may later move to an organisation the reader cannot see).
 */
const audited = (i: TRaidRow) => ({
  ...i,
  risk: i.risk && { id: i.risk.id },
  meeting: i.meeting && { id: i.meeting.id },
});

const event = (i: TRaidRow, action: 'create' | 'update', summary: string, before?: TRaidRow) => ({
  entityType: 'raid',
  entityId: i.id,
  action,
  organisationId: i.owningOrganisation.id,
  // Whoever could see it before a change of owner may read that it moved away.
  audience: before
    ? { kind: 'owners' as const, organisationIds: [before.owningOrganisation.id, i.owningOrganisation.id] }
    : raidAuditAudience(i),
  summary,
  before: before && audited(before),
  after: audited(i),
});

const label = (i: Pick<TRaidRow, 'kind' | 'number'>) =>
  `${RAID_KIND_LABELS[i.kind].one} ${raidReference(i.kind, i.number)}`;

export async function insertRaid(
  w: TWrite,
  ctx: TMemberContext,
  kind: TRaidKind,
  fields: Parameters<typeof resolveWrite>[3],
  extra: { recommendationKey?: string; gatewayId?: string; summary?: string; asTheGroup?: boolean } = {},
) {
  const write = await resolveWrite(w.trx, ctx.member, kind, fields, ctx.today(), {
    asTheGroup: extra.asTheGroup ?? false,
  });
  const item = await insertRaidItem(
    w.trx,
    ctx.member.programmeId,
    kind,
    { ...write, recommendationKey: extra.recommendationKey ?? null, gatewayId: extra.gatewayId ?? null },
    ctx.user.id,
  );
  await w.audit(event(item, 'create', extra.summary ?? `${label(item)} raised: “${item.title}”`));
  await notifyRaidAssigned(w.trx, { actor: ctx.user, before: null, after: item });
  return item;
}

export function createRaid(ctx: TMemberContext, input: TCreateRaidInput) {
  return mutation(ctx, async (w) => {
    const { programmeId: _p, kind, ...fields } = input;
    return presentRaid(ctx.member, await insertRaid(w, ctx, kind, fields));
  });
}

export async function updateRaidWith(
  w: TWrite,
  ctx: TMemberContext,
  before: TRaidRow,
  version: number,
  patch: Partial<TFields>,
  summary?: string,
  /** The group's own decision record, changed by whoever records its meetings (meetings.manage). */
  options: { asTheGroup?: boolean } = {},
) {
  const { member } = ctx;
  if (!options.asTheGroup) assertCanEditRaid(member, before.owningOrganisation.id);
  w.expectVersion(before, version, 'item');
  const defined = definedOnly(patch);
  // A reopened item drops its closing date unless a new one is given with it.
  const next = { ...fieldsOf(before), ...defined };
  if (defined.status && isRaidOpen(defined.status) && defined.closedOn === undefined) next.closedOn = null;
  const merged = parseMerged(ZRaidFields, next);
  const write = await resolveWrite(w.trx, member, before.kind, merged, ctx.today(), options);
  const after = await updateRaidItem(w.trx, before, write, version);
  await notifyRaidAssigned(w.trx, { actor: ctx.user, before, after });
  await w.audit(
    event(
      after,
      'update',
      summary ?? `${label(after)} updated (${Object.keys(defined).join(', ') || 'no fields'})`,
      before,
    ),
  );
  return after;
}

export function updateRaid(ctx: TMemberContext, input: TUpdateRaidInput) {
  return mutation(ctx, async (w) => {
    const before = await visibleRaid(w.trx, ctx.member, input.raidId);
    const { programmeId: _p, raidId: _r, version, ...patch } = input;
    return presentRaid(ctx.member, await updateRaidWith(w, ctx, before, version, patch));
  });
}

/** The priority an issue takes from the risk it came from: the top band is critical, the next high... */
export function priorityFromScore(score: number, matrix: TRiskMatrix): TRaidPriority {
  const bands = [...matrix.bands].sort((a, b) => b.min - a.min);
  const rank = bands.findIndex((b) => b.key === bandOf(score, matrix).key);
  return (['critical', 'high', 'medium'] as const)[rank] ?? 'low';
}

/**
 * A risk that has happened becomes an issue: the risk is marked materialised (if it is not already) and an
 * issue is raised in the same organisation, linked to it, with the risk's owner and a priority from its score.
 */
export function raiseIssueFromRisk(
  ctx: TMemberContext,
  input: { riskId: string; version: number; impact?: string | undefined; dueOn?: string | null | undefined },
) {
  const { member } = ctx;
  return mutation(ctx, async (w) => {
    const today = ctx.today();
    const risk = await visibleRisk(w.trx, member, input.riskId);
    assertCanEditRisk(member, risk.owningOrganisation.id);
    w.expectVersion(risk, input.version, 'risk');
    const existing = await listRaidItems(
      w.trx,
      member.programmeId,
      { kind: 'all' },
      {
        kind: 'issue',
        riskId: risk.id,
        statuses: ['open', 'in_progress'],
      },
    );
    if (existing[0])
      throw new RuleViolationError(
        `${raidReference('issue', existing[0].number)} already tracks this risk as an open issue.`,
        { riskId: ['Already an open issue'] },
      );
    const { matrix } = await findRiskMatrix(w.trx, member.programmeId);
    let current = risk;
    if (risk.status !== 'materialised') {
      const write = await resolveRiskWrite(
        w.trx,
        member,
        { ...riskFieldsOf(risk), status: 'materialised' },
        matrix,
      );
      current = await updateRisk(w.trx, risk, write, {
        version: input.version,
        history: {
          effectiveOn: today,
          recordedBy: ctx.user.id,
          kind: 'edit',
          note: 'Materialised: raised as an issue',
        },
      });
      await w.audit({
        entityType: 'risk',
        entityId: risk.id,
        action: 'update',
        organisationId: risk.owningOrganisation.id,
        audience: riskAuditAudience(risk),
        summary: `${riskReference(risk.number)} materialised and raised as an issue`,
        before: risk,
        after: current,
      });
    }
    const issue = await insertRaid(
      w,
      ctx,
      'issue',
      {
        title: risk.title,
        description: [risk.event, risk.effect].filter(Boolean).join('\n\n'),
        owningOrganisationId: risk.owningOrganisation.id,
        ownerUserId: risk.owner?.id ?? null,
        priority: priorityFromScore(risk.current.score, matrix),
        impact: input.impact ?? risk.effect ?? '',
        resolution: '',
        dueOn: input.dueOn ?? null,
        closedOn: null,
        riskId: risk.id,
        meetingId: null,
        decidedBy: '',
      },
      { summary: `${riskReference(risk.number)} materialised: raised as an issue` },
    );
    return { issue: presentRaid(member, issue), riskVersion: current.version };
  });
}

export const raidById = (db: Executor, programmeId: string, id: string) => findRaidItem(db, programmeId, id);
