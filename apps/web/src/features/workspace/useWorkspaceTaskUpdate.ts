import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isConflict } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { TASK_CONFLICT_MESSAGE, useTransitionRefresh } from '../transition/useTaskMutations';

/** Everything a task change moves outside the transition screens: the workspace's lists and joint progress. */
export function useWorkspaceRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.workspace.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
    ]);
}

/**
 * Saves a task from the workspace at the version the row was read at. Success or failure, the workspace and
 * the transition screens refetch, so the row shows the latest version and the counts move; a CONFLICT says
 * someone else changed the task first.
 */
export function useWorkspaceTaskUpdate() {
  const trpc = useTRPC();
  const refreshTransition = useTransitionRefresh();
  const refreshWorkspace = useWorkspaceRefresh();
  const refresh = () => Promise.all([refreshWorkspace(), refreshTransition()]);
  return useMutation(
    trpc.transition.updateTask.mutationOptions({
      onSuccess: async (task) => {
        await refresh();
        notify({
          color: 'green',
          title: task.status === 'done' ? 'Task done' : 'Task saved',
          message: task.title,
        });
      },
      onError: async (error) => {
        await refresh();
        notify({
          color: 'red',
          title: isConflict(error) ? 'This task changed' : 'The task was not saved',
          message: isConflict(error) ? TASK_CONFLICT_MESSAGE : errorMessage(error),
          autoClose: isConflict(error) ? 10_000 : 6_000,
        });
      },
    }),
  );
}
