import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';

type Api = TRPCOptionsProxy<AppRouter>;

/** Shapes of what the meeting API returns, named once for the components that take them as props. */
export type Meeting = inferOutput<Api['meeting']['list']>[number];
export type MeetingSnapshot = inferOutput<Api['meeting']['snapshot']>;
export type MeetingComparison = inferOutput<Api['meeting']['compare']>;
export type Comparison = MeetingComparison['comparison'];
export type CreateMeetingInput = inferInput<Api['meeting']['create']>;
export type UpdateMeetingInput = inferInput<Api['meeting']['update']>;
