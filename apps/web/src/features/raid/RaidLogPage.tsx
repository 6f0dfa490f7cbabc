import { lazy, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  RAID_KIND_LABELS,
  RAID_KINDS,
  RAID_PRIORITY_LABELS,
  RAID_STATUS_LABELS,
  raidReference,
  riskReference,
  isRaidOpen,
  todayInUk,
  type TRaidKind,
} from '@baton/domain';
import { NotFoundPage } from '../../app/NotFoundPage';
import { WideOrNarrow } from '../../components/WideOrNarrow';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { formatDateShort } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import type { RaidItem } from './types';
import { DialogSlot } from '../../components/DialogSlot';

const RaidFormDrawer = lazy(() => import('./RaidFormDrawer').then((m) => ({ default: m.RaidFormDrawer })));
const RaidImportModal = lazy(() => import('./RaidImportModal').then((m) => ({ default: m.RaidImportModal })));

const EMPTY: Record<TRaidKind, string> = {
  issue:
    'Issues are risks that have happened, or problems raised directly: what is wrong now, who is resolving it and by when. Raise one here, or from a risk with “Raise as an issue”.',
  assumption:
    'Assumptions are what the plan takes for granted (a CQC variation approved in ten weeks, staff transferring without measures): record each, what happens if it is wrong, and when it will be checked.',
  decision:
    'The decision log records what the steering group decided, meeting by meeting. Outcomes recorded on a meeting’s page appear here, and decisions can be logged directly.',
  action:
    'Meeting actions are what a meeting asked someone to do, with an owner and a due date. They appear in the owner’s workspace and notifications.',
};

const PRIORITY_STYLE = {
  critical: { background: '#d5281b', color: '#ffffff' },
  high: { background: '#ed8b00', color: '#212b32' },
  medium: { background: '#ffeb3b', color: '#212b32' },
  low: { background: '#e8edee', color: '#212b32' },
} as const;

const daysLate = (i: RaidItem, today: string) =>
  isRaidOpen(i.status) && i.dueOn && i.dueOn < today
    ? Math.round((Date.parse(today) - Date.parse(i.dueOn)) / 86_400_000)
    : 0;

function Due({ item, today }: { item: RaidItem; today: string }) {
  if (!item.dueOn) return <Text size="sm">—</Text>;
  const late = daysLate(item, today);
  return (
    <>
      <Text size="sm">{formatDateShort(item.dueOn)}</Text>
      {late > 0 && (
        <Text size="xs" fw={700} c="red.9">
          {late} {late === 1 ? 'day' : 'days'} overdue
        </Text>
      )}
    </>
  );
}

function StatusBadge({ item }: { item: RaidItem }) {
  return (
    <Badge radius="sm" tt="none" variant="outline" color={isRaidOpen(item.status) ? 'nhsBlue.9' : 'gray.8'}>
      {RAID_STATUS_LABELS[item.status]}
    </Badge>
  );
}

