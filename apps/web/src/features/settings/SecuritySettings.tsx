import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Section } from '../../components/Section';
import { errorMessage, isConflict } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';

/** Whether members who sign in with a password must also use a second factor (authenticator app). */
export function SecuritySettings({
  programmeId,
  programme,
  canEdit,
}: {
  programmeId: string;
  programme: { version: number; requireSecondFactor: boolean };
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [required, setRequired] = useState(programme.requireSecondFactor);
  const save = useMutation(
    trpc.programme.updateSecurity.mutationOptions({
      onSuccess: async (p) => {
        notify({
          color: 'green',
          title: 'Security settings saved',
          message: p.requireSecondFactor
            ? 'Members who sign in with a password are now asked for a second factor.'
            : 'A second factor is no longer required.',
        });
        await queryClient.invalidateQueries(trpc.programme.pathFilter());
      },
    }),
  );
  return (
    <Section id="settings-security" title="Security">
      <Stack gap="sm" maw={560}>
        <Text size="sm" c="dimmed">
          People who sign in through their organisation’s own account are covered by its sign-in policies. For
          everyone who signs in with a Baton password you can require an authenticator app as well: until they
          set one up they are asked to, and they cannot open this programme.
        </Text>
        <Switch
          label="Require a second factor of members who sign in with a password"
          checked={required}
          onChange={(e) => setRequired(e.currentTarget.checked)}
          disabled={!canEdit}
        />
        {save.error && (
          <Text size="sm" c="red.8" role="alert">
            {isConflict(save.error)
              ? 'Someone else changed the programme while you were editing: reload the page and try again.'
              : errorMessage(save.error)}{' '}
            {!isConflict(save.error) && (
              <Anchor component={Link} to="/account/security" underline="always">
                Set up your second factor
              </Anchor>
            )}
          </Text>
        )}
        {canEdit && (
          <Group>
            <Button
              disabled={required === programme.requireSecondFactor}
              loading={save.isPending}
              onClick={() =>
                save.mutate({ programmeId, version: programme.version, requireSecondFactor: required })
              }
            >
              Save security settings
            </Button>
          </Group>
        )}
      </Stack>
    </Section>
  );
}
