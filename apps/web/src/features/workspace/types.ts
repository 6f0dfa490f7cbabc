import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';

type Api = TRPCOptionsProxy<AppRouter>;

/** Shapes of what the workspace API returns, named once for the components that take them as props. */
export type Workspace = inferOutput<Api['workspace']['lead']>;
export type WorkspaceTask = Workspace['overdue'][number];
export type BlockedTask = Workspace['blocked'][number];
export type StatutoryDate = Workspace['statutory'][number];
export type AwaitingItem = Workspace['awaiting'][number];
export type WorkspaceCounts = Workspace['counts'];
export type WorkspaceScope = 'mine' | 'organisation' | 'programme';
