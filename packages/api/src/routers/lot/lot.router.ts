import { RuleViolationError, ZCreateLotInput, ZUpdateLotInput } from '@baton/domain';
import { deleteLot, findLot, insertLot, lotCodeTaken, recordAudit, updateLot } from '@baton/db';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';

const codeTaken = () =>
  new RuleViolationError('Another lot in this programme already has that code.', {
    code: ['Choose another code'],
  });

export const lotRouter = router({
  create: programmeProcedure('lots.manage')
    .input(ZCreateLotInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        if (await lotCodeTaken(trx, input.programmeId, input.code)) throw codeTaken();
        const lot = await insertLot(trx, input);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: null,
          entityType: 'lot',
          entityId: lot.id,
          action: 'create',
          summary: `Added ${lot.code}: ${lot.name}`,
          after: lot,
        });
        return lot;
      }),
    ),

  update: programmeProcedure('lots.manage')
    .input(ZUpdateLotInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        if (await lotCodeTaken(trx, input.programmeId, input.code, input.lotId)) throw codeTaken();
        const before = await findLot(trx, input.programmeId, input.lotId);
        const lot = await updateLot(trx, input);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: null,
          entityType: 'lot',
          entityId: lot.id,
          action: 'update',
          summary: `Updated ${lot.code}: ${lot.name}`,
          before,
          after: lot,
        });
        return lot;
      }),
    ),

  remove: programmeProcedure('lots.manage')
    .input(z.object({ lotId: z.uuid(), version: z.number().int().positive() }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const lot = await deleteLot(trx, input.programmeId, input.lotId, input.version);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: null,
          entityType: 'lot',
          entityId: lot.id,
          action: 'delete',
          summary: `Removed ${lot.code}: ${lot.name}`,
          before: lot,
        });
        return { ok: true as const };
      }),
    ),
});
