import { lazy, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Button, Group, Table, Text } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage } from '../../lib/errors';
import { formatMoneyExact, formatMoneyShort } from '../../lib/format';
import { useTRPC, type Lot } from '../../lib/trpc';
import { DialogSlot } from '../../components/DialogSlot';

const LotFormModal = lazy(() => import('./LotFormModal').then((m) => ({ default: m.LotFormModal })));

export function LotsSection({
  programmeId,
  lots,
  canManage,
}: {
  programmeId: string;
  lots: Lot[];
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ lot: Lot | null } | null>(null);
  const [removing, setRemoving] = useState<Lot | null>(null);

  const remove = useMutation(
    trpc.lot.remove.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.programme.overview.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
        notifications.show({ color: 'green', title: 'Lot removed', message: removing?.name ?? '' });
        setRemoving(null);
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: 'The lot was not removed', message: errorMessage(error) });
        setRemoving(null);
        void queryClient.invalidateQueries(trpc.programme.overview.pathFilter());
      },
    }),
  );

  const total = lots.reduce((sum, l) => sum + (l.annualValueGbp ?? 0), 0);
  const anyValue = lots.some((l) => l.annualValueGbp !== null);

  return (
    <Section
      id="lots"
      title="Lots"
      actions={
        canManage && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditing({ lot: null })}
          >
            Add lot
          </Button>
        )
      }
    >
      {lots.length === 0 ? (
        <Text c="dimmed">No lots yet.{canManage ? ' Add the lots services are grouped into.' : ''}</Text>
      ) : (
        <TableScroll label="Lots table" minWidth={560}>
          <Table verticalSpacing="sm" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Code</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Services</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  Annual value
                </Table.Th>
                {canManage && (
                  <Table.Th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lots.map((lot) => (
                <Table.Tr key={lot.id}>
                  <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {lot.code}
                  </Table.Td>
                  <Table.Td>{lot.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3}>
                      {lot.services || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td
                    style={{ textAlign: 'right', whiteSpace: 'nowrap' }}
                    title={formatMoneyExact(lot.annualValueGbp)}
                  >
                    {formatMoneyShort(lot.annualValueGbp)}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <LazyTooltip label={`Edit ${lot.code}`}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Edit ${lot.code} ${lot.name}`}
                            onClick={() => setEditing({ lot })}
                          >
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                        </LazyTooltip>
                        <LazyTooltip label={`Remove ${lot.code}`}>
                          <ActionIcon
                            variant="subtle"
                            color="red.9"
                            aria-label={`Remove ${lot.code} ${lot.name}`}
                            onClick={() => setRemoving(lot)}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </LazyTooltip>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
            {lots.length > 1 && anyValue && (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row" colSpan={3}>
                    Total a year
                  </Table.Th>
                  <Table.Th style={{ textAlign: 'right' }} title={formatMoneyExact(total)}>
                    {formatMoneyShort(total)}
                  </Table.Th>
                  {canManage && <Table.Td />}
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </TableScroll>
      )}
      {canManage && (
        <>
          <DialogSlot open={editing !== null}>
            {editing !== null && (
              <LotFormModal
                programmeId={programmeId}
                lot={editing.lot}
                opened
                onClose={() => setEditing(null)}
              />
            )}
          </DialogSlot>
          <ConfirmModal
            opened={removing !== null}
            title={`Remove ${removing?.code ?? 'lot'}?`}
            confirmLabel="Remove lot"
            loading={remove.isPending}
            onClose={() => setRemoving(null)}
            onConfirm={() =>
              removing && remove.mutate({ programmeId, lotId: removing.id, version: removing.version })
            }
          >
            {`${removing?.name ?? 'This lot'} will be removed from the programme. The change is recorded in the history.`}
          </ConfirmModal>
        </>
      )}
    </Section>
  );
}
