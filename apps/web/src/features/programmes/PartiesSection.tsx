import { lazy, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/errors';
import { organisationKindLabel, partyRoleLabel } from '../../lib/labels';
import { useTRPC, type Lot, type Party } from '../../lib/trpc';
import { groupParties, PARTY_ROLE_HEADINGS } from './partyGroups';
import { DialogSlot } from '../../components/DialogSlot';

const AddPartyModal = lazy(() => import('./AddPartyModal').then((m) => ({ default: m.AddPartyModal })));

export function PartiesSection({
  programmeId,
  parties,
  lots,
  canManage,
}: {
  programmeId: string;
  parties: Party[];
  lots: Lot[];
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Party | null>(null);
  const lotById = new Map(lots.map((l) => [l.id, l]));
  const scopeOf = (p: Party) =>
    p.lotId === null ? 'All lots' : (lotById.get(p.lotId)?.code ?? 'A removed lot');

  const remove = useMutation(
    trpc.party.remove.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.programme.overview.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
        notifications.show({
          color: 'green',
          title: 'Party removed',
          message: removing?.organisation.name ?? '',
        });
        setRemoving(null);
      },
      onError: (error) => {
        notifications.show({
          color: 'red',
          title: 'The party was not removed',
          message: errorMessage(error),
        });
        setRemoving(null);
      },
    }),
  );

  const groups = groupParties(parties);

  return (
    <Section
      id="parties"
      title="Parties"
      actions={
        canManage && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            Add party
          </Button>
        )
      }
    >
      {groups.length === 0 ? (
        <Text c="dimmed">No organisations have been added to this programme yet.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
          {groups.map((group) => (
            <Stack key={group.role} gap="xs">
              <Title order={3} size="h6" tt="uppercase" c="dimmed">
                {PARTY_ROLE_HEADINGS[group.role]}
              </Title>
              <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
                {group.organisations.map(({ organisation, parties: entries }) => (
                  <li key={organisation.id}>
                    <Text fw={600} size="sm">
                      {organisation.name}{' '}
                      <Text component="span" c="dimmed" size="sm" fw={400}>
                        ({organisation.shortName})
                      </Text>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {organisationKindLabel(organisation.kind)}
                    </Text>
                    <Group gap={6} mt={4}>
                      {entries.map((party) => (
                        <Badge
                          key={party.id}
                          variant="light"
                          color="gray"
                          radius="sm"
                          size="md"
                          tt="none"
                          rightSection={
                            canManage ? (
                              <LazyTooltip label="Remove">
                                <ActionIcon
                                  size="xs"
                                  variant="transparent"
                                  color="gray.9"
                                  aria-label={`Remove ${organisation.name} as ${partyRoleLabel(party.role)} for ${scopeOf(party)}`}
                                  onClick={() => setRemoving(party)}
                                >
                                  <IconX size={12} aria-hidden />
                                </ActionIcon>
                              </LazyTooltip>
                            ) : undefined
                          }
                        >
                          {scopeOf(party)}
                        </Badge>
                      ))}
                    </Group>
                  </li>
                ))}
              </Stack>
            </Stack>
          ))}
        </SimpleGrid>
      )}
      {canManage && (
        <>
          <DialogSlot open={adding}>
            <AddPartyModal
              programmeId={programmeId}
              lots={lots}
              opened={adding}
              onClose={() => setAdding(false)}
            />
          </DialogSlot>
          <ConfirmModal
            opened={removing !== null}
            title="Remove this party?"
            confirmLabel="Remove party"
            loading={remove.isPending}
            onClose={() => setRemoving(null)}
            onConfirm={() => removing && remove.mutate({ programmeId, partyId: removing.id })}
          >
            {removing
              ? `${removing.organisation.name} will no longer be ${partyRoleLabel(removing.role).toLowerCase()} for ${scopeOf(removing).toLowerCase() === 'all lots' ? 'the whole programme' : scopeOf(removing)}.`
              : ''}
          </ConfirmModal>
        </>
      )}
    </Section>
  );
}
