import { lazy } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import {
  needsSecondFactor,
  PageSkeleton,
  QueryError,
  SecondFactorNeeded,
} from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { errorCode } from '../../lib/errors';
import {
  formatCount,
  formatCountdown,
  formatCountdownDetail,
  formatDateWithDay,
  formatMoneyExact,
  formatMoneyShort,
  formatTerm,
} from '../../lib/format';
import { membershipRoleLabel, routeLabel } from '../../lib/labels';
import { useTRPC, type Overview } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { AtAGlance } from './AtAGlance';
import { HandoversSection } from './HandoversSection';
import { KeyDatesTimeline } from './KeyDatesTimeline';
import { LotsSection } from './LotsSection';
import { PartiesSection } from './PartiesSection';
import { ProgrammeTimeline } from './ProgrammeTimeline';
import { ClosedBanner, RecordsSection } from './RecordsSection';
import { StageBadge } from './StageBadge';
import { DialogSlot } from '../../components/DialogSlot';

const EditProgrammeDrawer = lazy(() =>
  import('./EditProgrammeDrawer').then((m) => ({ default: m.EditProgrammeDrawer })),
);

function Stat({
  label,
  value,
  detail,
  title,
}: {
  label: string;
  value: React.ReactNode;
  detail?: React.ReactNode;
  title?: string;
}) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={{ base: 24, lg: 30 }} fw={800} lh={1.2} c="nhsBlue.9" title={title}>
        {value}
      </Text>
      {detail && (
        <Text size="sm" mt={4}>
          {detail}
        </Text>
      )}
    </Card>
  );
}

function Overview({ data }: { data: Overview }) {
  const { programme, me, lots, parties, keyDates, countdown, memberCount } = data;
  const trpc = useTRPC();
  const user = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 });
  const [editOpened, edit] = useDisclosure(false);
  const can = (c: (typeof me.capabilities)[number]) => me.capabilities.includes(c);
  const countdownDetail = formatCountdownDetail(countdown);

  return (
    <Stack gap="lg">
      <ClosedBanner programme={programme} />
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} maw={820}>
          <Group gap="xs">
            <Badge variant="light" radius="sm">
              {programme.code}
            </Badge>
            <StageBadge stage={programme.stage} />
            <Text size="sm" c="dimmed">
              {routeLabel(programme.procurementRoute)}
            </Text>
          </Group>
          <Title order={1}>{programme.name}</Title>
          {programme.description && <Text style={{ whiteSpace: 'pre-line' }}>{programme.description}</Text>}
          <Text size="sm" c="dimmed">
            You are a {membershipRoleLabel(me.role).toLowerCase()} on this programme.
          </Text>
        </Stack>
        {can('programme.update') && (
          <Button variant="outline" leftSection={<IconPencil size={16} aria-hidden />} onClick={edit.open}>
            Edit programme
          </Button>
        )}
      </Group>

      <SimpleGrid type="container" cols={{ base: 1, '560px': 3 }} spacing={{ base: 'md', '560px': 'lg' }}>
        <Stat
          label="Service commencement"
          value={formatCountdown(countdown)}
          detail={
            <>
              <time dateTime={programme.expectedServiceCommencement}>
                {formatDateWithDay(programme.expectedServiceCommencement)}
              </time>
              {countdownDetail && (
                <Text component="span" c="dimmed" size="sm" display="block">
                  {countdownDetail}
                </Text>
              )}
            </>
          }
        />
        <Stat
          label="Contract value"
          value={formatMoneyShort(programme.contractValueGbp)}
          title={formatMoneyExact(programme.contractValueGbp)}
          detail={
            programme.contractTermMonths ? `over ${formatTerm(programme.contractTermMonths)}` : 'Term not set'
          }
        />
        <Stat
          label="Members"
          value={new Intl.NumberFormat('en-GB').format(memberCount)}
          detail={
            <Anchor component={Link} to={`/p/${programme.id}/members`} size="sm">
              See who is on this programme
            </Anchor>
          }
        />
      </SimpleGrid>

      <AtAGlance programmeId={programme.id} showTransfers={me.visibility.kind === 'all'} />

      <ProgrammeTimeline programmeId={programme.id} />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <LotsSection programmeId={programme.id} lots={lots} canManage={can('lots.manage')} />
            <PartiesSection
              programmeId={programme.id}
              parties={parties}
              lots={lots}
              canManage={can('parties.manage')}
            />
            <HandoversSection lots={lots} parties={parties} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <Section id="key-dates" title="Key dates">
              <KeyDatesTimeline keyDates={keyDates} />
              <Text size="xs" c="dimmed">
                {formatCount(keyDates.filter((d) => d.status === 'done').length, 'date has', 'dates have')}{' '}
                passed, {formatCount(keyDates.filter((d) => d.status !== 'done').length, 'is', 'are')} still
                to come.
              </Text>
            </Section>
            {can('programme.records') && user.data && (
              <RecordsSection programme={programme} userId={user.data.id} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      {can('programme.update') && (
        <DialogSlot open={editOpened}>
          <EditProgrammeDrawer programme={programme} opened={editOpened} onClose={edit.close} />
        </DialogSlot>
      )}
    </Stack>
  );
}

export function ProgrammeOverviewPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const overview = useQuery(trpc.programme.overview.queryOptions({ programmeId }));
  usePageTitle(overview.data?.programme.name ?? 'Programme');

  if (overview.isPending) return <PageSkeleton />;
  if (overview.isError) {
    if (needsSecondFactor(overview.error)) return <SecondFactorNeeded />;
    const code = errorCode(overview.error);
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'BAD_REQUEST') return <NotFoundPage />;
    return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  return <Overview data={overview.data} />;
}
