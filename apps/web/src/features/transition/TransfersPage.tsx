import { lazy } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsExchange, IconChecklist, IconPlus } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { errorCode } from '../../lib/errors';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { TransferCard } from './TransferCard';
import { DialogSlot } from '../../components/DialogSlot';

const NewTransferModal = lazy(() =>
  import('./NewTransferModal').then((m) => ({ default: m.NewTransferModal })),
);

/** Every transfer of the programme, each with its readiness and what stands between it and go-live. */
export function TransfersPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme, overview, can } = useProgramme(programmeId);
  const transfers = useQuery(trpc.transition.transfers.queryOptions({ programmeId }));
  const [newOpened, newModal] = useDisclosure(false);
  usePageTitle('Transfers and readiness', programme?.name);
  const canCreate = can('items.editAny');

  if (
    transfers.isError &&
    ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(transfers.error) ?? '')
  )
    return <NotFoundPage />;

  const list = transfers.data ?? [];
  const red = list.filter((t) => t.readiness.overall.rag === 'red').length;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>Transfers and readiness</Title>
          {transfers.data && list.length > 0 && (
            <Text c="dimmed">
              {formatCount(list.length, 'transfer', 'transfers')}
              {red > 0 ? `, ${red} at red` : ''}
            </Text>
          )}
        </Stack>
        <Group gap="sm">
          <Button
            component={Link}
            to={`/p/${programmeId}/my-tasks`}
            variant="default"
            leftSection={<IconChecklist size={16} aria-hidden />}
          >
            My tasks
          </Button>
          {canCreate && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={newModal.open}
              disabled={!overview.data}
            >
              New transfer
            </Button>
          )}
        </Group>
      </Group>

      {transfers.isPending && <PageSkeleton rows={3} />}
      {transfers.isError && <QueryError error={transfers.error} onRetry={() => void transfers.refetch()} />}
      {transfers.data && list.length === 0 && (
        <Card withBorder radius="md" padding="xl">
          <Stack align="center" gap="sm" py="lg">
            <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
              <IconArrowsExchange size={28} />
            </ThemeIcon>
            <Title order={2} size="h3">
              No transfers yet
            </Title>
            <Text ta="center" maw={520}>
              {canCreate
                ? 'No transfers yet — create one to get the standard plan: the tasks every NHS service transfer needs, dated back from the transfer date.'
                : 'No transfers yet. A transition lead or programme admin adds each transfer, and its plan appears here.'}
            </Text>
            {canCreate && (
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={newModal.open}
                disabled={!overview.data}
              >
                New transfer
              </Button>
            )}
          </Stack>
        </Card>
      )}
      {list.map((summary) => (
        <TransferCard key={summary.transfer.id} programmeId={programmeId} summary={summary} />
      ))}

      {canCreate && overview.data && (
        <DialogSlot open={newOpened}>
          <NewTransferModal
            programmeId={programmeId}
            lots={overview.data.lots}
            parties={overview.data.parties}
            defaultTransferDate={overview.data.programme.expectedServiceCommencement}
            opened={newOpened}
            onClose={newModal.close}
          />
        </DialogSlot>
      )}
    </Stack>
  );
}
