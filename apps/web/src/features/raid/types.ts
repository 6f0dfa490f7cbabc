import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';

type Api = TRPCOptionsProxy<AppRouter>;

/** An item of the RAID log as raid.list presents it. */
export type RaidItem = inferOutput<Api['raid']['list']>[number];
export type RaidImportPreview = inferOutput<Api['raid']['importPreview']>;
