import { lazy, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconMailForward, IconLogout, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { errorCode, errorMessage, isConflict } from '../../lib/errors';
import { formatCount } from '../../lib/format';
import { membershipRoleLabel } from '../../lib/labels';
import { useTRPC, type Member } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMe } from '../auth/useMe';
import { useProgramme } from '../programmes/useProgramme';
import { ROLE_OPTIONS } from './roleOptions';
import { DialogSlot } from '../../components/DialogSlot';

const InviteMemberModal = lazy(() =>
  import('./InviteMemberModal').then((m) => ({ default: m.InviteMemberModal })),
);
const InviteLinkModal = lazy(() => import('./InviteLinkModal').then((m) => ({ default: m.InviteLinkModal })));

function StatusBadge({ status }: { status: Member['status'] }) {
  return status === 'active' ? (
    <Badge color="#007F3B" variant="filled" radius="sm">
      Active
    </Badge>
  ) : (
    <Badge color="#FFB81C" variant="filled" radius="sm">
      Invited
    </Badge>
  );
}

export function MembersPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const { programme, can, overview } = useProgramme(programmeId);
  usePageTitle('Members', programme?.name);
  const members = useQuery(trpc.member.list.queryOptions({ programmeId }));
  const canManage = can('members.manage');

  const [inviteOpened, inviteModal] = useDisclosure(false);
  const [inviteLink, setInviteLink] = useState<{ name: string; email: string; inviteUrl: string } | null>(
    null,
  );
  const [removing, setRemoving] = useState<Member | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.member.list.pathFilter()),
      queryClient.invalidateQueries(trpc.programme.overview.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);

  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: async (_member, input) => {
        await refresh();
        notifications.show({
          color: 'green',
          title: 'Role changed',
          message: `Now ${membershipRoleLabel(input.role)}.`,
        });
      },
      onError: async (error) => {
        await refresh();
        notifications.show({
          color: 'red',
          title: 'The role was not changed',
          message: isConflict(error)
            ? 'Someone else changed this member while you were editing; the latest version is now shown.'
            : errorMessage(error),
        });
      },
    }),
  );

  const reissue = useMutation(
    trpc.member.reissueInvite.mutationOptions({
      onError: (error) =>
        notifications.show({ color: 'red', title: 'No new invitation', message: errorMessage(error) }),
    }),
  );

  const endSessions = useMutation(
    trpc.member.endSessions.mutationOptions({
      onSuccess: ({ ended }, { membershipId }) => {
        const who = members.data?.find((x) => x.membershipId === membershipId)?.name ?? 'The member';
        notifications.show({
          color: 'green',
          title: 'Signed out everywhere',
          message: ended
            ? `${who} was signed out of ${ended === 1 ? '1 browser' : `${ended} browsers`}.`
            : `${who} was not signed in anywhere.`,
        });
      },
      onError: (error) =>
        notifications.show({ color: 'red', title: 'Could not sign them out', message: errorMessage(error) }),
    }),
  );

  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: async () => {
        await refresh();
        notifications.show({ color: 'green', title: 'Member removed', message: removing?.name ?? '' });
        setRemoving(null);
      },
      onError: async (error) => {
        await refresh();
        notifications.show({
          color: 'red',
          title: 'The member was not removed',
          message: errorMessage(error),
        });
        setRemoving(null);
      },
    }),
  );

  if (members.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(members.error) ?? '')) {
    return <NotFoundPage />;
  }

  const list = members.data ?? [];
  const invitedCount = list.filter((m) => m.status === 'invited').length;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>Members</Title>
          {members.data && (
            <Text c="dimmed">
              {formatCount(list.length - invitedCount, 'active member', 'active members')}
              {invitedCount > 0 &&
                `, ${formatCount(invitedCount, 'invitation', 'invitations')} not yet accepted`}
            </Text>
          )}
        </Stack>
        {canManage && (
          <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={inviteModal.open}>
            Invite someone
          </Button>
        )}
      </Group>

      {overview.isError && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      {members.isPending && <PageSkeleton rows={3} />}
      {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
      {members.data && (
        <Card withBorder radius="md" padding={0}>
          <TableScroll label="Members" minWidth={880}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
              <Table.Caption className="visually-hidden">
                Members of {programme?.name ?? 'this programme'}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Email</Table.Th>
                  <Table.Th scope="col">Organisation</Table.Th>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col" w={110}>
                    Status
                  </Table.Th>
                  {canManage && (
                    <Table.Th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((m) => {
                  const isMe = m.userId === me.id;
                  return (
                    <Table.Tr key={m.membershipId}>
                      <Table.Th scope="row" fw={600}>
                        {m.name}
                        {isMe && (
                          <Text component="span" c="dimmed" size="sm" fw={400}>
                            {' '}
                            (you)
                          </Text>
                        )}
                      </Table.Th>
                      <Table.Td>
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {m.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" title={m.organisation.name}>
                          {m.organisation.name}
                        </Text>
                      </Table.Td>
                      <Table.Td w={200}>
                        {canManage && !isMe ? (
                          <Select
                            aria-label={`Role of ${m.name}`}
                            data={ROLE_OPTIONS}
                            value={m.role}
                            allowDeselect={false}
                            size="xs"
                            disabled={
                              changeRole.isPending && changeRole.variables?.membershipId === m.membershipId
                            }
                            onChange={(role) =>
                              role &&
                              role !== m.role &&
                              changeRole.mutate({
                                programmeId,
                                membershipId: m.membershipId,
                                role: role as (typeof ROLE_OPTIONS)[number]['value'],
                                version: m.version,
                              })
                            }
                          />
                        ) : (
                          membershipRoleLabel(m.role)
                        )}
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={m.status} />
                      </Table.Td>
                      {canManage && (
                        <Table.Td>
                          {!isMe && (
                            <Menu position="bottom-end" shadow="md">
                              <Menu.Target>
                                <ActionIcon
                                  variant="subtle"
                                  color="gray.9"
                                  aria-label={`Actions for ${m.name}`}
                                >
                                  <IconDots size={18} aria-hidden />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                {m.status === 'invited' && (
                                  <Menu.Item
                                    leftSection={<IconMailForward size={16} aria-hidden />}
                                    onClick={() =>
                                      reissue.mutate(
                                        { programmeId, membershipId: m.membershipId },
                                        {
                                          onSuccess: ({ inviteUrl }) => {
                                            void refresh();
                                            setInviteLink({ name: m.name, email: m.email, inviteUrl });
                                          },
                                        },
                                      )
                                    }
                                  >
                                    Re-issue invitation
                                  </Menu.Item>
                                )}
                                {m.status === 'active' && (
                                  <Menu.Item
                                    leftSection={<IconLogout size={16} aria-hidden />}
                                    onClick={() =>
                                      endSessions.mutate({ programmeId, membershipId: m.membershipId })
                                    }
                                  >
                                    Sign out everywhere
                                  </Menu.Item>
                                )}
                                <Menu.Item
                                  color="red.9"
                                  leftSection={<IconUserMinus size={16} aria-hidden />}
                                  onClick={() => setRemoving(m)}
                                >
                                  Remove from programme
                                </Menu.Item>
                              </Menu.Dropdown>
                            </Menu>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Card>
      )}

      {canManage && (
        <>
          <DialogSlot open={inviteOpened}>
            <InviteMemberModal
              programmeId={programmeId}
              opened={inviteOpened}
              onClose={inviteModal.close}
              onInvited={setInviteLink}
            />
          </DialogSlot>
          <DialogSlot open={inviteLink !== null}>
            <InviteLinkModal invite={inviteLink} onClose={() => setInviteLink(null)} />
          </DialogSlot>
          <ConfirmModal
            opened={removing !== null}
            title={`Remove ${removing?.name ?? 'this member'}?`}
            confirmLabel="Remove member"
            loading={remove.isPending}
            onClose={() => setRemoving(null)}
            onConfirm={() =>
              removing &&
              remove.mutate({ programmeId, membershipId: removing.membershipId, version: removing.version })
            }
          >
            {`${removing?.name ?? 'They'} will lose access to ${programme?.name ?? 'this programme'}. Their past changes stay in the history.`}
          </ConfirmModal>
        </>
      )}
    </Stack>
  );
}
