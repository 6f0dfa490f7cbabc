import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconFileSpreadsheet, IconFileTypePdf, IconLock } from '@tabler/icons-react';
import { addDays } from '@baton/domain';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { DateField } from '../../components/DateField';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { errorCode } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { ukToday } from '../risks/ukToday';
import { packDownloadHref } from './packFormat';
import { packInput } from './packInput';
import { PackView } from './PackView';

/** The steering group pack as at a date (today by default), compared with the last meeting before it. */
export function SteeringPackPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme, can } = useProgramme(programmeId);
  usePageTitle('Steering group pack', programme?.name);
  const [searchParams, setSearchParams] = useSearchParams();
  const today = ukToday();
  const input = packInput(programmeId, searchParams);
  const asAt = input.asAt;
  const latest = addDays(today, 366);

  const pack = useQuery({
    ...trpc.steering.pack.queryOptions(input),
    placeholderData: keepPreviousData,
  });

  const setAsAt = (value: string | null) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value && value !== today) next.set('asAt', value);
        else next.delete('asAt');
        return next;
      },
      { replace: true },
    );

  if (pack.isError && ['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(pack.error) ?? ''))
    return <NotFoundPage />;

  const data = pack.data;
  const shownAsAt = data?.asAt ?? asAt ?? today;
  // "Today" as the server counts it: readiness is always computed as at the server's today.
  const isToday = data ? data.asAt === data.readinessAsOf : !asAt;
  const isFuture = data ? data.asAt > data.readinessAsOf : false;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4} style={{ flex: '1 1 420px' }}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>Steering group pack</Title>
          <Text size="sm" aria-live="polite" data-testid="pack-period">
            {data ? (
              <>
                As at <b>{formatDate(data.asAt)}</b>, compared with <b>{data.sinceLabel}</b>.
              </>
            ) : (
              '\u00a0'
            )}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <DateField
            label="As at"
            value={asAt ?? today}
            onChange={(v) => setAsAt(v)}
            maxDate={latest}
            clearable={false}
            w={190}
          />
          <Button
            component="a"
            href={packDownloadHref(programmeId, 'pdf', shownAsAt)}
            download
            variant="default"
            leftSection={<IconFileTypePdf size={16} aria-hidden />}
          >
            PDF
            <span className="visually-hidden"> of the pack as at {formatDate(shownAsAt)}</span>
          </Button>
          <Button
            component="a"
            href={packDownloadHref(programmeId, 'xlsx', shownAsAt)}
            download
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          >
            Excel
            <span className="visually-hidden"> workbook of the pack as at {formatDate(shownAsAt)}</span>
          </Button>
          <Button
            component={Link}
            to={`/p/${programmeId}/meetings`}
            variant={can('meetings.manage') ? 'filled' : 'default'}
            leftSection={
              can('meetings.manage') ? (
                <IconLock size={16} aria-hidden />
              ) : (
                <IconCalendarEvent size={16} aria-hidden />
              )
            }
          >
            {can('meetings.manage') ? 'Freeze for a meeting' : 'Meetings'}
          </Button>
        </Group>
      </Group>

      {data && !isToday && (
        <Alert
          variant="light"
          color={isFuture ? 'orange' : 'nhsBlue'}
          title={isFuture ? 'A preview of a future date' : 'A past date'}
        >
          <Text size="sm">
            {isFuture
              ? `This is the pack as it would read on ${formatDate(data.asAt)} if nothing moves before then: actions and reviews falling due by then are counted as overdue. `
              : `The register, actions and reviews are shown as they stood on ${formatDate(data.asAt)}. `}
            Readiness and go/no-go gates are as at today ({formatDate(data.readinessAsOf)}), because plans do
            not keep a dated history.{' '}
            <Button variant="subtle" size="compact-sm" onClick={() => setAsAt(null)}>
              Back to today
            </Button>
          </Text>
        </Alert>
      )}

      {pack.isPending ? (
        <PageSkeleton rows={5} />
      ) : pack.isError && !data ? (
        <QueryError error={pack.error} onRetry={() => void pack.refetch()} />
      ) : data ? (
        <Box
          aria-busy={pack.isPlaceholderData || undefined}
          style={{ opacity: pack.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
        >
          {pack.isError && <QueryError error={pack.error} onRetry={() => void pack.refetch()} />}
          <PackView pack={data} live={isToday} />
        </Box>
      ) : null}
    </Stack>
  );
}
