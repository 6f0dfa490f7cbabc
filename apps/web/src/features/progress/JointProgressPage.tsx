import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconPrinter } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { errorCode } from '../../lib/errors';
import { formatCount, formatDateWithDay } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { Headline } from './Headline';
import { MilestoneGrid } from './MilestoneGrid';
import classes from './progress.module.css';
import { ProgressMatrix } from './ProgressMatrix';
import { ReadinessCards } from './ReadinessCards';
import { RedItems } from './RedItems';
import type { JointProgress } from './types';

function LoadingProgress() {
  return (
    <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading joint progress">
      <Grid gap="md">
        {[0, 1, 2, 3].map((i) => (
          <Grid.Col key={i} span={{ base: 12, xs: 6, lg: 3 }}>
            <Skeleton height={120} radius="md" />
          </Grid.Col>
        ))}
      </Grid>
      <Skeleton height={420} radius="md" />
      <Skeleton height={260} radius="md" />
    </Stack>
  );
}

function ProgressBody({ programmeId, data }: { programmeId: string; data: JointProgress }) {
  const red = data.redItems.total;
  const trpc = useTRPC();
  // How percent complete and readiness are counted: the same written rules every screen uses.
  const rules = useQuery(trpc.transition.readinessRules.queryOptions({ programmeId }));
  return (
    <>
      <Headline data={data} percentRule={rules.data?.percentComplete} />
      <Section id="progress-matrix" title="Progress by workstream and organisation">
        <ProgressMatrix matrix={data.matrix} organisations={data.organisations} />
      </Section>
      <Section id="red-items" title={red > 0 ? `Red items (${red})` : 'Red items'}>
        <RedItems programmeId={programmeId} data={data} />
      </Section>
      <Section id="readiness" title="Readiness per transfer">
        <ReadinessCards programmeId={programmeId} readiness={data.readiness} />
        {rules.data && (
          <Text size="xs" c="dimmed">
            Red: go-live at risk ({rules.data.rules.red.join('; ').toLowerCase()}). Amber: needs attention.{' '}
            {rules.data.margin} P80: the date by which 80% of 5,000 simulated runs of the plan went live.
          </Text>
        )}
      </Section>
      <Section id="milestones" title="Milestones towards go-live">
        <MilestoneGrid programmeId={programmeId} milestones={data.milestones} />
      </Section>
    </>
  );
}

/**
 * The provider chief executives' view: one read-only screen of every organisation's progress towards go-live,
 * meant to be read at a glance and printed for a board.
 */
export function JointProgressPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme } = useProgramme(programmeId);
  const progress = useQuery(trpc.progress.joint.queryOptions({ programmeId }));
  usePageTitle('Joint progress', programme?.name);

  if (progress.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(progress.error) ?? ''))
    return <NotFoundPage />;

  const data = progress.data;
  const organisations = data?.matrix.organisationIds.length ?? 0;

  return (
    <Stack gap="lg" data-print-page="progress">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {data?.programme.name ?? programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>Joint progress</Title>
          <Text c="dimmed">
            {data
              ? `Every organisation towards go-live: ${formatCount(organisations, 'organisation', 'organisations')}, ${formatCount(data.readiness.length, 'transfer', 'transfers')}. As at ${formatDateWithDay(data.today)}.`
              : 'Every organisation towards go-live.'}
          </Text>
        </Stack>
        <Button
          variant="default"
          leftSection={<IconPrinter size={16} aria-hidden />}
          onClick={() => window.print()}
          className={classes.noPrint}
          disabled={!data}
        >
          Print
        </Button>
      </Group>

      {data?.scope === 'own' && (
        <Alert color="nhsBlue" variant="light" icon={<IconInfoCircle aria-hidden />} p="sm">
          <Text size="sm" c="gray.9">
            This shows the transfers your organisation takes part in; other organisations&apos; plans are not
            visible to you.
          </Text>
        </Alert>
      )}
      {progress.isPending && <LoadingProgress />}
      {progress.isError && <QueryError error={progress.error} onRetry={() => void progress.refetch()} />}
      {data && data.readiness.length === 0 && (
        <Card withBorder radius="md" padding="xl">
          <Stack align="center" gap="xs">
            <Title order={2} size="h4">
              No transfers yet
            </Title>
            <Text ta="center" maw={520}>
              Joint progress fills in once the transition leads set up the transfers and their plans.
            </Text>
          </Stack>
        </Card>
      )}
      {data && data.readiness.length > 0 && <ProgressBody programmeId={programmeId} data={data} />}
    </Stack>
  );
}
