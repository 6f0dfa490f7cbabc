import { listAuditEvents } from '@baton/db';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';

export const auditRouter = router({
  list: programmeProcedure('audit.read')
    .input(
      z.object({
        cursor: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(100).default(50),
        entityType: z.string().max(40).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      listAuditEvents(ctx.db, {
        programmeId: input.programmeId,
        cursor: input.cursor,
        limit: input.limit,
        entityType: input.entityType,
        onlyOrganisationId:
          ctx.member.visibility.kind === 'own' ? ctx.member.visibility.organisationId : undefined,
      }),
    ),
});
