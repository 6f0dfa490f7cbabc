import {
  closeProblem,
  deletionConfirmProblem,
  deletionRequestProblem,
  ForbiddenError,
  formatUkDate,
  NotFoundError,
  RuleViolationError,
  type TCloseProgrammeInput,
  type TDeletionStepInput,
} from '@baton/domain';
import {
  closeProgramme,
  deleteProgramme,
  findMembershipOfUser,
  findProgramme,
  programmeRowCounts,
  reopenProgramme,
  setDeletionRequest,
  type Executor,
  type TProgrammeRow,
} from '@baton/db';
import { PROGRAMME_NOT_FOUND } from '../../access/membership';
import type { TMemberContext, TUserContext } from '../../context';
import { mutation } from '../../mutation';
import { deleteProgrammeContent } from '../document/document.store';
import { programmeAuditAudience } from './programme.access';

/*
 * Closing a programme (read-only, records kept until a date), reopening it, and deleting it after that date
 * in two steps by two people. Every step is in the audit trail; the deletion's own record outlives the
 * programme (it belongs to no programme).
 */

const confirmCode = (p: TProgrammeRow, typed: string) => {
  if (typed.trim().toUpperCase() !== p.code.toUpperCase())
    throw new RuleViolationError('Type the programme’s code exactly to confirm.', {
      confirmCode: [`Type ${p.code}`],
    });
};

const refuse = (problem: string | null, field?: string) => {
  if (problem) throw new RuleViolationError(problem, field ? { [field]: [problem] } : {});
};

async function current(db: Executor, programmeId: string) {
  const p = await findProgramme(db, programmeId);
  if (!p) throw new NotFoundError(PROGRAMME_NOT_FOUND);
  return p;
}

export function closeTheProgramme(ctx: TMemberContext, input: TCloseProgrammeInput) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await current(trx, ctx.member.programmeId);
    expectVersion(before, input.version, 'programme');
    refuse(closeProblem(before, input.retainUntil, ctx.today()), 'retainUntil');
    const after = await closeProgramme(trx, {
      programmeId: before.id,
      version: input.version,
      closedBy: ctx.user.id,
      retainUntil: input.retainUntil,
      reason: input.reason,
    });
    await audit({
      entityType: 'programme',
      entityId: after.id,
      action: 'update',
      audience: programmeAuditAudience,
      summary: `Closed the programme: read-only, records kept until ${formatUkDate(input.retainUntil)}${input.reason ? ` (${input.reason})` : ''}`,
      before,
      after,
    });
    return after;
  });
}

export function reopenTheProgramme(ctx: TMemberContext, input: { version: number }) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await current(trx, ctx.member.programmeId);
    expectVersion(before, input.version, 'programme');
    if (before.status !== 'closed') refuse('This programme is open already.');
    if (before.deletionRequestedAt) refuse('Its deletion has been asked for: withdraw that first.');
    const after = await reopenProgramme(trx, { programmeId: before.id, version: input.version });
    await audit({
      entityType: 'programme',
      entityId: after.id,
      action: 'update',
      audience: programmeAuditAudience,
      summary: 'Reopened the programme: its records can be changed again',
      before,
      after,
    });
    return after;
  });
}

export function requestDeletion(ctx: TMemberContext, input: TDeletionStepInput) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await current(trx, ctx.member.programmeId);
    expectVersion(before, input.version, 'programme');
    confirmCode(before, input.confirmCode);
    refuse(deletionRequestProblem(before, ctx.today()));
    const after = await setDeletionRequest(trx, {
      programmeId: before.id,
      version: input.version,
      requestedBy: ctx.user.id,
    });
    await audit({
      entityType: 'programme',
      entityId: after.id,
      action: 'update',
      audience: programmeAuditAudience,
      summary:
        'Asked for the programme to be deleted (its retention date has passed); another admin must confirm',
      before,
      after,
    });
    return after;
  });
}

export function withdrawDeletion(ctx: TMemberContext, input: { version: number }) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await current(trx, ctx.member.programmeId);
    expectVersion(before, input.version, 'programme');
    if (!before.deletionRequestedAt) refuse('Nobody has asked for this programme to be deleted.');
    const after = await setDeletionRequest(trx, {
      programmeId: before.id,
      version: input.version,
      requestedBy: null,
    });
    await audit({
      entityType: 'programme',
      entityId: after.id,
      action: 'update',
      audience: programmeAuditAudience,
      summary: 'Withdrew the request to delete the programme',
      before,
      after,
    });
    return after;
  });
}

/**
 * The second step: a different person (a system administrator or another admin of the programme) confirms,
 * and the programme and everything in it is deleted. What was deleted, who asked and who confirmed stay in
 * the audit trail, outside any programme.
 */
export async function confirmDeletion(ctx: TUserContext, input: TDeletionStepInput) {
  const result = await mutation(ctx, async ({ trx, audit }) => {
    const membership = await findMembershipOfUser(trx, input.programmeId, ctx.user.id);
    const isAdmin = membership?.role === 'programme_admin';
    if (!membership && !ctx.user.isSystemAdmin) throw new NotFoundError(PROGRAMME_NOT_FOUND);
    if (!isAdmin && !ctx.user.isSystemAdmin)
      throw new ForbiddenError('Only a programme admin or a system administrator can confirm a deletion.');
    const p = await current(trx, input.programmeId);
    if (p.version !== input.version)
      refuse('The programme changed since you looked at it: look again before confirming.');
    confirmCode(p, input.confirmCode);
    refuse(deletionConfirmProblem(p, ctx.user.id, ctx.today()));
    const counts = await programmeRowCounts(trx, p.id);
    if (!(await deleteProgramme(trx, p.id))) refuse('The programme could not be deleted: look again.');
    await audit({
      programmeId: null,
      entityType: 'programme',
      entityId: p.id,
      action: 'delete',
      audience: { kind: 'full' },
      summary: `Deleted the programme ${p.name} (${p.code}) after its retention date (${formatUkDate(p.retainUntil!)}): asked for on ${formatUkDate(p.deletionRequestedAt!.toISOString().slice(0, 10))}, confirmed now`,
      before: { programme: p, counts },
    });
    return { deleted: true as const, counts };
  });
  // Its documents kept in an S3 store go after the rows have (a store that fails now leaves orphans, never a row
  // pointing at nothing); the store's own lifecycle rules can sweep what is left under the programme's prefix.
  const filesRemoved = await deleteProgrammeContent(input.programmeId).catch(() => 0);
  return { ...result, filesRemoved };
}
