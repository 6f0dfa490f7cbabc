import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';

type Api = TRPCOptionsProxy<AppRouter>;

/** Shapes the risk screens take from the API, named once. */
export type RiskMatrixData = inferOutput<Api['risk']['matrix']>;
export type RiskMatrix = RiskMatrixData['matrix'];
export type RiskBand = RiskMatrix['bands'][number];
export type RiskCategory = RiskMatrix['categories'][number];

export type RiskListInput = inferInput<Api['risk']['list']>;
export type RiskFilter = NonNullable<RiskListInput['filter']>;
export type RiskSort = NonNullable<RiskListInput['sort']>;
export type SortDirection = NonNullable<RiskListInput['direction']>;
export type RiskListItem = inferOutput<Api['risk']['list']>['items'][number];
export type HeatMapData = inferOutput<Api['risk']['heatMap']>;
export type HeatMapKind = keyof HeatMapData;

export type RiskDetail = inferOutput<Api['risk']['get']>;
export type Risk = RiskDetail['risk'];
export type RiskHistoryEntry = RiskDetail['history'][number];
export type MitigationAction = RiskDetail['actions'][number];
export type RiskAuditEvent = RiskDetail['audit'][number];

export type CreateRiskInput = inferInput<Api['risk']['create']>;
export type UpdateRiskInput = inferInput<Api['risk']['update']>;

export type WhatChanged = inferOutput<Api['risk']['whatChanged']>;
export type RiskChange = WhatChanged['new'][number];
export type OverdueAction = WhatChanged['overdueActions'][number];

export type ParsedSheet = inferOutput<Api['riskIo']['parse']>;
export type ImportMapping = ParsedSheet['suggestedMapping'];
export type ImportField = keyof ImportMapping;
export type ImportPreview = inferOutput<Api['riskIo']['preview']>;
export type ImportPreviewRow = ImportPreview['rows'][number];
export type ImportResult = inferOutput<Api['riskIo']['commit']>;

/** A stored assessment: consequence, likelihood and the score they make. */
export interface Assessment {
  consequence: number;
  likelihood: number;
  score: number;
}
