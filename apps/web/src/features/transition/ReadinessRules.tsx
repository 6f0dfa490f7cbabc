import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, List, NumberInput, SegmentedControl, Spoiler, Stack, Text } from '@mantine/core';
import type { TReadinessSettings } from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';

/**
 * The written rules behind every readiness RAG (the same rules joint progress, milestones and the pack use), how
 * percent complete and margin are counted, and, for programme admins, the settings the rules take.
 */
export function ReadinessRules({ programmeId }: { programmeId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.transition.readinessRules.queryOptions({ programmeId }));
  const [editing, setEditing] = useState(false);
  if (!q.data) return null;
  const { rules } = q.data;
  return (
    <Spoiler maxHeight={0} showLabel="How readiness is decided" hideLabel="Hide the rules">
      <Stack gap="xs" mt="xs" data-testid="readiness-rules">
        <Text size="sm" fw={700}>
          Red: go-live at risk
        </Text>
        <List size="sm" spacing={2}>
          {rules.red.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
        <Text size="sm" fw={700}>
          Amber: needs attention
        </Text>
        <List size="sm" spacing={2}>
          {rules.amber.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
        <Text size="sm" fw={700}>
          Green
        </Text>
        <List size="sm" spacing={2}>
          {rules.green.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed">
          A workstream with work due and not started is not green. {q.data.percentComplete} {q.data.margin}
        </Text>
        {q.data.canEdit &&
          (editing ? (
            <SettingsForm
              programmeId={programmeId}
              version={q.data.programmeVersion}
              settings={q.data.settings}
              onDone={() => setEditing(false)}
            />
          ) : (
            <Button
              size="xs"
              variant="light"
              onClick={() => setEditing(true)}
              style={{ alignSelf: 'flex-start' }}
            >
              Change the thresholds
            </Button>
          ))}
      </Stack>
    </Spoiler>
  );
}

function SettingsForm({
  programmeId,
  version,
  settings,
  onDone,
}: {
  programmeId: string;
  version: number;
  settings: TReadinessSettings;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const [value, setValue] = useState(settings);
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation(
    trpc.transition.updateReadinessSettings.mutationOptions({
      onSuccess: async () => {
        notify({ message: 'Readiness thresholds saved', color: 'green' });
        await client.invalidateQueries({ queryKey: trpc.transition.pathKey() });
        await client.invalidateQueries({ queryKey: trpc.progress.pathKey() });
        onDone();
      },
      onError: (e) => setProblems([errorMessage(e)]),
    }),
  );
  return (
    <Stack
      gap="sm"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ programmeId, version, settings: value });
      }}
    >
      <FormErrors messages={problems} />
      <Group grow align="flex-start">
        <NumberInput
          label="Margin warning (days)"
          description="Amber when the margin before the transfer date is under this"
          min={0}
          max={90}
          value={value.marginWarningDays}
          onChange={(v) => setValue({ ...value, marginWarningDays: Number(v) || 0 })}
        />
        <NumberInput
          label="Due-soon warning (days)"
          description="Amber when a condition precedent or gate due within this is not met"
          min={1}
          max={90}
          value={value.warningDays}
          onChange={(v) => setValue({ ...value, warningDays: Number(v) || 1 })}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="escalated-risk-label">
          An open escalated risk linked to the transfer makes it
        </Text>
        <SegmentedControl
          aria-labelledby="escalated-risk-label"
          value={value.escalatedRisk}
          onChange={(v) => setValue({ ...value, escalatedRisk: v as 'red' | 'amber' })}
          data={[
            { value: 'amber', label: 'Amber (needs attention)' },
            { value: 'red', label: 'Red (go-live at risk)' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={save.isPending}>
          Save thresholds
        </Button>
      </Group>
    </Stack>
  );
}
