import { lazy, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { ISAP_CHECKPOINT_LABELS } from '@baton/domain';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { formatDate } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { RecommendationBadge } from './ratings';
import type { GatewaySummary } from './types';
import { DialogSlot } from '../../components/DialogSlot';

const GatewayFormDrawer = lazy(() =>
  import('./GatewayFormDrawer').then((m) => ({ default: m.GatewayFormDrawer })),
);

function GatewayCard({ programmeId, g }: { programmeId: string; g: GatewaySummary }) {
  const pct = g.progress && g.progress.of > 0 ? Math.round((100 * g.progress.done) / g.progress.of) : 0;
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Anchor component={Link} to={`/p/${programmeId}/gateways/${g.id}`} fw={700} underline="always">
            {g.name}
          </Anchor>
          <Badge variant="outline" color="gray.8" tt="none" style={{ flexShrink: 0 }}>
            {g.statusLabel}
          </Badge>
        </Group>
        <Text size="sm">Assures {g.assessedOrganisationName}</Text>
        <Text size="xs" c="dimmed">
          {g.isapCheckpoint ? ISAP_CHECKPOINT_LABELS[g.isapCheckpoint] : 'No ISAP checkpoint'}
          {g.lot ? ` · ${g.lot.code}` : ''} · {g.domains} domains, {g.criteria} criteria
          {g.panelSize !== null ? ` · panel of ${g.panelSize}` : ''}
        </Text>
        {g.progress && (
          <Stack gap={2}>
            <Progress value={pct} size="sm" aria-label={g.progress.label} />
            <Text size="xs" title={g.progress.rule}>
              {g.progress.label}
            </Text>
          </Stack>
        )}
        {g.status === 'decided' && g.recommendation && (
          <Group gap="xs">
            <RecommendationBadge recommendation={g.recommendation} />
            <Text size="xs" c="dimmed">
              {formatDate(g.decidedOn)}
              {g.conditions.all > 0 && ` · ${g.conditions.open} of ${g.conditions.all} conditions open`}
            </Text>
          </Group>
        )}
        {g.status !== 'decided' && g.panelDueOn && (
          <Text size="xs" c="dimmed">
            Panel ratings due {formatDate(g.panelDueOn)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Assurance gateways: a panel rates an organisation against domains and criteria; the group decides. */
export function GatewaysPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { overview, programme } = useProgramme(programmeId);
  usePageTitle('Assurance gateways', programme?.name);
  const [creating, setCreating] = useState(false);
  const list = useQuery(trpc.gateway.list.queryOptions({ programmeId }));

  if (overview.isPending) return <PageSkeleton />;
  if (!programme) return <NotFoundPage />;
  const canCreate = (list.data?.canCreate ?? false) && programme.status === 'open';
  const gateways = list.data?.gateways ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme.name}
          </Text>
          <Title order={1}>Assurance gateways</Title>
          <Text c="dimmed" maw={780}>
            A panel rates the organisation being assured against domains and criteria (assured, partially
            assured, not assured), independently; moderation agrees one rating with reasons for each; the
            steering group records the recommendation, and its conditions become tracked actions.
          </Text>
        </Stack>
        {canCreate && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            Set up a gateway
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <PageSkeleton rows={3} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : gateways.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <Text size="sm">
            No gateway {canCreate ? 'yet' : 'to show'}.{' '}
            {canCreate
              ? 'Set one up for the alliance or preferred provider before contract signature (ISAP checkpoint 2) or service start (checkpoint 3): the Suffolk domains are a starting point you can edit.'
              : 'The outcome of a gateway that assures your organisation appears here once the steering group has decided it.'}
          </Text>
        </Card>
      ) : (
        <SimpleGrid
          cols={{ base: 1, md: 2 }}
          spacing="md"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Gateways"
        >
          {gateways.map((g) => (
            <GatewayCard key={g.id} programmeId={programmeId} g={g} />
          ))}
        </SimpleGrid>
      )}
      <DialogSlot open={creating}>
        <GatewayFormDrawer
          programmeId={programmeId}
          opened={creating}
          onClose={() => setCreating(false)}
          editing={null}
        />
      </DialogSlot>
    </Stack>
  );
}
