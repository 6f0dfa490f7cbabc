import type { QueryClient } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { matchPath } from 'react-router';
import type { AppRouter } from '@baton/api';
import { parseRegisterView, registerListInput } from '../features/risks/registerParams';
import { registerListOptions } from '../features/risks/registerQueries';
import { packInput } from '../features/steering/packInput';
import { myTasksScope, planInput } from '../features/transition/transitionInputs';
import { workspaceInput } from '../features/workspace/workspaceInput';

/*
 * Opening a page used to be a waterfall: check the session, then fetch the page's code, then ask for its data.
 * At start-up, before React renders, the page's first questions go out together with the session check (one
 * batched request), while its code downloads (see preloadPageFor). The keys are the ones the page itself uses,
 * so it finds the answers waiting. Not signed in: these answer UNAUTHORIZED and the sign-in page follows as before.
 */
export function prefetchFor(
  location: { pathname: string; search: string },
  queryClient: QueryClient,
  trpcClient: TRPCClient<AppRouter>,
): void {
  const { pathname, search } = location;
  if (pathname.startsWith('/signin') || pathname.startsWith('/invite/')) return;
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  const quietly = (p: Promise<unknown>) => void p.catch(() => {});
  quietly(queryClient.prefetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 }));
  quietly(queryClient.prefetchQuery(trpc.programme.list.queryOptions()));

  const inProgramme = matchPath('/p/:programmeId/*', pathname)?.params.programmeId;
  if (!inProgramme) return;
  const programmeId = inProgramme;
  quietly(queryClient.prefetchQuery(trpc.programme.overview.queryOptions({ programmeId })));

  const params = new URLSearchParams(search);
  const transfers = () =>
    quietly(queryClient.prefetchQuery(trpc.transition.transfers.queryOptions({ programmeId })));
  if (matchPath('/p/:programmeId/steering', pathname))
    quietly(queryClient.prefetchQuery(trpc.steering.pack.queryOptions(packInput(programmeId, params))));
  if (matchPath('/p/:programmeId/progress', pathname)) {
    quietly(queryClient.prefetchQuery(trpc.progress.joint.queryOptions({ programmeId })));
    quietly(queryClient.prefetchQuery(trpc.transition.readinessRules.queryOptions({ programmeId })));
  }
  if (matchPath('/p/:programmeId/transition', pathname)) transfers();
  const plan = matchPath('/p/:programmeId/transition/:transferId', pathname)?.params.transferId;
  if (plan) {
    quietly(
      queryClient.prefetchQuery(trpc.transition.plan.queryOptions(planInput(programmeId, plan, params))),
    );
    transfers();
    quietly(queryClient.prefetchQuery(trpc.member.list.queryOptions({ programmeId })));
  }
  if (matchPath('/p/:programmeId/my-tasks', pathname)) {
    quietly(
      queryClient.prefetchQuery(
        trpc.transition.myTasks.queryOptions({ programmeId, scope: myTasksScope(params) }),
      ),
    );
    transfers();
  }
  // The whole programme's workspace depends on the caller's role, known only once the overview answers.
  if (matchPath('/p/:programmeId/workspace', pathname) && params.get('scope') !== 'programme')
    quietly(
      queryClient.prefetchQuery(
        trpc.workspace.lead.queryOptions(workspaceInput(programmeId, params, false).input),
      ),
    );

  if (matchPath('/p/:programmeId/risks', pathname)) {
    const view = parseRegisterView(new URLSearchParams(search));
    quietly(
      queryClient.prefetchInfiniteQuery(
        registerListOptions(trpc, trpcClient, registerListInput(programmeId, view)),
      ),
    );
    const { cell: _cell, ...heatFilter } = view.filter;
    quietly(queryClient.prefetchQuery(trpc.risk.heatMap.queryOptions({ programmeId, filter: heatFilter })));
    quietly(
      queryClient.prefetchQuery({ ...trpc.risk.matrix.queryOptions({ programmeId }), staleTime: 5 * 60_000 }),
    );
    quietly(queryClient.prefetchQuery(trpc.member.list.queryOptions({ programmeId })));
  }
}
