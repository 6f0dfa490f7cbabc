import { listAuditEvents } from '@baton/db';
import type { TMemberContext } from '../../context';

/*
 * The audit trail of a programme, newest first. Each event carries the audience of the item it is about
 * (see TAuditAudience): a bidder reads only public events and those about its own organisation's items,
 * never a rival's transfer or the steering group's minutes.
 */
export const auditTrail = (
  ctx: TMemberContext,
  input: { cursor?: number | undefined; limit: number; entityType?: string | undefined },
) =>
  listAuditEvents(ctx.db, {
    programmeId: ctx.member.programmeId,
    cursor: input.cursor,
    limit: input.limit,
    entityType: input.entityType,
    visibility: ctx.member.visibility,
  });
