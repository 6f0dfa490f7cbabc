import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { DateField } from '../../components/DateField';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { errorCode } from '../../lib/errors';
import { formatCount, formatDate, formatDateShort } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { ukToday } from './ukToday';
import { whatChangedRange } from './whatChangedRange';
import { categoryLabel, useRiskMatrix } from './riskMatrix';
import { OverdueBadge, ScoreChip, StatusBadge } from './RiskVisuals';
import type { OverdueAction, RiskBand, RiskChange, RiskMatrix, WhatChanged } from './types';
import './risks.css';

type SectionKey =
  'new' | 'rescoredUp' | 'rescoredDown' | 'escalated' | 'deescalated' | 'closed' | 'materialised';

const SECTIONS: Array<{ key: SectionKey; title: string; empty: string; showFrom: boolean }> = [
  { key: 'new', title: 'New risks', empty: 'No risks were raised', showFrom: false },
  { key: 'rescoredUp', title: 'Re-scored up', empty: 'No risks were re-scored up', showFrom: true },
  { key: 'rescoredDown', title: 'Re-scored down', empty: 'No risks were re-scored down', showFrom: true },
  { key: 'escalated', title: 'Escalated', empty: 'No risks were escalated', showFrom: true },
  { key: 'deescalated', title: 'De-escalated', empty: 'No risks were de-escalated', showFrom: true },
  { key: 'closed', title: 'Closed', empty: 'No risks were closed', showFrom: true },
  { key: 'materialised', title: 'Materialised', empty: 'No risks materialised into issues', showFrom: true },
];

