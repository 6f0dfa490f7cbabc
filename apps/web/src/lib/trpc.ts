import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import {
  createTRPCContext,
  createTRPCOptionsProxy,
  type inferInput,
  type inferOutput,
  type TRPCOptionsProxy,
} from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import type { AppRouter } from '@baton/api';
import { errorCode, httpStatusOf } from './errors';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * superjson's wire format both ways. An answer is read in place: it was parsed from the response a moment
 * before and nothing else holds it, so superjson's deep copy of every answer (the register page is 50 rows of
 * 40 fields) would be work for nothing on the way to the first render.
 */
export const transformer = {
  serialize: (value: unknown) => superjson.serialize(value),
  deserialize: (payload: Parameters<typeof superjson.deserialize>[0]) =>
    superjson.deserialize(payload, { inPlace: true }),
};

export function createTrpcClient(): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        transformer,
        fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
      }),
    ],
  });
}

/** Retry network blips and 5xx once or twice; never retry a 4xx (it would fail the same way again). */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failureCount < 2;
}

/**
 * The app's QueryClient, with one rule for everything: an UNAUTHORIZED answer from any query or mutation
 * means the session has gone, so forget who we were. The auth guard then sends the user to sign in,
 * remembering where they were (see RequireAuth).
 */
export function createAppQueryClient(trpcClient: TRPCClient<AppRouter>): QueryClient {
  const onError = (error: unknown) => {
    if (errorCode(error) !== 'UNAUTHORIZED') return;
    if (queryClient.getQueryData(meKey) != null) queryClient.setQueryData(meKey, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  const meKey = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient }).auth.me.queryKey();
  return queryClient;
}

type Api = TRPCOptionsProxy<AppRouter>;

/** Shapes of what the API returns, named once for the components that take them as props. */
export type Me = NonNullable<inferOutput<Api['auth']['me']>>;
export type ProgrammeSummary = inferOutput<Api['programme']['list']>[number];
export type Overview = inferOutput<Api['programme']['overview']>;
export type OverviewProgramme = Overview['programme'];
export type Lot = Overview['lots'][number];
export type Party = Overview['parties'][number];
export type KeyDate = Overview['keyDates'][number];
export type Organisation = inferOutput<Api['organisation']['list']>[number];
export type Member = inferOutput<Api['member']['list']>[number];
export type AuditEvent = inferOutput<Api['audit']['list']>['items'][number];
export type UpdateProgrammeInput = inferInput<Api['programme']['update']>;
