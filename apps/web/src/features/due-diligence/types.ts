import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';

type Api = TRPCOptionsProxy<AppRouter>;

/** A due diligence request as dueDiligence.list presents it (with its state today). */
export type DdRequest = inferOutput<Api['dueDiligence']['list']>['items'][number];
export type DdList = inferOutput<Api['dueDiligence']['list']>;
export type DdDocument = inferOutput<Api['dueDiligence']['get']>['documents'][number];
export type Clarification = inferOutput<Api['dueDiligence']['clarifications']>['items'][number];
