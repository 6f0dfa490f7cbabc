import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';

type Api = TRPCOptionsProxy<AppRouter>;

/** Shapes of what the joint progress API returns, named once for the components that take them as props. */
export type JointProgress = inferOutput<Api['progress']['joint']>;
export type ProgressOrganisation = JointProgress['organisations'][number];
export type ProgressMatrixData = JointProgress['matrix'];
export type ProgressCell = ProgressMatrixData['overall'];
export type TransferReadiness = JointProgress['readiness'][number];
export type TransferMilestones = JointProgress['milestones'][number];
export type MilestoneItem = TransferMilestones['items'][number];
export type RedItem = JointProgress['redItems']['items'][number];
