import { Anchor, Button, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';

interface Props {
  programmeId: string;
  riskId: string;
  transfers: Array<{ id: string; name: string }>;
  canEdit: boolean;
}

/** The transfers this risk threatens: linked risks count towards each transfer's go-live readiness. */
export function LinkedTransfers({ programmeId, riskId, transfers, canEdit }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [selected, setSelected] = useState<string[]>(transfers.map((t) => t.id));
  const options = useQuery({ ...trpc.transition.transfers.queryOptions({ programmeId }), enabled: editing });
  const save = useMutation(
    trpc.risk.setTransferLinks.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        notify({
          color: 'green',
          title: 'Links saved',
          message: 'Readiness now counts this risk against the chosen transfers.',
        });
        await queryClient.invalidateQueries(trpc.risk.get.pathFilter());
        await queryClient.invalidateQueries(trpc.transition.pathFilter());
      },
    }),
  );

  if (editing) {
    return (
      <Stack gap="xs">
        <MultiSelect
          label="Linked transfers"
          description="Escalated risks linked to a transfer turn its readiness red."
          data={(options.data ?? []).map((r) => ({ value: r.transfer.id, label: r.transfer.name }))}
          value={selected}
          onChange={setSelected}
          disabled={options.isPending}
          searchable
          clearable
        />
        {save.isError && (
          <Text size="sm" c="red.9" role="alert">
            {errorMessage(save.error)}
          </Text>
        )}
        <Group gap="xs">
          <Button
            size="xs"
            loading={save.isPending}
            onClick={() => save.mutate({ programmeId, riskId, transferIds: selected })}
          >
            Save links
          </Button>
          <Button size="xs" variant="default" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Group gap="xs" align="baseline">
      {transfers.length ? (
        transfers.map((t, i) => (
          <span key={t.id}>
            <Anchor component={Link} to={`/p/${programmeId}/transition/${t.id}`} size="sm">
              {t.name}
            </Anchor>
            {i < transfers.length - 1 ? ',' : ''}
          </span>
        ))
      ) : (
        <Text size="sm">None</Text>
      )}
      {canEdit && (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            setSelected(transfers.map((t) => t.id));
            setEditing(true);
          }}
        >
          Change
        </Button>
      )}
    </Group>
  );
}
