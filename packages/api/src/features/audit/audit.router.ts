import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { auditTrail } from './audit.service';

export const auditRouter = router({
  list: programmeProcedure('audit.read')
    .input(
      z.object({
        cursor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        limit: z.number().int().min(1).max(100).default(50),
        entityType: z
          .string()
          .max(40)
          .regex(/^[a-z_]*$/, 'Not an entity type')
          .optional(),
      }),
    )
    .query(({ ctx, input }) => auditTrail(ctx, input)),
});
