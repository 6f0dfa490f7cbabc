import type { FetchQueryOptions, QueryClient, QueryKey } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { matchPath } from 'react-router';
import type { AppRouter } from '@baton/api';
import { todayInUk } from '@baton/domain';
import { recentChangesInput, topRisksInput } from '../features/programmes/atAGlanceInputs';
import { parseRegisterView, registerListInput } from '../features/risks/registerParams';
import { registerListOptions } from '../features/risks/registerQueries';
import { whatChangedRange } from '../features/risks/whatChangedRange';
import { packInput } from '../features/steering/packInput';
import { myTasksScope, planInput } from '../features/transition/transitionInputs';
import { workspaceInput } from '../features/workspace/workspaceInput';

/*
 * Opening a page used to be a waterfall: check the session, then fetch the page's code, then ask for its data.
 * At start-up, before React renders, the page's first questions go out together with the session check (one
 * batched request), while its code downloads (see preloadPageFor). The keys are the ones the page itself uses
 * (each page's input comes from a small function the page shares with this one), so it finds the answers
 * waiting: the performance browser test checks every page listed here. Not signed in: these answer UNAUTHORIZED
 * and the sign-in page follows as before.
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
  const ask = <TQueryFnData, TError, TData, TQueryKey extends QueryKey>(
    options: FetchQueryOptions<TQueryFnData, TError, TData, TQueryKey>,
  ) => quietly(queryClient.prefetchQuery(options));
  ask({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 });
  ask(trpc.programme.list.queryOptions());

  const inProgramme = matchPath('/p/:programmeId/*', pathname)?.params.programmeId;
  if (!inProgramme) return;
  const programmeId = inProgramme;
  ask(trpc.programme.overview.queryOptions({ programmeId }));

  const params = new URLSearchParams(search);
  const transfers = () => ask(trpc.transition.transfers.queryOptions({ programmeId }));
  const matrix = () => ask({ ...trpc.risk.matrix.queryOptions({ programmeId }), staleTime: 5 * 60_000 });
  // The programme's home: its "at a glance" cards (the transfers card is only for those who may see transfers).
  if (matchPath('/p/:programmeId', pathname)) {
    ask(trpc.risk.list.queryOptions(topRisksInput(programmeId)));
    ask(trpc.risk.whatChanged.queryOptions(recentChangesInput(programmeId, todayInUk())));
    matrix();
    ask(trpc.stage.timeline.queryOptions({ programmeId }));
  }
  if (matchPath('/p/:programmeId/risks/changes', pathname)) {
    ask(trpc.risk.whatChanged.queryOptions({ programmeId, ...whatChangedRange(params, todayInUk()) }));
    matrix();
  }
  if (matchPath('/p/:programmeId/meetings', pathname)) ask(trpc.meeting.list.queryOptions({ programmeId }));
  if (matchPath('/p/:programmeId/steering', pathname))
    ask(trpc.steering.pack.queryOptions(packInput(programmeId, params)));
  if (matchPath('/p/:programmeId/progress', pathname)) {
    ask(trpc.progress.joint.queryOptions({ programmeId }));
    ask(trpc.transition.readinessRules.queryOptions({ programmeId }));
  }
  // Not the transfers page: its one question (every transfer's readiness) is the slow part, and its heading
  // needs none of it. Asked beside the session check it held the shell back (nine runs: settled 495 -> 538 ms).
  const plan = matchPath('/p/:programmeId/transition/:transferId', pathname)?.params.transferId;
  if (plan) {
    ask(trpc.transition.plan.queryOptions(planInput(programmeId, plan, params)));
    transfers();
    ask(trpc.member.list.queryOptions({ programmeId }));
  }
  if (matchPath('/p/:programmeId/my-tasks', pathname)) {
    ask(trpc.transition.myTasks.queryOptions({ programmeId, scope: myTasksScope(params) }));
    transfers();
  }
  // The whole programme's workspace depends on the caller's role, known only once the overview answers.
  if (matchPath('/p/:programmeId/workspace', pathname) && params.get('scope') !== 'programme')
    ask(trpc.workspace.lead.queryOptions(workspaceInput(programmeId, params, false).input));

  if (matchPath('/p/:programmeId/risks', pathname)) {
    const view = parseRegisterView(new URLSearchParams(search));
    quietly(
      queryClient.prefetchInfiniteQuery(
        registerListOptions(trpc, trpcClient, registerListInput(programmeId, view)),
      ),
    );
    const { cell: _cell, ...heatFilter } = view.filter;
    ask(trpc.risk.heatMap.queryOptions({ programmeId, filter: heatFilter }));
    matrix();
    ask(trpc.member.list.queryOptions({ programmeId }));
  }
}
