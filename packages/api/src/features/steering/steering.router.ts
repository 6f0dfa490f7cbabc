import { packForScreen, ZPackInput } from '@baton/domain';
import { programmeProcedure, router } from '../../trpc';
import { buildPack, resolvePackDates } from './steering.pack';

export const steeringRouter = router({
  /**
   * The steering group pack as at a date (default today), compared with the last meeting before it. A date
   * ahead of today previews the paper for the next meeting: what will be overdue by then if nothing moves.
   * The long lists are cut for the screen (`packForScreen`); the PDF and spreadsheet downloads list them all.
   */
  pack: programmeProcedure('programme.read')
    .input(ZPackInput)
    .query(async ({ ctx, input }) => {
      const today = ctx.today();
      const { asAt, since } = resolvePackDates(input, today);
      return packForScreen(await buildPack(ctx.db, ctx.member, { asAt, since, today }));
    }),
});
