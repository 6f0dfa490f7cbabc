import { NotFoundError, PARTY_ROLE_LABELS, RuleViolationError, type TAddPartyInput } from '@baton/domain';
import { deleteParty, findLot, findOrganisation, findParty, insertParty, partyExists } from '@baton/db';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import { partyAuditAudience } from '../programme/programme.access';

/* The organisations taking part in a programme, and in which role; programme admins manage them. */

export function addParty(ctx: TMemberContext, input: TAddPartyInput) {
  return mutation(ctx, async ({ trx, audit }) => {
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
    await audit({
      entityType: 'party',
      entityId: party.id,
      action: 'create',
      organisationId: organisation.id,
      audience: partyAuditAudience(party),
      summary: `Added ${organisation.name} as ${PARTY_ROLE_LABELS[party.role].toLowerCase()}`,
      after: party,
    });
    return party;
  });
}

export function removeParty(ctx: TMemberContext, partyId: string) {
  return mutation(ctx, async ({ trx, audit }) => {
    const party = await findParty(trx, ctx.member.programmeId, partyId);
    if (!party) throw new NotFoundError('That party is no longer part of this programme.');
    await deleteParty(trx, ctx.member.programmeId, partyId);
    await audit({
      entityType: 'party',
      entityId: party.id,
      action: 'delete',
      organisationId: party.organisation.id,
      audience: partyAuditAudience(party),
      summary: `Removed ${party.organisation.name} as ${PARTY_ROLE_LABELS[party.role].toLowerCase()}`,
      before: party,
    });
    return { ok: true as const };
  });
}
