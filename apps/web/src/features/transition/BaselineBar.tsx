import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { errorMessage } from '../../lib/errors';
import { formatCount, formatDate } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import type { Plan } from './types';

/** Which baseline the variance is measured against, and (for leads) keeping today's plan as a new one. */
export function BaselineBar({
  programmeId,
  plan,
  onChoose,
  canSet,
}: {
  programmeId: string;
  plan: Plan;
  onChoose: (baselineId: string | null) => void;
  canSet: boolean;
}) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [naming, setNaming] = useState(false);
  const save = useMutation(
    trpc.transition.setBaseline.mutationOptions({
      onSuccess: async () => {
        notify({ message: 'Baseline kept: every task’s dates as they stand', color: 'green' });
        setNaming(false);
        setName('');
        await client.invalidateQueries({ queryKey: trpc.transition.pathKey() });
      },
      onError: (e) => notify({ message: errorMessage(e), color: 'red' }),
    }),
  );
  const variance = plan.goLiveVarianceDays;
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        size="xs"
        label="Compare with baseline"
        placeholder="No baseline"
        data={plan.baselines.map((b) => ({
          value: b.id,
          label: `${b.name} (${formatDate(new Date(b.createdAt).toISOString().slice(0, 10))})`,
        }))}
        value={plan.baseline?.id ?? null}
        onChange={onChoose}
        clearable
        w={320}
      />
      {plan.baseline && variance !== null && (
        <Text size="sm" data-testid="go-live-variance">
          Go-live{' '}
          {variance === 0
            ? 'as in the baseline'
            : variance > 0
              ? `${formatCount(variance, 'day', 'days')} later than the baseline`
              : `${formatCount(-variance, 'day', 'days')} earlier than the baseline`}
        </Text>
      )}
      {canSet &&
        (naming ? (
          <Group
            gap="xs"
            align="flex-end"
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ programmeId, name });
            }}
          >
            <TextInput
              size="xs"
              label="Baseline name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              placeholder="e.g. Agreed at mobilisation board"
              w={260}
            />
            <Button size="xs" type="submit" loading={save.isPending}>
              Keep
            </Button>
            <Button size="xs" variant="default" onClick={() => setNaming(false)}>
              Cancel
            </Button>
          </Group>
        ) : (
          <Button size="xs" variant="light" onClick={() => setNaming(true)}>
            Set a baseline
          </Button>
        ))}
    </Group>
  );
}
