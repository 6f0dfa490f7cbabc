import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconDeviceDesktop, IconLogout } from '@tabler/icons-react';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage } from '../../lib/errors';
import { formatRelative, formatTimestamp } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { PROVIDER_SIGN_OUT } from '../auth/providerSignOut';

/** Every browser signed in to my account, and a way to sign any of them out. */
export function SessionsPage() {
  usePageTitle('Your sessions');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const attempts = useQuery(trpc.auth.signInAttempts.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.auth.sessions.queryFilter());
  const endOne = useMutation(
    trpc.auth.endSession.mutationOptions({
      onSuccess: async (r) => {
        if (r.signedOutHere) {
          // As signing out from the menu does: the sign-in page offers the provider's own sign-out.
          if (r.provider) sessionStorage.setItem(PROVIDER_SIGN_OUT, JSON.stringify(r.provider));
          window.location.assign('/signin');
          return;
        }
        notify({ color: 'green', title: 'Signed out', message: 'That browser is signed out.' });
        await refresh();
      },
      onError: (e) => notify({ color: 'red', title: 'Could not sign it out', message: errorMessage(e) }),
    }),
  );
  const endOthers = useMutation(
    trpc.auth.endOtherSessions.mutationOptions({
      onSuccess: async (r) => {
        notify({
          color: 'green',
          title: 'Signed out everywhere else',
          message:
            r.ended === 1 ? '1 other browser is signed out.' : `${r.ended} other browsers are signed out.`,
        });
        await refresh();
      },
      onError: (e) => notify({ color: 'red', title: 'Could not sign out', message: errorMessage(e) }),
    }),
  );

  if (sessions.isPending) return <PageSkeleton />;
  if (sessions.isError) return <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />;
  const others = sessions.data.filter((s) => !s.current).length;
  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Title order={1}>Your sessions</Title>
        <Text c="dimmed">
          Every browser signed in to your account. If you do not recognise one, sign it out and change your
          password. Sessions end by themselves after a period without use.
        </Text>
      </Stack>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Group justify="space-between">
            <Text fw={600}>
              {sessions.data.length === 1
                ? 'Signed in on this browser only.'
                : `Signed in on ${sessions.data.length} browsers.`}
            </Text>
            <Button
              variant="outline"
              color="red.9"
              leftSection={<IconLogout size={16} aria-hidden />}
              disabled={others === 0}
              loading={endOthers.isPending}
              onClick={() => endOthers.mutate()}
            >
              Sign out everywhere else
            </Button>
          </Group>
          <TableScroll label="Your sessions" minWidth={640}>
            <Table verticalSpacing="sm" data-testid="sessions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Device</Table.Th>
                  <Table.Th scope="col">Address</Table.Th>
                  <Table.Th scope="col">Signed in</Table.Th>
                  <Table.Th scope="col">Last used</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">Sign out</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw={400}>
                      <Group gap={8} wrap="nowrap">
                        <IconDeviceDesktop size={18} aria-hidden />
                        <Text size="sm" fw={600}>
                          {s.device}
                        </Text>
                        {s.current && (
                          <Badge radius="sm" tt="none" color="nhsBlue.9" variant="filled">
                            This browser
                          </Badge>
                        )}
                      </Group>
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">{s.ipAddress ?? 'Not recorded'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatTimestamp(s.signedInAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.current ? 'Now' : formatRelative(s.lastUsedAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        aria-label={`Sign out ${s.device}${s.current ? ' (this browser)' : ''}`}
                        loading={endOne.isPending && endOne.variables?.sessionId === s.id}
                        onClick={() => endOne.mutate({ sessionId: s.id })}
                      >
                        Sign out
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Stack>
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Recent sign-in attempts
          </Title>
          <Text size="sm" c="dimmed">
            The latest attempts to sign in to your account, and where from. Failed attempts you did not make
            may mean someone is guessing your password: change it.
          </Text>
          {attempts.data && attempts.data.length === 0 && (
            <Text size="sm">No sign-in attempts recorded.</Text>
          )}
          {attempts.data && attempts.data.length > 0 && (
            <TableScroll label="Recent sign-in attempts" minWidth={480}>
              <Table verticalSpacing={6} data-testid="sign-in-attempts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When</Table.Th>
                    <Table.Th scope="col">Address</Table.Th>
                    <Table.Th scope="col">Result</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {attempts.data.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Text size="sm">{formatTimestamp(a.at)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{a.ipAddress}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={a.succeeded ? 400 : 700} c={a.succeeded ? undefined : 'red.9'}>
                          {a.succeeded ? 'Signed in' : 'Failed: wrong password'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
