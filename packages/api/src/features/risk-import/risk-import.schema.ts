import { ZVersion, zLine } from '@baton/domain';
import { z } from 'zod';
import { zBase64File } from '../../validation';
import { IMPORT_FIELDS } from '../risk/register.columns';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_COLUMNS = 100;
/** Excel's own limit on the characters in one cell. */
const MAX_CELL_CHARS = 32_767;

export const ZParseInput = z.object({
  fileName: zLine({ min: 1, max: 255, tooShort: 'Name the file' }),
  contentBase64: zBase64File(MAX_IMPORT_BYTES, 'The file is larger than 5 MB'),
});

/** Which column (0-based index into `headers`) feeds each field; null or absent: not imported. */
export const ZImportMapping = z.partialRecord(
  z.enum(IMPORT_FIELDS),
  z
    .number()
    .int()
    .min(0)
    .max(MAX_IMPORT_COLUMNS - 1)
    .nullable(),
);

const ZColumn = z
  .number()
  .int()
  .min(0)
  .max(MAX_IMPORT_COLUMNS - 1);

/** Mitigation actions kept on a second sheet of the workbook, as `parse` found it. */
export const ZActionSheet = z.object({
  sheetName: z.string().max(200),
  headers: z.array(z.string().max(500)).max(MAX_IMPORT_COLUMNS),
  rows: z.array(z.array(z.string().max(MAX_CELL_CHARS)).max(MAX_IMPORT_COLUMNS)).max(MAX_IMPORT_ROWS * 4),
  firstRowNumber: z.number().int().min(1).max(1_000_000),
  columns: z.object({
    ref: ZColumn,
    description: ZColumn,
    owner: ZColumn.nullable(),
    due: ZColumn.nullable(),
    status: ZColumn.nullable(),
  }),
});

export const ZPreviewInput = z
  .object({
    headers: z.array(z.string().max(500)).min(1).max(MAX_IMPORT_COLUMNS),
    rows: z.array(z.array(z.string().max(MAX_CELL_CHARS)).max(MAX_IMPORT_COLUMNS)).max(MAX_IMPORT_ROWS),
    mapping: ZImportMapping,
    /** The file row of `rows[0]`, as `parse` returned it: errors name the rows people see. */
    firstRowNumber: z.number().int().min(1).max(1_000_000).default(2),
    /** Rows (as numbered in the file) the person chose to leave out. */
    excludedRows: z.array(z.number().int().min(1).max(1_000_000)).max(MAX_IMPORT_ROWS).default([]),
    /** Add categories the file names that the programme lacks (for those who may change the matrix). */
    addCategories: z.boolean().default(true),
    /** Add organisations the file names that are not in the programme, as partners (for those who may). */
    addOrganisations: z.boolean().default(true),
    /** The workbook's actions sheet, if it has one and the person wants its actions imported. */
    actionSheet: ZActionSheet.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    for (const [field, index] of Object.entries(v.mapping)) {
      if (index !== null && index !== undefined && index >= v.headers.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['mapping', field],
          message: 'Choose one of the file’s columns',
        });
      }
    }
  });
export type TPreviewInput = z.infer<typeof ZPreviewInput>;

export const ZCommitInput = ZPreviewInput.safeExtend({
  /** The version of each existing risk the preview showed, by reference: a risk changed since fails the import. */
  versions: z.record(zLine({ max: 20 }), ZVersion).default({}),
  fileName: zLine({ max: 255 }).optional(),
});
export type TCommitInput = z.infer<typeof ZCommitInput>;
