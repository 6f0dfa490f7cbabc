import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { PROTECTIVE_MARKINGS, type TProtectiveMarking } from '@baton/domain';
import { Section } from '../../components/Section';
import { errorMessage, fieldErrorsOf, isConflict } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';

/** Where the programme's papers go and how every page of them is marked. */
export function GovernanceSettings({
  programmeId,
  programme,
  canEdit,
}: {
  programmeId: string;
  programme: {
    version: number;
    governanceGroupName: string | null;
    protectiveMarking: string;
    stage: string;
  };
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(programme.governanceGroupName ?? '');
  const [marking, setMarking] = useState(programme.protectiveMarking);
  const save = useMutation(
    trpc.programme.updateGovernance.mutationOptions({
      onSuccess: async () => {
        notify({ color: 'green', title: 'Governance settings saved', message: 'The next paper uses them.' });
        await queryClient.invalidateQueries(trpc.programme.pathFilter());
      },
    }),
  );
  const errors = save.error ? fieldErrorsOf(save.error) : {};
  const changed = name !== (programme.governanceGroupName ?? '') || marking !== programme.protectiveMarking;
  return (
    <Section id="settings-governance" title="Governance and papers">
      <Stack gap="sm" maw={560}>
        <Text size="sm" c="dimmed">
          The steering pack goes to this group and carries this marking on every page. A frozen pack keeps
          what it was frozen with.
        </Text>
        <TextInput
          label="Governance group"
          description="Leave empty to name it from the programme stage (“Transition steering group” after award)."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.governanceGroupName}
          disabled={!canEdit}
          maxLength={120}
        />
        <Select
          label="Protective marking"
          description="Government Security Classifications, with the NHS descriptors."
          data={PROTECTIVE_MARKINGS.map((m) => ({ value: m, label: m }))}
          value={marking}
          onChange={(v) => v && setMarking(v as TProtectiveMarking)}
          allowDeselect={false}
          error={errors.protectiveMarking}
          disabled={!canEdit}
        />
        {save.error && !Object.keys(errors).length && (
          <Text size="sm" c="red.8" role="alert">
            {isConflict(save.error)
              ? 'Someone else changed the programme while you were editing: reload the page and try again.'
              : errorMessage(save.error)}
          </Text>
        )}
        {canEdit && (
          <Group>
            <Button
              disabled={!changed}
              loading={save.isPending}
              onClick={() =>
                save.mutate({
                  programmeId,
                  version: programme.version,
                  governanceGroupName: name,
                  protectiveMarking: marking as TProtectiveMarking,
                })
              }
            >
              Save governance settings
            </Button>
          </Group>
        )}
      </Stack>
    </Section>
  );
}
