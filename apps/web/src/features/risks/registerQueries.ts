import type { TRPCClient } from '@trpc/client';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';
import type { RiskListInput } from './types';

type RiskCursor = NonNullable<RiskListInput['cursor']>;

/**
 * The register's pages of risks as one infinite query. Not trpc.risk.list.infiniteQueryOptions: tRPC's infinite
 * queries put their own `direction` ('forward') into the input, over the register's sort direction. The key still
 * starts with risk.list's, so invalidating trpc.risk (after any change) refreshes these pages too. Shared by the
 * page and by the prefetch that starts before the page's code has arrived.
 */
export function registerListOptions(
  trpc: TRPCOptionsProxy<AppRouter>,
  client: TRPCClient<AppRouter>,
  input: Omit<RiskListInput, 'cursor'>,
) {
  return {
    queryKey: [...trpc.risk.list.queryKey(input), 'pages'],
    queryFn: ({ pageParam, signal }: { pageParam: RiskCursor | null; signal: AbortSignal }) =>
      client.risk.list.query({ ...input, cursor: pageParam }, { signal }),
    initialPageParam: null as RiskCursor | null,
  };
}
