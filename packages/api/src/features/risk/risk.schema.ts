import { RISK_SORTS } from '@baton/db';
import { ZCalendarDate, ZRiskCategoryKey, ZRiskStatus, ZWorkstream, zLine } from '@baton/domain';
import { z } from 'zod';

/** The register's filters, shared by the list, the heat map, the exports and bulk selection. */
export const ZRiskFilterInput = z.object({
  bandKeys: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,23}$/, 'Choose a band'))
    .max(6)
    .optional(),
  categoryKeys: z.array(ZRiskCategoryKey).max(30).optional(),
  ownerUserIds: z.array(z.uuid()).max(50).optional(),
  organisationIds: z.array(z.uuid()).max(50).optional(),
  statuses: z.array(ZRiskStatus).max(4).optional(),
  lotId: z.uuid().optional(),
  workstream: ZWorkstream.optional(),
  overdueReview: z.boolean().optional(),
  escalated: z.boolean().optional(),
  aboveTolerance: z.boolean().optional(),
  overdueActions: z.boolean().optional(),
  search: zLine({ max: 200 }).optional(),
  cell: z
    .object({
      kind: z.enum(['current', 'initial', 'target']).default('current'),
      consequence: z.number().int().min(1).max(5),
      likelihood: z.number().int().min(1).max(5),
    })
    .optional(),
});
export type TRiskFilterInput = z.infer<typeof ZRiskFilterInput>;

export const ZRiskListInput = z.object({
  filter: ZRiskFilterInput.default({}),
  sort: z.enum(RISK_SORTS).default('score'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z
    .object({
      v: z.union([z.string().max(300), z.number().min(-1e15).max(1e15)]),
      n: z.number().int().min(0).max(2_147_483_647),
    })
    .nullish(),
});

export const ZWhatChangedInput = z
  .object({
    from: ZCalendarDate,
    to: ZCalendarDate,
    /** Every change listed; by default each kind lists its first `CHANGES_SCREEN_LIST` (the counts are whole). */
    full: z.boolean().optional(),
  })
  .refine((d) => d.from <= d.to, {
    message: 'The start date must be on or before the end date',
    path: ['from'],
  });

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

/** The register download: the register's filters and order, as a file. */
export const ZExportInput = z.object({
  format: z.enum(EXPORT_FORMATS),
  filter: ZRiskFilterInput.default({}),
  sort: z.enum(RISK_SORTS).default('score'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
