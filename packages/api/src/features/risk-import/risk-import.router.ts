import { programmeProcedure, router } from '../../trpc';
import { readSpreadsheet, suggestMapping } from './risk-import.parse';
import { ZCommitInput, ZParseInput, ZPreviewInput } from './risk-import.schema';
import { commitImport, previewImport, rememberedMapping } from './risk-import.service';

/**
 * Importing a risk register from XLSX or CSV, in three steps: read the file, preview what every row would
 * do (writes nothing), then commit all rows in one transaction or none. Exports are downloads
 * (features/risk/risk.files.ts), since tRPC does not stream files.
 */
export const riskImportRouter = router({
  parse: programmeProcedure('items.editOwn')
    .input(ZParseInput)
    .mutation(async ({ ctx, input }) => {
      const sheet = await readSpreadsheet(input.fileName, input.contentBase64);
      const remembered = await rememberedMapping(ctx, sheet.headers);
      return {
        ...sheet,
        suggestedMapping: { ...suggestMapping(sheet.headers), ...(remembered ?? {}) },
        rememberedMapping: remembered !== null,
      };
    }),

  preview: programmeProcedure('items.editOwn')
    .input(ZPreviewInput)
    .mutation(({ ctx, input }) => previewImport(ctx, input)),

  commit: programmeProcedure('items.editOwn')
    .input(ZCommitInput)
    .mutation(({ ctx, input }) => commitImport(ctx, input)),
});
