import { lazy, useState } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  Box,
  Button,
  Card,
  Center,
  CloseButton,
  Grid,
  Group,
  Menu,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconDownload, IconFileImport, IconPlus, IconTimeline } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { WideOrNarrow } from '../../components/WideOrNarrow';
import { QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { errorCode } from '../../lib/errors';
import { formatCount } from '../../lib/format';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { BulkBar } from './BulkBar';
import { cellName, HeatMap } from './HeatMap';
import { RegisterFilters } from './RegisterFilters';
import { registerListInput, useRegisterView, type RegisterView } from './registerParams';
import { registerListOptions } from './registerQueries';
import { useRiskMatrix } from './riskMatrix';
import { RiskCards } from './RiskCards';
import { RiskTable } from './RiskTable';
import { useQuickRiskUpdate } from './useRiskMutations';
import { useRiskPeople } from './useRiskPeople';
import './risks.css';
import { DialogSlot } from '../../components/DialogSlot';

// The drawer and the import dialog (with their forms and date pickers) load when first opened.
const RiskFormDrawer = lazy(() => import('./RiskFormDrawer').then((m) => ({ default: m.RiskFormDrawer })));
const ImportModal = lazy(() => import('./ImportModal').then((m) => ({ default: m.ImportModal })));

/** The export routes take the register's filter and sort, so a download is exactly the view on screen. */
function exportHref(programmeId: string, format: 'xlsx' | 'csv', view: RegisterView): string {
  const params = new URLSearchParams({
    filter: JSON.stringify(view.filter),
    sort: view.sort,
    direction: view.direction,
  });
  return `/export/programmes/${programmeId}/risks.${format}?${params.toString()}`;
}

function TableSkeleton() {
  return (
    <Stack gap={6} p="md" role="status" aria-busy="true" aria-label="Loading risks">
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} height={34} />
      ))}
    </Stack>
  );
}

