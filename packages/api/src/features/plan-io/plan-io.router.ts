import { zLine } from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
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
        contentBase64: z
          .string()
          .min(1, 'The file is empty')
          .max(Math.ceil(MAX_PLAN_BYTES / 3) * 4, 'The file is larger than 10 MB')
          .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, 'The file was not sent as base64'),
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
