import { lazy, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Box,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useParams, useSearchParams } from 'react-router';
import { DD_CATEGORY_LABELS, ddReference } from '@baton/domain';
import { NotFoundPage } from '../../app/NotFoundPage';
import { WideOrNarrow } from '../../components/WideOrNarrow';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { ClarificationsPanel } from './ClarificationsPanel';
import { DdDue, DdStatusBadges } from './DdStatus';
import type { DdList, DdRequest } from './types';
import { DialogSlot } from '../../components/DialogSlot';

const AskRequestDrawer = lazy(() =>
  import('./AskRequestDrawer').then((m) => ({ default: m.AskRequestDrawer })),
);
const RequestDrawer = lazy(() => import('./RequestDrawer').then((m) => ({ default: m.RequestDrawer })));

type TState = 'open' | 'overdue' | 'all';

function Tile({
  label,
  value,
  detail,
  tone,
}: {
  label: string;
  value: number;
  detail: string;
  tone?: 'red';
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text fz={32} fw={700} c={tone === 'red' && value > 0 ? 'red.9' : undefined} lh={1.2}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Card>
  );
}

function Summary({ list }: { list: DdList }) {
  const s = list.summary;
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" aria-label="Due diligence at a glance">
      <Tile label="Awaiting an answer" value={s.awaiting} detail="Asked, or returned for more" />
      <Tile label="Overdue" value={s.overdue} tone="red" detail="Awaiting an answer after the due date" />
      <Tile label="To review" value={s.toReview} detail="Answered; the asker accepts or returns it" />
      <Tile label="Accepted" value={s.accepted} detail="The asker is satisfied with the answer" />
      <Tile label="Released to bidders" value={s.released} detail="Every bidder saw it at the same moment" />
    </SimpleGrid>
  );
}