function RaidTable({
  kind,
  items,
  programmeId,
  today,
  onOpen,
}: {
  kind: TRaidKind;
  items: RaidItem[];
  programmeId: string;
  today: string;
  onOpen: (i: RaidItem) => void;
}) {
  return (
    <TableScroll label={RAID_KIND_LABELS[kind].many} minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid={`raid-table-${kind}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={90}>
              Ref
            </Table.Th>
            <Table.Th scope="col">{RAID_KIND_LABELS[kind].one}</Table.Th>
            <Table.Th scope="col" w={130}>
              {kind === 'decision' ? 'Outcome' : 'Status'}
            </Table.Th>
            {kind === 'issue' && (
              <Table.Th scope="col" w={100}>
                Priority
              </Table.Th>
            )}
            <Table.Th scope="col" w={190}>
              Owner
            </Table.Th>
            <Table.Th scope="col" w={110}>
              Raised
            </Table.Th>
            <Table.Th scope="col" w={120}>
              {kind === 'assumption' ? 'Validate by' : kind === 'decision' ? 'Decided' : 'Due'}
            </Table.Th>
            {/* A meeting's name needs the room; a risk reference does not. */}
            <Table.Th scope="col" w={kind === 'decision' || kind === 'action' ? 170 : 100}>
              {kind === 'decision' || kind === 'action' ? 'Meeting / risk' : 'Risk'}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {raidReference(i.kind, i.number)}
                </Text>
              </Table.Td>
              <Table.Th scope="row" fw={400}>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  fw={600}
                  ta="left"
                  onClick={() => onOpen(i)}
                >
                  {i.title}
                </Anchor>
                {i.resolution && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {i.resolution}
                  </Text>
                )}
              </Table.Th>
              <Table.Td>
                <StatusBadge item={i} />
              </Table.Td>
              {kind === 'issue' && (
                <Table.Td>
                  {i.priority && (
                    <Badge radius="sm" tt="none" style={PRIORITY_STYLE[i.priority]}>
                      {RAID_PRIORITY_LABELS[i.priority]}
                    </Badge>
                  )}
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{i.owner?.name ?? 'No owner'}</Text>
                <Text size="xs" c="dimmed">
                  {i.owningOrganisation.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateShort(i.raisedOn)}</Text>
              </Table.Td>
              <Table.Td>
                {kind === 'decision' ? (
                  <Text size="sm">{i.closedOn ? formatDateShort(i.closedOn) : '—'}</Text>
                ) : (
                  <Due item={i} today={today} />
                )}
              </Table.Td>
              <Table.Td>
                {i.meeting && (
                  <Anchor
                    component={Link}
                    to={`/p/${programmeId}/meetings/${i.meeting.id}`}
                    size="sm"
                    underline="always"
                    display="block"
                  >
                    {i.meeting.title}
                  </Anchor>
                )}
                {i.risk && (
                  <Anchor
                    component={Link}
                    to={`/p/${programmeId}/risks/${i.risk.id}`}
                    size="sm"
                    underline="always"
                  >
                    {riskReference(i.risk.number)}
                  </Anchor>
                )}
                {!i.meeting && !i.risk && <Text size="sm">—</Text>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The log on a phone: a card per item with what the table's first columns say. */
function RaidCards({
  items,
  today,
  onOpen,
}: {
  items: RaidItem[];
  today: string;
  onOpen: (i: RaidItem) => void;
}) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Items">
      {items.map((i) => (
        <Card key={i.id} component="li" withBorder radius="md" padding="sm">
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text size="xs" c="dimmed" fw={700}>
                {raidReference(i.kind, i.number)}
              </Text>
              <Group gap={4}>
                {i.priority && (
                  <Badge radius="sm" tt="none" style={PRIORITY_STYLE[i.priority]}>
                    {RAID_PRIORITY_LABELS[i.priority]}
                  </Badge>
                )}
                <StatusBadge item={i} />
              </Group>
            </Group>
            <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={() => onOpen(i)}>
              {i.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              {i.owner?.name ?? 'No owner'} · {i.owningOrganisation.name}
            </Text>
            {i.kind !== 'decision' && <Due item={i} today={today} />}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

/** The RAID log: issues, assumptions, the decision log and meeting actions, each in its tab. */
export function RaidLogPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { overview, programme, can } = useProgramme(programmeId);
  usePageTitle('RAID log', programme?.name);
  const [params, setParams] = useSearchParams();
  const kind = (RAID_KINDS as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as TRaidKind)
    : 'issue';
  const state = params.get('state') === 'all' ? 'all' : 'open';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [editing, setEditing] = useState<RaidItem | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const today = todayInUk();
  // Everything is read once; "open" narrows issues, assumptions and actions. The decision log is a record,
  // not a to-do list, so it always shows every decision.
  const list = useQuery(
    trpc.raid.list.queryOptions({ programmeId, state: 'all', ...(debounced ? { search: debounced } : {}) }),
  );
  const byKind = useMemo(() => {
    const m = new Map<TRaidKind, RaidItem[]>(RAID_KINDS.map((k) => [k, []]));
    for (const i of list.data ?? [])
      if (state === 'all' || i.kind === 'decision' || isRaidOpen(i.status)) m.get(i.kind)!.push(i);
    return m;
  }, [list.data, state]);
  // A link from the workspace, a notification or the pack opens the item itself.
  const linked = params.get('item');
  const linkedItem = linked ? (list.data ?? []).find((i) => i.id === linked) : undefined;
  const opened = editing ?? linkedItem ?? null;
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v === null) next.delete(k);
      else next.set(k, v);
    setParams(next, { replace: true });
  };

  if (overview.isPending) return <PageSkeleton />;
  if (!programme) return <NotFoundPage />;
  const canCreate = can('items.editOwn') && programme.status === 'open';
  const items = byKind.get(kind) ?? [];
  const overdue = items.filter((i) => daysLate(i, today) > 0).length;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme.name}
          </Text>
          <Title order={1}>RAID log</Title>
          <Text c="dimmed" maw={760}>
            Beside the risk register: issues, assumptions, the decision log and meeting actions. Each item
            belongs to one organisation, like a risk.
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            component="a"
            href={`/export/programmes/${programmeId}/raid.xlsx`}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            Download (Excel)
          </Button>
          {canCreate && (
            <>
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} aria-hidden />}
                onClick={() => setImporting(true)}
              >
                Import
              </Button>
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
                New {RAID_KIND_LABELS[kind].one.toLowerCase()}
              </Button>
            </>
          )}
        </Group>
      </Group>

      <Group gap="sm" align="flex-end">
        <SegmentedControl
          aria-label="Which items"
          value={state}
          onChange={(v) => update({ state: v === 'all' ? 'all' : null })}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'all', label: 'All' },
          ]}
        />
        <TextInput
          label="Search"
          placeholder="Title, description or resolution"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
        />
      </Group>

      <Tabs value={kind} onChange={(v) => v && update({ kind: v, item: null })} keepMounted={false}>
        <Tabs.List aria-label="Logs">
          {RAID_KINDS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {RAID_KIND_LABELS[k].many} ({byKind.get(k)?.length ?? 0})
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {RAID_KINDS.map((k) => (
          <Tabs.Panel key={k} value={k} pt="md">
            {list.isPending ? (
              <PageSkeleton rows={3} />
            ) : list.isError ? (
              <QueryError error={list.error} onRetry={() => void list.refetch()} />
            ) : (
              <Stack gap="sm">
                <Text size="sm" c="dimmed" data-testid="raid-counted">
                  {k === 'decision'
                    ? `${items.length} ${items.length === 1 ? 'decision' : 'decisions'} (the log shows every decision)`
                    : state === 'open'
                      ? `${items.length} open (open or in progress)`
                      : `${items.length} in all`}
                  {overdue ? `; ${overdue} past their due date` : ''}
                  {debounced ? `, matching “${debounced}”` : ''}.
                </Text>
                {items.length === 0 ? (
                  <Card withBorder radius="md" padding="lg">
                    <Text size="sm">
                      {debounced || (state === 'open' && k !== 'decision')
                        ? `No ${state === 'open' && k !== 'decision' ? 'open ' : ''}${RAID_KIND_LABELS[k].many.toLowerCase()}${debounced ? ' match the search' : ''}. `
                        : ''}
                      {EMPTY[k]}
                    </Text>
                  </Card>
                ) : (
                  <WideOrNarrow
                    wide={
                      <RaidTable
                        kind={k}
                        items={items}
                        programmeId={programmeId}
                        today={today}
                        onOpen={setEditing}
                      />
                    }
                    narrow={<RaidCards items={items} today={today} onOpen={setEditing} />}
                  />
                )}
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>

      <DialogSlot open={opened !== null}>
        {opened !== null && (
          <RaidFormDrawer
            programmeId={programmeId}
            kind={opened !== 'new' ? opened.kind : kind}
            item={opened !== 'new' ? opened : null}
            opened
            onClose={() => {
              setEditing(null);
              if (linked) update({ item: null });
            }}
          />
        )}
      </DialogSlot>
      <DialogSlot open={importing}>
        <RaidImportModal programmeId={programmeId} opened={importing} onClose={() => setImporting(false)} />
      </DialogSlot>
    </Stack>
  );
}
