import { NotFoundError, PARTY_ROLE_LABELS, RuleViolationError, ZAddPartyInput } from '@baton/domain';
import {
  deleteParty,
  findLot,
  findOrganisation,
  findParty,
  insertParty,
  partyExists,
  recordAudit,
} from '@baton/db';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';

export const partyRouter = router({
  add: programmeProcedure('parties.manage')
    .input(ZAddPartyInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const organisation = await findOrganisation(trx, input.organisationId);
        if (!organisation)
          throw new RuleViolationError('Choose an organisation from the list.', {
            organisationId: ['Unknown organisation'],
          });
        if (input.lotId && !(await findLot(trx, input.programmeId, input.lotId))) {
          throw new RuleViolationError('That lot is not part of this programme.', { lotId: ['Unknown lot'] });
        }
        if (await partyExists(trx, input)) {
          throw new RuleViolationError(`${organisation.name} already has that role here.`, {
            role: ['Already assigned'],
          });
        }
        const party = await insertParty(trx, input);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: organisation.id,
          entityType: 'party',
          entityId: party.id,
          action: 'create',
          summary: `Added ${organisation.name} as ${PARTY_ROLE_LABELS[party.role].toLowerCase()}`,
          after: party,
        });
        return party;
      }),
    ),

  remove: programmeProcedure('parties.manage')
    .input(z.object({ partyId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const party = await findParty(trx, input.programmeId, input.partyId);
        if (!party) throw new NotFoundError('That party is no longer part of this programme.');
        await deleteParty(trx, input.programmeId, input.partyId);
        await recordAudit(trx, {
          actorUserId: ctx.user.id,
          programmeId: input.programmeId,
          organisationId: party.organisation.id,
          entityType: 'party',
          entityId: party.id,
          action: 'delete',
          summary: `Removed ${party.organisation.name} as ${PARTY_ROLE_LABELS[party.role].toLowerCase()}`,
          before: party,
        });
        return { ok: true as const };
      }),
    ),
});
