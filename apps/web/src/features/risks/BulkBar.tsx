import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Group, Select, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { RISK_STATUSES, type TRiskStatus } from '@baton/domain';
import { errorMessage, fieldErrorsOf, isConflict } from '../../lib/errors';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { shortStatusLabel } from './RiskVisuals';
import { notify } from './notify';
import { useRefreshRisks } from './useRiskMutations';
import type { RiskListItem, RiskMatrix } from './types';

const UNASSIGNED = '__unassigned__';

/**
 * Changes for every selected risk at once: status, owner, category. The server applies all or none, so a
 * refusal (a risk changed meanwhile, or one the user may not change) leaves every risk as it was.
 */
export function BulkBar({
  programmeId,
  selected,
  matrix,
  owners,
  onDone,
  onClear,
}: {
  programmeId: string;
  selected: RiskListItem[];
  matrix: RiskMatrix;
  owners: Array<{ value: string; label: string }>;
  onDone: () => void;
  onClear: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshRisks();
  const [status, setStatus] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const bulk = useMutation(
    trpc.risk.bulkUpdate.mutationOptions({
      onSuccess: async ({ updated }) => {
        await refresh();
        notify({
          color: 'green',
          title: `${formatCount(updated, 'risk', 'risks')} updated`,
          message: 'The changes are saved.',
        });
        setStatus(null);
        setOwner(null);
        setCategory(null);
        setProblem(null);
        onDone();
      },
      onError: async (error) => {
        await refresh();
        const details = Object.values(fieldErrorsOf(error));
        setProblem(
          `Nothing was changed: ${
            isConflict(error)
              ? 'one or more of the selected risks was changed by someone else meanwhile. The latest is now shown; check and try again.'
              : errorMessage(error)
          }${details.length ? ` ${details.join(' ')}` : ''}`,
        );
      },
    }),
  );

  const hasChange = status !== null || owner !== null || category !== null;
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      bg="nhsBlue.0"
      component="section"
      aria-label="Change selected risks"
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Text size="sm" fw={700} style={{ alignSelf: 'center' }} aria-live="polite">
          {formatCount(selected.length, 'risk', 'risks')} selected
        </Text>
        <Select
          size="xs"
          label="Set status"
          placeholder="Leave as is"
          data={RISK_STATUSES.map((s) => ({ value: s, label: shortStatusLabel(s) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={150}
        />
        <Select
          size="xs"
          label="Set owner"
          placeholder="Leave as is"
          data={[{ value: UNASSIGNED, label: 'Unassigned' }, ...owners]}
          value={owner}
          onChange={setOwner}
          searchable
          clearable
          w={180}
        />
        <Select
          size="xs"
          label="Set category"
          placeholder="Leave as is"
          data={matrix.categories.map((c) => ({ value: c.key, label: c.label }))}
          value={category}
          onChange={setCategory}
          searchable
          clearable
          w={200}
        />
        <Button
          size="xs"
          disabled={!hasChange}
          loading={bulk.isPending}
          onClick={() => {
            setProblem(null);
            bulk.mutate({
              programmeId,
              risks: selected.map((r) => ({ riskId: r.id, version: r.version })),
              patch: {
                ...(status ? { status: status as TRiskStatus } : {}),
                ...(owner ? { ownerUserId: owner === UNASSIGNED ? null : owner } : {}),
                ...(category ? { categoryKey: category } : {}),
              },
            });
          }}
        >
          Apply to {formatCount(selected.length, 'risk', 'risks')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onClear}>
          Clear selection
        </Button>
      </Group>
      {problem && (
        <Alert
          role="alert"
          mt="sm"
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="The change was refused"
        >
          {problem}
        </Alert>
      )}
    </Card>
  );
}
