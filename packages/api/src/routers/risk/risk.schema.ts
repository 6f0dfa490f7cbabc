import { RISK_SORTS } from '@baton/db';
import { ZIsoDate, ZRiskStatus, ZWorkstream } from '@baton/domain';
import { z } from 'zod';

/** The register's filters, shared by the list, the heat map, the exports and bulk selection. */
export const ZRiskFilterInput = z.object({
  bandKeys: z.array(z.string().max(24)).max(6).optional(),
  categoryKeys: z.array(z.string().max(40)).max(30).optional(),
  ownerUserIds: z.array(z.uuid()).max(50).optional(),
  organisationIds: z.array(z.uuid()).max(50).optional(),
  statuses: z.array(ZRiskStatus).max(4).optional(),
  lotId: z.uuid().optional(),
  workstream: ZWorkstream.optional(),
  overdueReview: z.boolean().optional(),
  escalated: z.boolean().optional(),
  aboveTolerance: z.boolean().optional(),
  overdueActions: z.boolean().optional(),
  search: z.string().max(200).optional(),
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
  cursor: z.object({ v: z.union([z.string().max(300), z.number()]), n: z.number().int() }).nullish(),
});

export const ZWhatChangedInput = z.object({ from: ZIsoDate, to: ZIsoDate }).refine((d) => d.from <= d.to, {
  message: 'The start date must be on or before the end date',
  path: ['from'],
});
