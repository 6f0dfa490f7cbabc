import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage, fieldErrorsOf, isConflict } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMe } from '../auth/useMe';

interface TProvider {
  id: string;
  organisation: { id: string; name: string };
  displayName: string;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  emailDomains: string[];
  requireSso: boolean;
  enabled: boolean;
  version: number;
  linkedAccounts: number;
}

const EMPTY = {
  organisationId: '',
  displayName: '',
  issuer: '',
  clientId: '',
  clientSecret: '',
  emailDomains: [] as string[],
  requireSso: false,
  enabled: true,
};

/** Add or change one organisation's identity provider. */
function ProviderForm({ editing, onClose }: { editing: TProvider | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const organisations = useQuery(trpc.organisation.list.queryOptions());
  const [v, setV] = useState(
    editing
      ? {
          organisationId: editing.organisation.id,
          displayName: editing.displayName,
          issuer: editing.issuer,
          clientId: editing.clientId,
          clientSecret: '',
          emailDomains: editing.emailDomains,
          requireSso: editing.requireSso,
          enabled: editing.enabled,
        }
      : EMPTY,
  );
  const save = useMutation(
    trpc.sso.saveProvider.mutationOptions({
      onSuccess: async (p) => {
        notify({
          color: 'green',
          title: 'Sign-in provider saved',
          message: `${p.displayName} for ${p.organisation.name}`,
        });
        await queryClient.invalidateQueries(trpc.sso.providers.queryFilter());
        onClose();
      },
    }),
  );
  const errors = save.error ? fieldErrorsOf(save.error) : {};
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((x) => ({ ...x, [k]: value }));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          ...v,
          clientSecret: v.clientSecret || undefined,
          ...(editing ? { version: editing.version } : {}),
        });
      }}
    >
      <Stack gap="sm">
        <Select
          label="Organisation"
          searchable
          data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={v.organisationId || null}
          onChange={(id) => set('organisationId', id ?? '')}
          error={errors.organisationId}
          disabled={!!editing}
        />
        <TextInput
          label="Name on the sign-in button"
          description="“Sign in with …”, e.g. Northshire ICB"
          value={v.displayName}
          onChange={(e) => set('displayName', e.currentTarget.value)}
          error={errors.displayName}
        />
        <TextInput
          label="Issuer"
          description="Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0"
          value={v.issuer}
          onChange={(e) => set('issuer', e.currentTarget.value)}
          error={errors.issuer}
        />
        <TextInput
          label="Application (client) id"
          value={v.clientId}
          onChange={(e) => set('clientId', e.currentTarget.value)}
          error={errors.clientId}
        />
        <PasswordInput
          label="Client secret"
          description={
            editing?.hasClientSecret ? 'Leave blank to keep the stored secret.' : 'Stored encrypted.'
          }
          value={v.clientSecret}
          onChange={(e) => set('clientSecret', e.currentTarget.value)}
          error={errors.clientSecret}
          autoComplete="off"
        />
        <TagsInput
          label="Email domains it signs in"
          description="Press Enter after each, e.g. northshire.nhs.uk"
          value={v.emailDomains}
          onChange={(d) => set('emailDomains', d)}
          error={errors.emailDomains}
        />
        <Switch
          label="Require single sign-on (the organisation’s members cannot use passwords)"
          checked={v.requireSso}
          onChange={(e) => set('requireSso', e.currentTarget.checked)}
        />
        <Switch
          label="Enabled"
          checked={v.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
        />
        <Text size="sm">
          Register this redirect URI at the provider:{' '}
          <Code>{`${window.location.origin}/auth/sso/callback`}</Code>
        </Text>
        {save.error && !Object.keys(errors).length && (
          <Text size="sm" c="red.8" role="alert">
            {isConflict(save.error)
              ? 'Someone else changed this provider while you were editing: close and open it again.'
              : errorMessage(save.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save provider
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** System administrators: each organisation's own sign-in (OpenID Connect, e.g. Microsoft Entra ID). */
export function SignInProvidersPage() {
  usePageTitle('Sign-in providers');
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const providers = useQuery({ ...trpc.sso.providers.queryOptions(), enabled: me.isSystemAdmin });
  const [editing, setEditing] = useState<TProvider | 'new' | null>(null);
  const [checked, setChecked] = useState<Record<string, { ok: boolean; message: string }>>({});
  const check = useMutation(
    trpc.sso.checkProvider.mutationOptions({
      onSuccess: (r, input) => setChecked((c) => ({ ...c, [input.id]: r })),
    }),
  );
  const remove = useMutation(
    trpc.sso.removeProvider.mutationOptions({
      onSuccess: async () => {
        notify({
          color: 'green',
          title: 'Sign-in provider removed',
          message: 'Its members sign in with passwords.',
        });
        await queryClient.invalidateQueries(trpc.sso.providers.queryFilter());
      },
      onError: (e) => notify({ color: 'red', title: 'Could not remove it', message: errorMessage(e) }),
    }),
  );
  if (!me.isSystemAdmin)
    return (
      <Alert color="blue" title="System administrators only">
        Ask a Baton system administrator to set up your organisation’s sign-in.
      </Alert>
    );
  if (providers.isPending) return <PageSkeleton />;
  if (providers.error) return <QueryError error={providers.error} onRetry={() => void providers.refetch()} />;
  const rows = providers.data as TProvider[];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>Sign-in providers</Title>
          <Text c="dimmed" maw={720}>
            Each organisation can sign its staff in with its own account (OpenID Connect: Microsoft Entra ID,
            NHSmail and others). People whose email is in one of its domains see “Sign in with …”.
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          Add a provider
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="xs">
            <IconKey size={32} aria-hidden />
            <Text fw={600}>No organisation signs in with its own account yet</Text>
            <Text size="sm" c="dimmed">
              Add a provider to let an organisation’s staff use their work account instead of a Baton
              password.
            </Text>
          </Stack>
        </Card>
      ) : (
        <TableScroll label="Sign-in providers" minWidth={900}>
          <Table striped verticalSpacing="sm" data-testid="sign-in-providers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Organisation</Table.Th>
                <Table.Th>Sign in with</Table.Th>
                <Table.Th>Email domains</Table.Th>
                <Table.Th>Passwords</Table.Th>
                <Table.Th>Linked people</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.organisation.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {p.displayName}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {p.issuer}
                    </Text>
                    {!p.enabled && (
                      <Badge color="gray.8" variant="filled" size="sm">
                        Turned off
                      </Badge>
                    )}
                    {checked[p.id] && (
                      <Text size="xs" fw={600} role="status">
                        {checked[p.id]!.ok ? 'Check passed: ' : 'Check failed: '}
                        {checked[p.id]!.message}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{p.emailDomains.join(', ')}</Table.Td>
                  <Table.Td>{p.requireSso ? 'Refused' : 'Allowed'}</Table.Td>
                  <Table.Td>{p.linkedAccounts}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(p)}>
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        loading={check.isPending && check.variables?.id === p.id}
                        onClick={() => check.mutate({ id: p.id })}
                      >
                        Check
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        color="red.8"
                        onClick={() => {
                          if (
                            window.confirm(
                              `Remove sign-in with ${p.displayName}? Its members will need passwords.`,
                            )
                          )
                            remove.mutate({ id: p.id, version: p.version });
                        }}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add a sign-in provider' : 'Change the sign-in provider'}
        size="lg"
      >
        {editing !== null && (
          <ProviderForm editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
