import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconClipboardList, IconPlus } from '@tabler/icons-react';
import { landingPathFor } from '@baton/domain';
import { lazy, useEffect, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { clearJustSignedIn, justSignedIn } from '../auth/justSignedIn';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { formatCountdown, formatDate } from '../../lib/format';
import { membershipRoleLabel } from '../../lib/labels';
import { useTRPC, type ProgrammeSummary } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMe } from '../auth/useMe';
import { StageBadge } from './StageBadge';
import { DialogSlot } from '../../components/DialogSlot';

const CreateProgrammeModal = lazy(() =>
  import('./CreateProgrammeModal').then((m) => ({ default: m.CreateProgrammeModal })),
);

function ProgrammeCard({ programme }: { programme: ProgrammeSummary }) {
  const headingId = `programme-${programme.id}`;
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-labelledby={headingId}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Badge variant="light" radius="sm">
            {programme.code}
          </Badge>
          <StageBadge stage={programme.stage} />
        </Group>
        <Title order={2} size="h4" id={headingId}>
          <Anchor component={Link} to={landingPathFor(programme.id, programme)} c="inherit" underline="hover">
            {programme.name}
          </Anchor>
        </Title>
        <Text size="sm">
          Your role: <strong>{membershipRoleLabel(programme.role)}</strong>
        </Text>
        <Stack gap={2} mt="auto">
          <Text size="sm" c="dimmed">
            Service commencement {formatDate(programme.expectedServiceCommencement)}
          </Text>
          <Text fz="xl" fw={700} c="nhsBlue.9">
            {formatCountdown(programme.countdown)}
          </Text>
        </Stack>
      </Stack>
    </Card>
  );
}

export function ProgrammePickerPage() {
  usePageTitle('Your programmes');
  const trpc = useTRPC();
  const me = useMe();
  const programmes = useQuery(trpc.programme.list.queryOptions());
  const [createOpened, create] = useDisclosure(false);
  // Read on the first render after sign-in, then cleared: a later visit to "All programmes" shows the picker.
  const [arrived] = useState(justSignedIn);
  useEffect(clearJustSignedIn, []);

  // Straight after sign-in, someone in one programme goes to the page that answers their question.
  if (arrived && programmes.data?.length === 1) {
    const only = programmes.data[0]!;
    return <Navigate to={landingPathFor(only.id, only)} replace />;
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>Your programmes</Title>
          <Text c="dimmed">Re-procurements and transitions you take part in.</Text>
        </Stack>
        {me.isSystemAdmin && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
            New programme
          </Button>
        )}
      </Group>

      {programmes.isPending && <PageSkeleton rows={2} />}
      {programmes.isError && (
        <QueryError error={programmes.error} onRetry={() => void programmes.refetch()} />
      )}
      {programmes.data?.length === 0 && (
        <Card withBorder padding="xl" radius="md">
          <EmptyState
            icon={<IconClipboardList size={32} aria-hidden />}
            title="You are not part of any programme yet"
            description={
              me.isSystemAdmin
                ? 'Create the first programme, then invite the commissioners and providers who take part.'
                : 'When a programme admin invites you to a programme, it will appear here. If you expected to see one, ask them to check your invitation.'
            }
          />
        </Card>
      )}
      {programmes.data && programmes.data.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
          {programmes.data.map((p) => (
            <ProgrammeCard key={p.id} programme={p} />
          ))}
        </SimpleGrid>
      )}
      {me.isSystemAdmin && (
        <DialogSlot open={createOpened}>
          <CreateProgrammeModal opened={createOpened} onClose={create.close} />
        </DialogSlot>
      )}
    </Stack>
  );
}
