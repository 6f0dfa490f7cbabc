import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';

/** The bell checks every minute, and whenever the window regains focus. */
export const UNREAD_REFETCH_MS = 60_000;

export function useUnreadCount() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.notification.unreadCount.queryOptions(),
    refetchInterval: UNREAD_REFETCH_MS,
    refetchOnWindowFocus: 'always',
  });
}

/** After any change to read state: the list and the bell. */
function useNotificationsRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.notification.pathFilter());
}

export function useMarkRead() {
  const trpc = useTRPC();
  const refresh = useNotificationsRefresh();
  return useMutation(
    trpc.notification.markRead.mutationOptions({
      onSettled: () => refresh(),
      onError: (error) => notify({ color: 'red', title: 'Not marked as read', message: errorMessage(error) }),
    }),
  );
}

export function useMarkAllRead() {
  const trpc = useTRPC();
  const refresh = useNotificationsRefresh();
  return useMutation(
    trpc.notification.markAllRead.mutationOptions({
      onSuccess: (r) =>
        notify({
          color: 'green',
          title: 'All caught up',
          message: `${r.updated} ${r.updated === 1 ? 'notification' : 'notifications'} marked as read.`,
        }),
      onError: (error) => notify({ color: 'red', title: 'Not marked as read', message: errorMessage(error) }),
      onSettled: () => refresh(),
    }),
  );
}
