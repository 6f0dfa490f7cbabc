import { findRiskMatrix } from '@baton/db';
import { programmeProcedure, router } from '../../trpc';
import { commitPlan, loadImportContext, planImport, presentPlan } from './risk-io.import';
import { readSpreadsheet, suggestMapping } from './risk-io.parse';
import { ZCommitInput, ZParseInput, ZPreviewInput } from './risk-io.schema';

/**
 * Importing a risk register from XLSX or CSV, in three steps: read the file, preview what every row would
 * do (writes nothing), then commit all rows in one transaction or none. Exports are HTTP downloads
 * (apps/server's export routes calling `exportRiskRegister`), since tRPC does not stream files.
 */
export const riskIoRouter = router({
  parse: programmeProcedure('items.editOwn')
    .input(ZParseInput)
    .mutation(async ({ input }) => {
      const sheet = await readSpreadsheet(input.fileName, input.contentBase64);
      return { ...sheet, suggestedMapping: suggestMapping(sheet.headers) };
    }),

  preview: programmeProcedure('items.editOwn')
    .input(ZPreviewInput)
    .mutation(async ({ ctx, input }) => {
      const { matrix } = await findRiskMatrix(ctx.db, input.programmeId);
      const c = await loadImportContext(ctx.db, ctx.member, input.programmeId, ctx.today(), matrix);
      return presentPlan(planImport(c, input));
    }),

  commit: programmeProcedure('items.editOwn')
    .input(ZCommitInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        const { matrix } = await findRiskMatrix(trx, input.programmeId);
        const c = await loadImportContext(trx, ctx.member, input.programmeId, ctx.today(), matrix);
        return commitPlan(trx, c, planImport(c, input), input, ctx.user.id);
      }),
    ),
});