export function RiskRegisterPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const people = useRiskPeople(programmeId);
  const programme = people.programme.programme;
  usePageTitle('Risk register', programme?.name);
  const matrix = useRiskMatrix(programmeId);
  const { view, update, clearFilters } = useRegisterView();
  const quick = useQuickRiskUpdate();
  const [newOpened, newDrawer] = useDisclosure(false);
  const [importOpened, importModal] = useDisclosure(false);

  const list = useInfiniteQuery({
    ...registerListOptions(trpc, trpcClient, registerListInput(programmeId, view)),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  // The heat map shows where the filtered risks sit; the selected cell narrows the table, not the map.
  const { cell, ...heatFilter } = view.filter;
  const heat = useQuery({
    ...trpc.risk.heatMap.queryOptions({ programmeId, filter: heatFilter }),
    placeholderData: keepPreviousData,
  });

  // Selection belongs to one filtered view: changing the filter starts a new selection.
  const filterKey = JSON.stringify(view.filter);
  const [selection, setSelection] = useState<{ key: string; ids: Set<string> }>({ key: '', ids: new Set() });
  const selected = selection.key === filterKey ? selection.ids : new Set<string>();
  const setSelected = (ids: Set<string>) => setSelection({ key: filterKey, ids });

  if (list.isError && ['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(list.error) ?? ''))
    return <NotFoundPage />;

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const canEditRow = (r: (typeof items)[number]) => people.canEditFor(r.owningOrganisation.id);
  const selectedRows = items.filter((r) => selected.has(r.id));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>Risk register</Title>
        </Stack>
        <Group gap="xs">
          <Button
            component={Link}
            to={`/p/${programmeId}/risks/changes`}
            variant="default"
            leftSection={<IconTimeline size={16} aria-hidden />}
          >
            What changed
          </Button>
          <Menu position="bottom-end" shadow="md">
            <Menu.Target>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                rightSection={<IconChevronDown size={14} aria-hidden />}
              >
                Export
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>The risks in this view</Menu.Label>
              <Menu.Item component="a" href={exportHref(programmeId, 'xlsx', view)} download>
                Excel workbook (.xlsx)
              </Menu.Item>
              <Menu.Item component="a" href={exportHref(programmeId, 'csv', view)} download>
                CSV file (.csv)
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          {people.canCreate && (
            <>
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} aria-hidden />}
                onClick={importModal.open}
              >
                Import
              </Button>
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={newDrawer.open}
                disabled={!matrix.data}
              >
                New risk
              </Button>
            </>
          )}
        </Group>
      </Group>

      {matrix.isError && <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} />}

      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 'content' }}>
          <Card
            withBorder
            radius="md"
            padding="md"
            component="section"
            aria-labelledby="heat-map-heading"
            h="100%"
          >
            <Stack gap="sm">
              <Title order={2} size="h5" id="heat-map-heading">
                Heat map
              </Title>
              {heat.isError ? (
                <QueryError error={heat.error} onRetry={() => void heat.refetch()} />
              ) : (
                <Box w={{ base: '100%', md: 360, lg: 380 }} maw={420}>
                  <HeatMap
                    data={heat.data}
                    bands={matrix.data?.matrix.bands ?? []}
                    kind={view.heatKind}
                    onKindChange={(k) => update({ heat: k === 'current' ? null : k, cell: null })}
                    selected={cell}
                    onSelect={(c) =>
                      update({
                        cell: c ? `${c.kind}:${c.consequence}:${c.likelihood}` : null,
                        heat:
                          c && c.kind !== 'current'
                            ? c.kind
                            : view.heatKind === 'current'
                              ? null
                              : view.heatKind,
                      })
                    }
                  />
                </Box>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 'auto' }}>
          <Card
            withBorder
            radius="md"
            padding="md"
            component="section"
            aria-labelledby="filters-heading"
            h="100%"
          >
            <Stack gap="sm">
              <Title order={2} size="h5" id="filters-heading">
                Filters
              </Title>
              <RegisterFilters
                view={view}
                update={update}
                clearFilters={clearFilters}
                matrix={matrix.data?.matrix}
                owners={people.owners}
                organisations={people.organisations}
              />
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>

      <Stack gap="sm" component="section" aria-labelledby="risks-heading">
        <Group justify="space-between" gap="xs">
          <Group gap="sm">
            <Title order={2} size="h4" id="risks-heading">
              Risks
            </Title>
            <Text size="sm" aria-live="polite" data-testid="register-count">
              {list.data
                ? `Showing ${new Intl.NumberFormat('en-GB').format(items.length)} of ${formatCount(total, 'risk', 'risks')}`
                : ''}
            </Text>
          </Group>
          {cell && (
            <Group
              gap={4}
              px="xs"
              py={2}
              bg="nhsBlue.0"
              style={{ borderRadius: 4, border: '1px solid var(--mantine-color-nhsBlue-3)' }}
            >
              <Text size="xs">
                Heat map cell: {cellName(cell.consequence, cell.likelihood)} ({cell.kind ?? 'current'})
              </Text>
              <CloseButton
                size="xs"
                aria-label="Clear the heat map cell"
                onClick={() => update({ cell: null })}
              />
            </Group>
          )}
        </Group>

        {selectedRows.length > 0 && matrix.data && (
          <BulkBar
            programmeId={programmeId}
            selected={selectedRows}
            matrix={matrix.data.matrix}
            owners={people.owners}
            onDone={() => setSelected(new Set())}
            onClear={() => setSelected(new Set())}
          />
        )}

        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        <Card withBorder radius="md" padding={0}>
          {(list.isPending || !matrix.data) && !list.isError ? (
            <TableSkeleton />
          ) : items.length === 0 ? (
            <Stack align="center" gap="xs" py="xl" px="md" ta="center">
              <Text fw={700}>
                {view.isDefault ? 'No open risks have been raised yet.' : 'No risks match these filters.'}
              </Text>
              <Text size="sm" c="dimmed">
                {view.isDefault
                  ? 'Raise the first risk, or import an existing register from a spreadsheet.'
                  : 'Try fewer filters, another heat map cell, or include closed risks.'}
              </Text>
              {!view.isDefault && (
                <Button variant="default" size="xs" onClick={clearFilters}>
                  Clear filters
                </Button>
              )}
            </Stack>
          ) : (
            matrix.data && (
              <Box
                aria-busy={list.isPlaceholderData || undefined}
                style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
              >
                <WideOrNarrow
                  narrow={<RiskCards programmeId={programmeId} items={items} matrix={matrix.data.matrix} />}
                  wide={
                    <TableScroll label="Risk register table" minWidth={1040}>
                      <RiskTable
                        programmeId={programmeId}
                        items={items}
                        matrix={matrix.data.matrix}
                        canEditRow={canEditRow}
                        owners={people.owners}
                        selected={selected}
                        onToggle={(id, on) => {
                          const next = new Set(selected);
                          if (on) next.add(id);
                          else next.delete(id);
                          setSelected(next);
                        }}
                        onToggleAll={(on) =>
                          setSelected(on ? new Set(items.filter(canEditRow).map((r) => r.id)) : new Set())
                        }
                        sort={view.sort}
                        direction={view.direction}
                        onSort={(sort, direction) => update({ sort, dir: direction }, { replace: true })}
                        quick={quick}
                      />
                    </TableScroll>
                  }
                />
              </Box>
            )
          )}
        </Card>
        {items.length > 0 && (
          <Center>
            {list.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                Load more
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                That is every risk in this view.
              </Text>
            )}
          </Center>
        )}
      </Stack>

      {people.canCreate && matrix.data && (
        <>
          <DialogSlot open={newOpened}>
            <RiskFormDrawer
              programmeId={programmeId}
              matrix={matrix.data.matrix}
              opened={newOpened}
              onClose={newDrawer.close}
            />
          </DialogSlot>
          <DialogSlot open={importOpened}>
            <ImportModal programmeId={programmeId} opened={importOpened} onClose={importModal.close} />
          </DialogSlot>
        </>
      )}
    </Stack>
  );
}
