import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';

type Api = TRPCOptionsProxy<AppRouter>;

/** A gateway as gateway.list presents it (with the panel's progress for the assurance side). */
export type GatewaySummary = inferOutput<Api['gateway']['list']>['gateways'][number];
/** One gateway as gateway.get presents it to the caller. */
export type GatewayView = inferOutput<Api['gateway']['get']>;
export type GatewayDomain = GatewayView['domains'][number];
export type GatewayCriterion = GatewayDomain['criteria'][number];
export type GatewayEvidence = GatewayView['evidence'][number];
