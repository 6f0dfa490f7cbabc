import { NotFoundError, RuleViolationError, type TCreateLotInput, type TUpdateLotInput } from '@baton/domain';
import { deleteLot, findLot, insertLot, lotCodeTaken, updateLot } from '@baton/db';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { programmeAuditAudience } from '../programme/programme.access';

/* Lots are public to the programme's members; programme admins manage them. */

const LOT_NOT_FOUND = 'That lot does not exist.';

const codeTaken = () =>
  new RuleViolationError('Another lot in this programme already has that code.', {
    code: ['Choose another code'],
  });

export function createLot(ctx: TMemberContext, input: TCreateLotInput) {
  return mutation(ctx, async ({ trx, audit }) => {
    if (await lotCodeTaken(trx, input.programmeId, input.code)) throw codeTaken();
    const lot = await insertLot(trx, input);
    await audit({
      entityType: 'lot',
      entityId: lot.id,
      action: 'create',
      audience: programmeAuditAudience,
      summary: `Added ${lot.code}: ${lot.name}`,
      after: lot,
    });
    return lot;
  });
}

export function updateLotDetails(ctx: TMemberContext, input: TUpdateLotInput) {
  return mutation(ctx, async ({ trx, audit, expectVersion }) => {
    const before = await findLot(trx, input.programmeId, input.lotId);
    if (!before) throw new NotFoundError(LOT_NOT_FOUND);
    expectVersion(before, input.version, 'lot');
    if (await lotCodeTaken(trx, input.programmeId, input.code, input.lotId)) throw codeTaken();
    const lot = await updateLot(trx, input);
    await audit({
      entityType: 'lot',
      entityId: lot.id,
      action: 'update',
      audience: programmeAuditAudience,
      summary: `Updated ${lot.code}: ${lot.name}`,
      before,
      after: lot,
    });
    return lot;
  });
}

export function removeLot(ctx: TMemberContext, input: { lotId: string; version: number }) {
  return mutation(ctx, async ({ trx, audit }) => {
    const lot = await deleteLot(trx, ctx.member.programmeId, input.lotId, input.version);
    await audit({
      entityType: 'lot',
      entityId: lot.id,
      action: 'delete',
      audience: programmeAuditAudience,
      summary: `Removed ${lot.code}: ${lot.name}`,
      before: lot,
    });
    return { ok: true as const };
  });
}
