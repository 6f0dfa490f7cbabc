import { ZPackInput } from '@baton/domain';
import { programmeProcedure, router } from '../../trpc';
import { buildPack, resolvePackDates } from './steering.pack';

export const steeringRouter = router({
  /**
   * The steering group pack as at a date (default today), compared with the last meeting before it. A date
   * ahead of today previews the paper for the next meeting: what will be overdue by then if nothing moves.
   */
  pack: programmeProcedure('programme.read')
    .input(ZPackInput)
    .query(({ ctx, input }) => {
      const today = ctx.today();
      const { asAt, since } = resolvePackDates(input, today);
      return buildPack(ctx.db, ctx.member, { asAt, since, today });
    }),
});
