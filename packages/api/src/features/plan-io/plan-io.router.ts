import { zLine } from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { zBase64File } from '../../validation';
import { MAX_PLAN_BYTES, ZPlanFile, ZPlanMapping } from './plan-file';
import { commitPlanImport, previewPlanImport, readPlanImport } from './plan-import.service';

/**
 * Importing a transfer's plan from Microsoft Project XML or Excel: read the file, preview what each task
 * would do and the critical path that results (writes nothing), then commit all or nothing. The export
 * to Microsoft Project is a download (plan-io.files.ts).
 */
export const planImportRouter = router({
  read: programmeProcedure('items.editAny')
    .input(
      z.object({
        transferId: z.uuid(),
        fileName: zLine({ min: 1, max: 255, tooShort: 'Name the file' }),
        contentBase64: zBase64File(MAX_PLAN_BYTES, 'The file is larger than 10 MB'),
      }),
    )
    .mutation(({ ctx, input }) => readPlanImport(ctx, input)),

  preview: programmeProcedure('items.editAny')
    .input(z.object({ transferId: z.uuid(), file: ZPlanFile, mapping: ZPlanMapping }))
    .mutation(({ ctx, input }) => previewPlanImport(ctx, input)),

  commit: programmeProcedure('items.editAny')
    .input(
      z.object({
        transferId: z.uuid(),
        file: ZPlanFile,
        mapping: ZPlanMapping,
        fingerprint: z.string().regex(/^[0-9a-f]{32}$/, 'Preview the import first'),
      }),
    )
    .mutation(({ ctx, input }) => commitPlanImport(ctx, input)),
});
