import { Anchor, Badge, Checkbox, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useRef } from 'react';
import { Link } from 'react-router';
import { useFirstScreenful } from '../../components/useFirstScreenful';
import { formatDateShort } from '../../lib/format';
import { CurrentScoreCell, OwnerCell, StatusCell } from './InlineEdit';
import { defaultDirection } from './registerParams';
import { categoryLabel } from './riskMatrix';
import {
  EscalatedBadge,
  OverdueBadge,
  ScoreChip,
  Sparkline,
  StatusBadge,
  ToleranceWarning,
  TrendIndicator,
} from './RiskVisuals';
import type { useQuickRiskUpdate } from './useRiskMutations';
import type { RiskListItem, RiskMatrix, RiskSort, SortDirection } from './types';

function SortHeader({
  label,
  sortKey,
  sort,
  direction,
  onSort,
  w,
}: {
  label: string;
  sortKey: RiskSort;
  sort: RiskSort;
  direction: SortDirection;
  onSort: (sort: RiskSort, direction: SortDirection) => void;
  w?: number;
}) {
  const active = sort === sortKey;
  const Icon = !active ? IconArrowsSort : direction === 'asc' ? IconArrowUp : IconArrowDown;
  const next: SortDirection = active ? (direction === 'asc' ? 'desc' : 'asc') : defaultDirection(sortKey);
  return (
    <Table.Th
      scope="col"
      w={w}
      aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <UnstyledButton className="risk-sort-button" onClick={() => onSort(sortKey, next)}>
        {label}
        <Icon
          size={13}
          aria-hidden
          color={active ? 'var(--mantine-color-nhsBlue-8)' : 'var(--mantine-color-gray-7)'}
        />
        <span className="visually-hidden">
          {active
            ? `, sorted ${direction === 'asc' ? 'ascending' : 'descending'}; sort ${next === 'asc' ? 'ascending' : 'descending'}`
            : `, sort ${next === 'asc' ? 'ascending' : 'descending'}`}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}

export function RiskTable({
  programmeId,
  items,
  matrix,
  canEditRow,
  owners,
  selected,
  onToggle,
  onToggleAll,
  sort,
  direction,
  onSort,
  quick,
}: {
  programmeId: string;
  items: RiskListItem[];
  matrix: RiskMatrix;
  canEditRow: (r: RiskListItem) => boolean;
  owners: Array<{ value: string; label: string }>;
  selected: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  sort: RiskSort;
  direction: SortDirection;
  onSort: (sort: RiskSort, direction: SortDirection) => void;
  quick: ReturnType<typeof useQuickRiskUpdate>;
}) {
  const editableRows = items.filter(canEditRow);
  const selectedOnPage = editableRows.filter((r) => selected.has(r.id)).length;
  const allSelected = editableRows.length > 0 && selectedOnPage === editableRows.length;
  const sortProps = { sort, direction, onSort };
  const bands = matrix.bands;
  const tolerance = (key: string) => matrix.categories.find((c) => c.key === key)?.tolerance;
  // The rows the window shows are built before the first paint (three on a laptop, below the heat map and
  // filters), the rest a frame later.
  const tbody = useRef<HTMLTableSectionElement>(null);
  const rows = useFirstScreenful(items, 25, { rows: tbody, minimum: 3 });

  return (
    <Table
      className="risk-table"
      verticalSpacing={6}
      horizontalSpacing={6}
      layout="fixed"
      fz="sm"
      highlightOnHover
      withRowBorders
    >
      <Table.Caption className="visually-hidden">
        Risks, sorted by {sort} {direction === 'asc' ? 'ascending' : 'descending'}. Column headers sort the
        register.
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={36}>
            <Checkbox
              size="xs"
              aria-label={`Select all ${editableRows.length} risks shown that you can change`}
              checked={allSelected}
              indeterminate={selectedOnPage > 0 && !allSelected}
              disabled={editableRows.length === 0}
              onChange={(e) => onToggleAll(e.currentTarget.checked)}
            />
          </Table.Th>
          <SortHeader label="Ref" sortKey="reference" w={60} {...sortProps} />
          <SortHeader label="Risk" sortKey="title" {...sortProps} />
          <SortHeader label="Category" sortKey="category" w={104} {...sortProps} />
          <Table.Th scope="col" w={142}>
            Owner<span className="visually-hidden"> and organisation</span>
          </Table.Th>
          <Table.Th scope="col" w={104}>
            Status
          </Table.Th>
          <Table.Th scope="col" w={44}>
            <abbr title="Initial score">Init.</abbr>
          </Table.Th>
          <SortHeader label="Current" sortKey="score" w={72} {...sortProps} />
          <Table.Th scope="col" w={66}>
            Target
          </Table.Th>
          <Table.Th scope="col" w={80}>
            <abbr title="The direction of the last re-score, and the score over time. (“Trend” in the steering pack is the change since the last meeting.)">
              Re-score
            </abbr>
          </Table.Th>
          <SortHeader label="Next review" sortKey="nextReview" w={98} {...sortProps} />
          <Table.Th scope="col" w={82}>
            Actions
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={tbody}>
        {rows.map((r) => {
          const editable = canEditRow(r);
          const category = categoryLabel(matrix, r.categoryKey);
          const saving = quick.isPending && quick.pendingRiskId === r.id;
          return (
            <Table.Tr key={r.id} data-selected={selected.has(r.id) || undefined}>
              <Table.Td>
                <Checkbox
                  size="xs"
                  aria-label={
                    editable ? `Select ${r.reference}` : `${r.reference}: you cannot change this risk`
                  }
                  checked={selected.has(r.id)}
                  disabled={!editable}
                  onChange={(e) => onToggle(r.id, e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {r.reference}
              </Table.Td>
              <Table.Th scope="row" fw={400}>
                <Anchor
                  component={Link}
                  to={`/p/${programmeId}/risks/${r.id}`}
                  size="sm"
                  fw={600}
                  lineClamp={2}
                  title={r.title}
                  style={{ lineHeight: 1.3 }}
                >
                  {r.title}
                </Anchor>
              </Table.Th>
              <Table.Td>
                <Text size="xs" lineClamp={2} title={category}>
                  {category}
                </Text>
              </Table.Td>
              <Table.Td>
                <OwnerCell risk={r} editable={editable} owners={owners} save={quick.save} saving={saving} />
                <Text size="xs" c="dimmed" truncate="end" title={r.owningOrganisation.name}>
                  {r.owningOrganisation.shortName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={3} align="flex-start">
                  <StatusCell risk={r} editable={editable} save={quick.save} saving={saving}>
                    <StatusBadge status={r.status} size="xs" />
                  </StatusCell>
                  {r.escalated && <EscalatedBadge tier={r.escalationTier} size="xs" />}
                </Stack>
              </Table.Td>
              <Table.Td>
                <ScoreChip
                  prefix="Initial"
                  consequence={r.initial.consequence}
                  likelihood={r.initial.likelihood}
                  score={r.initial.score}
                  bands={bands}
                />
              </Table.Td>
              <Table.Td>
                <CurrentScoreCell
                  risk={r}
                  editable={editable}
                  bands={bands}
                  save={quick.save}
                  saving={saving}
                />
              </Table.Td>
              <Table.Td>
                <Group gap={3} wrap="nowrap">
                  <ScoreChip
                    prefix="Target"
                    consequence={r.target.consequence}
                    likelihood={r.target.likelihood}
                    score={r.target.score}
                    bands={bands}
                  />
                  {r.targetAboveTolerance && (
                    <ToleranceWarning
                      targetScore={r.target.score}
                      tolerance={tolerance(r.categoryKey)}
                      categoryName={category}
                    />
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <TrendIndicator trend={r.trend} />
                  <Sparkline scores={r.scoreHistory ?? []} bands={bands} width={46} />
                </Group>
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={r.nextReviewOn}>{formatDateShort(r.nextReviewOn)}</time>
                  </Text>
                  {r.reviewOverdue && <OverdueBadge label="Overdue" />}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                    {r.openActions} open
                  </Text>
                  {r.overdueActions > 0 && (
                    <Badge variant="filled" color="red.9" radius="sm" size="xs" tt="none">
                      {r.overdueActions} overdue
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