function RequestTable({ items, onOpen }: { items: DdRequest[]; onOpen: (r: DdRequest) => void }) {
  return (
    <TableScroll label="Due diligence requests" minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="dd-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={90}>
              Ref
            </Table.Th>
            <Table.Th scope="col">Information asked for</Table.Th>
            <Table.Th scope="col" w={210}>
              Asked of
            </Table.Th>
            <Table.Th scope="col" w={140}>
              Due
            </Table.Th>
            <Table.Th scope="col" w={230}>
              Status
            </Table.Th>
            <Table.Th scope="col" w={70}>
              Files
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {ddReference(r.number)}
                </Text>
              </Table.Td>
              <Table.Th scope="row" fw={400}>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  fw={600}
                  ta="left"
                  onClick={() => onOpen(r)}
                >
                  {r.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {DD_CATEGORY_LABELS[r.category]}
                  {r.lot ? ` · ${r.lot.code}` : ''} · asked by {r.requestingOrganisation.name}
                </Text>
              </Table.Th>
              <Table.Td>
                <Text size="sm">{r.respondingOrganisation.name}</Text>
                {r.responder && (
                  <Text size="xs" c="dimmed">
                    {r.responder.name}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <DdDue r={r} />
              </Table.Td>
              <Table.Td>
                <DdStatusBadges r={r} />
                {r.chaseCount > 0 && (
                  <Text size="xs" c="dimmed">
                    Chased {r.chaseCount} {r.chaseCount === 1 ? 'time' : 'times'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {r.documentCount > 0 ? (
                  <Group gap={2}>
                    <IconPaperclip size={14} aria-hidden />
                    <Text size="sm">
                      {r.documentCount}
                      <Box component="span" className="visually-hidden">
                        {r.documentCount === 1 ? ' file' : ' files'}
                      </Box>
                    </Text>
                  </Group>
                ) : (
                  <Text size="sm">—</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function RequestCards({ items, onOpen }: { items: DdRequest[]; onOpen: (r: DdRequest) => void }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Requests">
      {items.map((r) => (
        <Card key={r.id} component="li" withBorder radius="md" padding="sm">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={700}>
              {ddReference(r.number)} · {DD_CATEGORY_LABELS[r.category]}
            </Text>
            <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={() => onOpen(r)}>
              {r.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              Asked of {r.respondingOrganisation.name}
            </Text>
            <DdStatusBadges r={r} />
            <DdDue r={r} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

const EMPTY: Record<TState, string> = {
  open: 'Nothing is awaiting an answer.',
  overdue: 'No request is overdue.',
  all: 'No information has been asked for yet.',
};

/**
 * Due diligence: what the commissioner (or, after award, the incoming provider) asks outgoing providers for,
 * their answers and documents, release to bidders, and bidders' clarification questions.
 */
export function DueDiligencePage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { overview, programme } = useProgramme(programmeId);
  usePageTitle('Due diligence', programme?.name);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'clarifications' ? 'clarifications' : 'requests';
  const state: TState = (['open', 'overdue', 'all'] as const).find((s) => s === params.get('state')) ?? 'all';
  const [asking, setAsking] = useState(false);
  const list = useQuery(trpc.dueDiligence.list.queryOptions({ programmeId, state }));
  const linked = params.get('request');
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v === null) next.delete(k);
      else next.set(k, v);
    setParams(next, { replace: true });
  };

  if (overview.isPending) return <PageSkeleton />;
  if (!programme) return <NotFoundPage />;
  const items = list.data?.items ?? [];
  const canAsk = (list.data?.may.ask ?? false) && programme.status === 'open';

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme.name}
          </Text>
          <Title order={1}>Due diligence</Title>
          <Text c="dimmed" maw={780}>
            Information asked of outgoing providers (staff lists and ELI, estates, IT, activity, subcontracts,
            finance), their answers and documents. In a procurement, an accepted answer is released to every
            bidder at the same moment; bidders’ questions are answered once and published to all without
            saying who asked.
          </Text>
        </Stack>
        {canAsk && tab === 'requests' && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAsking(true)}>
            Ask for information
          </Button>
        )}
      </Group>

      <Tabs
        value={tab}
        onChange={(v) => v && update({ tab: v === 'requests' ? null : v })}
        keepMounted={false}
      >
        <Tabs.List aria-label="Due diligence">
          <Tabs.Tab value="requests">Information requests</Tabs.Tab>
          <Tabs.Tab value="clarifications">Clarification questions</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requests" pt="md">
          {list.isPending ? (
            <PageSkeleton rows={3} />
          ) : list.isError ? (
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Stack gap="md">
              {state === 'all' && <Summary list={list.data} />}
              <Group gap="sm" align="center">
                <SegmentedControl
                  aria-label="Which requests"
                  value={state}
                  onChange={(v) => update({ state: v === 'all' ? null : v })}
                  data={[
                    { value: 'all', label: 'All' },
                    { value: 'open', label: 'Awaiting an answer' },
                    { value: 'overdue', label: 'Overdue' },
                  ]}
                />
                <Text size="sm" c="dimmed" data-testid="dd-counted">
                  {items.length} {items.length === 1 ? 'request' : 'requests'}
                  {state === 'open' ? ' awaiting an answer (asked, or returned for more)' : ''}
                  {state === 'overdue' ? ' awaiting an answer after their due date' : ''}.
                  {state === 'all' ? ' Overdue means awaiting an answer and the due date has passed.' : ''}
                </Text>
              </Group>
              {items.length === 0 ? (
                <Card withBorder radius="md" padding="lg">
                  <Text size="sm">
                    {EMPTY[state]}{' '}
                    {canAsk
                      ? 'Ask an outgoing provider for what bidders or the incoming provider need: each request has a due date, an owner and a place for the answer and its documents.'
                      : 'Requests released to bidders appear here when the commissioners release them.'}
                  </Text>
                </Card>
              ) : (
                <WideOrNarrow
                  wide={<RequestTable items={items} onOpen={(r) => update({ request: r.id })} />}
                  narrow={<RequestCards items={items} onOpen={(r) => update({ request: r.id })} />}
                />
              )}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="clarifications" pt="md">
          <ClarificationsPanel programmeId={programmeId} />
        </Tabs.Panel>
      </Tabs>

      <DialogSlot open={asking}>
        <AskRequestDrawer programmeId={programmeId} opened={asking} onClose={() => setAsking(false)} />
      </DialogSlot>
      <DialogSlot open={linked !== null}>
        <RequestDrawer
          programmeId={programmeId}
          requestId={linked}
          canRelease={list.data?.may.release ?? false}
          onClose={() => update({ request: null })}
        />
      </DialogSlot>
    </Stack>
  );
}