function ChangeTable({
  rows,
  bands,
  matrix,
  programmeId,
  showFrom,
  caption,
}: {
  rows: readonly RiskChange[];
  bands: readonly RiskBand[];
  matrix: RiskMatrix | undefined;
  programmeId: string;
  showFrom: boolean;
  caption: string;
}) {
  return (
    <TableScroll label={caption} minWidth={640}>
      <Table verticalSpacing={5} horizontalSpacing="sm" fz="sm" striped layout="fixed">
        <Table.Caption className="visually-hidden">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={64}>
              Ref
            </Table.Th>
            <Table.Th scope="col">Risk</Table.Th>
            <Table.Th scope="col" w={150}>
              Category
            </Table.Th>
            <Table.Th scope="col" w={130}>
              Organisation
            </Table.Th>
            <Table.Th scope="col" w={96}>
              Score
            </Table.Th>
            <Table.Th scope="col" w={184}>
              Status
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.reference}</Table.Td>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/p/${programmeId}/risks/${r.id}`} size="sm" fw={600}>
                  {r.title}
                </Anchor>
              </Table.Th>
              <Table.Td>
                <Text size="xs">{categoryLabel(matrix, r.categoryKey)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{r.owningOrganisation.shortName}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {showFrom && r.from && (
                    <>
                      <ScoreChip prefix="Was" score={r.from.score} bands={bands} />
                      <Text span size="xs" aria-hidden>
                        →
                      </Text>
                    </>
                  )}
                  <ScoreChip prefix={showFrom && r.from ? 'Now' : 'Score'} score={r.to.score} bands={bands} />
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {showFrom && r.from && r.from.status !== r.to.status && (
                    <>
                      <StatusBadge status={r.from.status} size="xs" />
                      <Text span size="xs" aria-hidden>
                        →
                      </Text>
                      <span className="visually-hidden">to</span>
                    </>
                  )}
                  <StatusBadge status={r.to.status} size="xs" />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function OverdueTable({ rows, programmeId }: { rows: readonly OverdueAction[]; programmeId: string }) {
  return (
    <TableScroll label="Overdue actions" minWidth={680}>
      <Table verticalSpacing={5} horizontalSpacing="sm" fz="sm" striped layout="fixed">
        <Table.Caption className="visually-hidden">Mitigation actions overdue at the end date</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col" w={220}>
              Risk
            </Table.Th>
            <Table.Th scope="col" w={120}>
              Organisation
            </Table.Th>
            <Table.Th scope="col" w={120}>
              Owner
            </Table.Th>
            <Table.Th scope="col" w={110}>
              Due
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.description}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/p/${programmeId}/risks/${a.risk.id}`} size="sm">
                  {a.risk.reference} {a.risk.title}
                </Anchor>
              </Table.Td>
              <Table.Td title={a.organisation.name}>{a.organisation.shortName}</Table.Td>
              <Table.Td>
                {a.owner?.name ?? (
                  <Text span size="sm" c="dimmed">
                    Unassigned
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={a.dueDate}>{formatDateShort(a.dueDate)}</time>
                  </Text>
                  <OverdueBadge />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function Changes({
  data,
  matrix,
  programmeId,
  onShowAll,
  loadingAll,
}: {
  data: WhatChanged;
  matrix: RiskMatrix | undefined;
  programmeId: string;
  onShowAll: () => void;
  loadingAll: boolean;
}) {
  const period = `${formatDate(data.from)} and ${formatDate(data.to)}`;
  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="md" component="nav" aria-label="Summary of changes">
        <SimpleGrid type="container" cols={{ base: 2, '520px': 4, '900px': 8 }} spacing="xs">
          {[
            ...SECTIONS.map((s) => ({ key: s.key, title: s.title, count: data.counts[s.key] })),
            {
              key: 'overdue',
              title: 'Overdue actions',
              count: data.overdueActionsTotal,
            },
          ].map((s) => (
            <Anchor key={s.key} href={`#changes-${s.key}`} underline="hover" c="inherit">
              <Text fz={26} fw={800} lh={1.1} c={s.count ? 'nhsBlue.9' : 'gray.7'}>
                {s.count}
              </Text>
              <Text size="xs" fw={600}>
                {s.title}
              </Text>
            </Anchor>
          ))}
        </SimpleGrid>
      </Card>
      {SECTIONS.map((s) => {
        const rows = data[s.key];
        const count = data.counts[s.key];
        return (
          <Section key={s.key} id={`changes-${s.key}`} title={`${s.title} (${count})`}>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                {s.empty} between {period}.
              </Text>
            ) : (
              <Stack gap="xs">
                <ChangeTable
                  rows={rows}
                  bands={data.bands}
                  matrix={matrix}
                  programmeId={programmeId}
                  showFrom={s.showFrom}
                  caption={`${s.title} between ${period}`}
                />
                {count > rows.length && (
                  <Group gap="sm">
                    <Text size="sm">
                      Showing the first {rows.length} of {formatCount(count, 'risk', 'risks')}, by reference.
                    </Text>
                    <Button size="xs" variant="light" onClick={onShowAll} loading={loadingAll}>
                      Show all changes
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
          </Section>
        );
      })}
      <Section id="changes-overdue" title={`Overdue actions (${data.overdueActionsTotal})`}>
        {data.overdueActions.length === 0 ? (
          <Text size="sm" c="dimmed">
            No mitigation actions were overdue on {formatDate(data.to)}.
          </Text>
        ) : (
          <Stack gap="xs">
            <Text size="sm">
              Actions not done by their due date, as at {formatDate(data.to)}
              {data.overdueActionsTotal > data.overdueActions.length &&
                `: showing the ${data.overdueActions.length} longest overdue of ${data.overdueActionsTotal}`}
              .
            </Text>
            <OverdueTable rows={data.overdueActions} programmeId={programmeId} />
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

/** What moved in the register between two dates: the steering group's agenda. */
export function WhatChangedPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme } = useProgramme(programmeId);
  const matrix = useRiskMatrix(programmeId);
  usePageTitle('What changed', 'Risk register', programme?.name);
  const [searchParams, setSearchParams] = useSearchParams();
  const today = ukToday();
  const { from, to } = whatChangedRange(searchParams, today);
  const rangeError = from > to ? 'The start date must be on or before the end date' : null;

  // The lists come cut for the screen (the counts are whole); "Show all changes" asks for every one.
  const [full, setFull] = useState(false);
  const changes = useQuery({
    ...trpc.risk.whatChanged.queryOptions({ programmeId, from, to, ...(full ? { full: true } : {}) }),
    enabled: !rangeError,
    // While every change loads, the cut lists stay on screen (only for the same dates).
    placeholderData: (previous) =>
      full && previous && previous.from === from && previous.to === to ? previous : undefined,
  });

  const setDate = (name: 'from' | 'to', value: string | null) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  if (changes.isError && ['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(changes.error) ?? ''))
    return <NotFoundPage />;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4}>
          <Anchor component={Link} to={`/p/${programmeId}/risks`} size="sm" fw={600}>
            Risk register
          </Anchor>
          <Title order={1}>What changed</Title>
          <Text c="dimmed" size="sm">
            New, re-scored, escalated, closed and materialised risks between two dates, and the actions
            overdue at the end.
          </Text>
        </Stack>
        <Group gap="sm" align="flex-start">
          <DateField
            label="From"
            value={from}
            onChange={(v) => setDate('from', v)}
            maxDate={today}
            error={rangeError}
            w={180}
          />
          <DateField label="To" value={to} onChange={(v) => setDate('to', v)} maxDate={today} w={180} />
        </Group>
      </Group>
      {rangeError ? null : changes.isPending ? (
        <PageSkeleton rows={4} />
      ) : changes.isError ? (
        <QueryError error={changes.error} onRetry={() => void changes.refetch()} />
      ) : (
        <Changes
          data={changes.data}
          matrix={matrix.data?.matrix}
          programmeId={programmeId}
          onShowAll={() => setFull(true)}
          loadingAll={full && changes.isPlaceholderData}
        />
      )}
      {changes.data && (
        <Text size="xs" c="dimmed">
          {formatCount(
            SECTIONS.reduce((n, s) => n + changes.data.counts[s.key], 0),
            'change',
            'changes',
          )}{' '}
          in all. A risk can appear in more than one section (re-scored up and escalated, for example).
        </Text>
      )}
    </Stack>
  );
}
