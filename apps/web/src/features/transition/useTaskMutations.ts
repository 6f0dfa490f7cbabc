import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notify } from './notify';
import { errorMessage, isConflict } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';

export const TASK_CONFLICT_MESSAGE =
  'Someone else changed this task while you were editing; the latest version is now shown. Make your change again if it is still needed.';

/**
 * Everything a task change can move: plans, readiness, my tasks, the task itself, the history, and the views
 * built on them (the lead's workspace, joint progress, the steering pack's readiness and decisions).
 */
export function useTransitionRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.transition.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
      queryClient.invalidateQueries(trpc.workspace.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
      queryClient.invalidateQueries(trpc.steering.pathFilter()),
    ]);
}

/**
 * Saves a task (with the version it was read at). Any failure refetches, so a CONFLICT shows the latest
 * version straight away; the message says what happened.
 */
export function useUpdateTask() {
  const trpc = useTRPC();
  const refresh = useTransitionRefresh();
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
