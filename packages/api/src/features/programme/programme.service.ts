import {
  capabilitiesOf,
  countdownTo,
  ForbiddenError,
  isAllowedStageChange,
  keyDatesOf,
  PROGRAMME_STAGE_LABELS,
  READ_ONLY_CAPABILITIES,
  RuleViolationError,
  visibilityFor,
  type TCreateProgrammeInput,
  type TGovernanceInput,
  type TProgrammeSecurityInput,
  type TUpdateProgrammeInput,
} from '@baton/domain';
import {
  countMembers,
  findProgramme,
  insertMembership,
  insertProgramme,
  listLots,
  listParties,
  listProgrammesForUser,
  programmeCodeTaken,
  updateProgramme,
  updateProgrammeGovernance,
  updateProgrammeSecurity,
  type TSessionMethod,
} from '@baton/db';
import { loadPartyDirectory } from '../../access/naming';
import type { TMemberContext, TUserContext } from '../../context';
import { mutation } from '../../mutation';
import { canSeeParty, programmeAuditAudience } from './programme.access';

export async function myProgrammes(ctx: TUserContext) {
  const today = ctx.today();
  const rows = await listProgrammesForUser(ctx.db, ctx.user.id);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    code: p.code,
    stage: p.stage,
    procurementRoute: p.procurementRoute,
    expectedServiceCommencement: p.expectedServiceCommencement,
    status: p.status,
    retainUntil: p.retainUntil,
    role: p.role,
    /** The caller's organisation is only a bidder here: it sees its own rows and nobody else's. */
    isolated: visibilityFor(p.memberOrganisationId, p.organisationPartyRoles).kind === 'own',
    countdown: countdownTo(p.expectedServiceCommencement, today),
  }));
}

export async function programmeOverview(ctx: TMemberContext) {
  const { db, member } = ctx;
  const [programme, lots, parties, directory, memberCount] = await Promise.all([
    findProgramme(db, member.programmeId),
    listLots(db, member.programmeId),
    listParties(db, member.programmeId),
    loadPartyDirectory(db, member.programmeId),
    countMembers(db, member.programmeId, member.visibility),
  ]);
  const today = ctx.today();
  return {
    programme: programme!,
    me: {
      role: member.role,
      // A closed programme is read-only: the screens offer only what the server will still allow.
      capabilities: capabilitiesOf(member.role).filter(
        (c) => programme!.status === 'open' || READ_ONLY_CAPABILITIES.has(c),
      ),
      organisationId: member.organisationId,
      visibility: member.visibility,
    },
    lots,
    parties: parties
      .filter((p) => canSeeParty(member, directory, p))
      .map(({ id, role, lotId, organisation }) => ({ id, role, lotId, organisation })),
    keyDates: keyDatesOf(programme!, today),
    countdown: countdownTo(programme!.expectedServiceCommencement, today),
    memberCount,
  };
}

export function createProgramme(ctx: TUserContext, input: TCreateProgrammeInput) {
  if (!ctx.user.isSystemAdmin) throw new ForbiddenError('Only system administrators can create programmes.');
  return mutation(ctx, async ({ trx, audit }) => {
    if (await programmeCodeTaken(trx, input.code)) {
      throw new RuleViolationError('That programme code is already in use.', {
        code: ['Choose another code'],
      });
    }
    const p = await insertProgramme(trx, input);
    await insertMembership(trx, { programmeId: p.id, userId: ctx.user.id, role: 'programme_admin' });
    await audit({
      programmeId: p.id,
      entityType: 'programme',
      entityId: p.id,
      action: 'create',
      audience: programmeAuditAudience,
      summary: `Created programme ${p.name}`,
      after: p,
    });
    return { id: p.id };
  });
}

export function updateProgrammeDetails(ctx: TMemberContext, input: TUpdateProgrammeInput) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = (await findProgramme(trx, ctx.member.programmeId))!;
    expectVersion(before, input.version, 'programme');
    if (!isAllowedStageChange(before.stage, input.stage)) {
      throw new RuleViolationError(
        `A programme cannot move back from ${PROGRAMME_STAGE_LABELS[before.stage]} to ${PROGRAMME_STAGE_LABELS[input.stage]}.`,
        { stage: ['Stages only move forward, or back one step to correct a mistake'] },
      );
    }
    if (await programmeCodeTaken(trx, input.code, input.programmeId)) {
      throw new RuleViolationError('That programme code is already in use.', {
        code: ['Choose another code'],
      });
    }
    const after = await updateProgramme(trx, input);
    await audit({
      entityType: 'programme',
      entityId: after.id,
      action: 'update',
      audience: programmeAuditAudience,
      summary: `Updated programme details`,
      before,
      after,
    });
    return after;
  });
}

/** Where the programme's papers go and how they are marked: versioned and audited like any change. */
export function updateGovernance(ctx: TMemberContext, input: TGovernanceInput) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = (await findProgramme(trx, ctx.member.programmeId))!;
    expectVersion(before, input.version, 'programme');
    const after = await updateProgrammeGovernance(trx, input);
    await audit({
      entityType: 'programme',
      entityId: after.id,
      action: 'update',
      audience: programmeAuditAudience,
      summary: `Papers go to ${after.governanceGroupName ?? 'the group named from the stage'}, marked ${after.protectiveMarking}`,
      before,
      after,
    });
    return after;
  });
}

/**
 * Requires (or stops requiring) a second factor of every member who signs in with a password. The admin
 * turning it on must have proved one in this session (or signed in through their organisation), so the
 * setting never locks out the person setting it.
 */
export function updateSecurity(
  ctx: TMemberContext,
  input: TProgrammeSecurityInput,
  sessionMethod: TSessionMethod,
) {
  if (input.requireSecondFactor && sessionMethod === 'password')
    throw new ForbiddenError(
      'Set up your own second factor first (Your account, then Security), then turn this on: it would otherwise lock you out too.',
    );
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = (await findProgramme(trx, ctx.member.programmeId))!;
    expectVersion(before, input.version, 'programme');
    const after = await updateProgrammeSecurity(trx, input);
    await audit({
      entityType: 'programme',
      entityId: after.id,
      action: 'update',
      audience: programmeAuditAudience,
      summary: after.requireSecondFactor
        ? 'Members who sign in with a password must now use a second factor'
        : 'A second factor is no longer required of members who sign in with a password',
      before,
      after,
    });
    return after;
  });
}
