import {
  ZCreateRaidInput,
  ZRaidListInput,
  ZUpdateRaidInput,
  ZVersion,
  zLine,
  zLines,
  ZCalendarDate,
} from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { createRaid, getRaid, listRaid, raiseIssueFromRisk, updateRaid } from './raid.service';
import { commitRaidImport, previewRaidImport } from './raid.import';
import { zBase64File } from '../../validation';
import { MAX_IMPORT_BYTES } from '../risk-import/risk-import.schema';

const ZRaidFile = z.object({
  fileName: zLine({
    min: 1,
    max: 255,
    tooShort: 'Name the file',
    tooLong: 'Keep the file name under 255 characters',
  }),
  contentBase64: zBase64File(MAX_IMPORT_BYTES, 'The file is larger than 5 MB'),
});

export const raidRouter = router({
  /** The RAID log the caller may see (a bidder only its own organisation's items). */
  list: programmeProcedure('programme.read')
    .input(ZRaidListInput)
    .query(({ ctx, input }) => listRaid(ctx, input)),

  get: programmeProcedure('programme.read')
    .input(z.object({ raidId: z.uuid() }))
    .query(({ ctx, input }) => getRaid(ctx, input.raidId)),

  create: programmeProcedure('items.editOwn')
    .input(ZCreateRaidInput)
    .mutation(({ ctx, input }) => createRaid(ctx, input)),

  update: programmeProcedure('items.editOwn')
    .input(ZUpdateRaidInput)
    .mutation(({ ctx, input }) => updateRaid(ctx, input)),

  /** What importing a RAID log file would do, row by row; nothing is written. */
  importPreview: programmeProcedure('items.editOwn')
    .input(ZRaidFile)
    .mutation(({ ctx, input }) => previewRaidImport(ctx, input)),

  /** Imports every row of a RAID log file, or none when any row needs correcting. */
  importCommit: programmeProcedure('items.editOwn')
    .input(ZRaidFile)
    .mutation(({ ctx, input }) => commitRaidImport(ctx, input)),

  /** A risk that has happened: marked materialised and raised as a linked issue, in one step. */
  raiseIssue: programmeProcedure('items.editOwn')
    .input(
      z.object({
        riskId: z.uuid(),
        version: ZVersion,
        impact: zLines({ max: 5_000, tooLong: 'Keep the impact under 5,000 characters' }).optional(),
        dueOn: ZCalendarDate.nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => raiseIssueFromRisk(ctx, input)),
});
