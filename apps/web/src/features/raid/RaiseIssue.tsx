import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Group, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { Link } from 'react-router';
import { raidReference } from '@baton/domain';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';

/**
 * On a risk's page: the issues raised from it, and "Raise as an issue" when it has happened (the risk is
 * marked materialised and an issue linked to it is raised, in one step).
 */
export function RaiseIssue({
  programmeId,
  risk,
  canEdit,
}: {
  programmeId: string;
  risk: { id: string; version: number; status: string };
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const issues = useQuery(trpc.raid.list.queryOptions({ programmeId, kind: 'issue', state: 'all' }));
  const linked = (issues.data ?? []).filter((i) => i.risk?.id === risk.id);
  const hasOpen = linked.some((i) => i.status === 'open' || i.status === 'in_progress');
  const raise = useMutation(
    trpc.raid.raiseIssue.mutationOptions({
      onSuccess: async ({ issue }) => {
        notify({
          color: 'green',
          title: `${raidReference('issue', issue.number)} raised`,
          message: 'The risk is marked as materialised; the issue is in the RAID log.',
        });
        await Promise.all([
          queryClient.invalidateQueries(trpc.raid.pathFilter()),
          queryClient.invalidateQueries(trpc.risk.pathFilter()),
        ]);
      },
      onError: (e) => notify({ color: 'red', title: 'No issue raised', message: errorMessage(e) }),
    }),
  );
  return (
    <Group gap="sm" wrap="wrap">
      {linked.map((i) => (
        <Anchor
          key={i.id}
          component={Link}
          to={`/p/${programmeId}/raid?item=${i.id}`}
          size="sm"
          underline="always"
          data-testid="linked-issue"
        >
          Issue {raidReference('issue', i.number)} ({i.status.replace('_', ' ')})
        </Anchor>
      ))}
      {canEdit && !hasOpen && risk.status !== 'closed' && (
        <Button
          variant="outline"
          color="red.9"
          size="sm"
          leftSection={<IconAlertOctagon size={16} aria-hidden />}
          loading={raise.isPending}
          onClick={() => raise.mutate({ programmeId, riskId: risk.id, version: risk.version })}
        >
          Raise as an issue
        </Button>
      )}
      {canEdit && !hasOpen && risk.status !== 'closed' && (
        <Text size="xs" c="dimmed">
          When the risk has happened: marks it materialised and opens a linked issue.
        </Text>
      )}
    </Group>
  );
}
