import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useProgramme } from '../programmes/useProgramme';
import { organisationOptionsOf } from '../transition/taskForm';
import { TaskEditDrawer } from '../transition/TaskEditDrawer';
import type { TaskDetail } from '../transition/types';

/** A request to edit a task; a new nonce reopens the same task. */
export interface EditRequest {
  taskId: string;
  nonce: number;
}

/**
 * The transition plan's edit drawer, opened from the workspace. The workspace carries only a summary of each
 * task, so this reads the whole task fresh (its current version) before opening; saving refreshes the
 * workspace with every other view a task change moves.
 */
export function WorkspaceTaskEditor({
  programmeId,
  request,
}: {
  programmeId: string;
  request: EditRequest | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { overview, can } = useProgramme(programmeId);
  const members = useQuery(trpc.member.list.queryOptions({ programmeId }));
  const organisations = useMemo(() => organisationOptionsOf(overview.data?.parties ?? []), [overview.data]);
  const [task, setTask] = useState<TaskDetail['task'] | null>(null);
  const [opened, setOpened] = useState(false);

  useEffect(() => {
    if (!request) return;
    let live = true;
    queryClient
      .fetchQuery({
        ...trpc.transition.task.queryOptions({ programmeId, taskId: request.taskId }),
        staleTime: 0,
      })
      .then((detail) => {
        if (!live) return;
        setTask(detail.task);
        setOpened(true);
      })
      .catch((error: unknown) => {
        if (live)
          notify({ color: 'red', title: 'The task could not be opened', message: errorMessage(error) });
      });
    return () => {
      live = false;
    };
  }, [request, programmeId, queryClient, trpc]);

  if (!task || !overview.data || !members.data) return null;
  return (
    <TaskEditDrawer
      key={task.id}
      programmeId={programmeId}
      task={task}
      organisations={organisations}
      members={members.data}
      lockOrganisation={!can('items.editAny')}
      opened={opened}
      onClose={() => setOpened(false)}
    />
  );
}
