import { useEffect, useState } from 'react';
import { Button, Chip, Group, MultiSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { RISK_STATUSES } from '@baton/domain';
import { listParam, type RegisterParamPatch, type RegisterView } from './registerParams';
import { shortStatusLabel } from './RiskVisuals';
import type { RiskMatrix } from './types';
import type { Option } from './useRiskPeople';

/** The register's filters. Each change goes into the URL; the table and heat map follow the URL. */
export function RegisterFilters({
  view,
  update,
  clearFilters,
  matrix,
  owners,
  organisations,
}: {
  view: RegisterView;
  update: (patch: RegisterParamPatch, options?: { replace?: boolean }) => void;
  clearFilters: () => void;
  matrix: RiskMatrix | undefined;
  owners: Option[];
  organisations: Option[];
}) {
  const { filter } = view;
  const [search, setSearch] = useState(filter.search ?? '');
  const pushSearch = useDebouncedCallback(
    (q: string) => update({ q: q.trim() || null }, { replace: true }),
    300,
  );
  // When the URL changes from elsewhere (Clear filters, back button), show its search.
  useEffect(() => setSearch(filter.search ?? ''), [filter.search]);

  const flag = (param: 'review' | 'escalated' | 'tolerance' | 'actions', on: boolean, value: string) =>
    update({ [param]: on ? value : null });

  return (
    <Stack gap="sm">
      <SimpleGrid
        type="container"
        cols={{ base: 1, '420px': 2, '700px': 3 }}
        spacing="sm"
        verticalSpacing="xs"
      >
        <TextInput
          size="xs"
          label="Search"
          placeholder="Title, cause, event or R-012"
          leftSection={<IconSearch size={14} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            pushSearch(e.currentTarget.value);
          }}
          type="search"
        />
        <MultiSelect
          size="xs"
          label="Status"
          placeholder={filter.statuses ? undefined : 'Any status'}
          data={RISK_STATUSES.map((s) => ({ value: s, label: shortStatusLabel(s) }))}
          value={filter.statuses ?? []}
          onChange={(v) => update({ status: v.length ? v.join(',') : 'all' })}
        />
        <MultiSelect
          size="xs"
          label="Current band"
          placeholder={filter.bandKeys?.length ? undefined : 'Any band'}
          data={(matrix?.bands ?? []).map((b) => ({ value: b.key, label: b.label }))}
          value={filter.bandKeys ?? []}
          onChange={(v) => update({ band: listParam(v) })}
        />
        <MultiSelect
          size="xs"
          label="Category"
          placeholder={filter.categoryKeys?.length ? undefined : 'Any category'}
          data={(matrix?.categories ?? []).map((c) => ({ value: c.key, label: c.label }))}
          value={filter.categoryKeys ?? []}
          onChange={(v) => update({ category: listParam(v) })}
          searchable
        />
        <MultiSelect
          size="xs"
          label="Owner"
          placeholder={filter.ownerUserIds?.length ? undefined : 'Anyone'}
          data={owners}
          value={filter.ownerUserIds ?? []}
          onChange={(v) => update({ owner: listParam(v) })}
          searchable
          nothingFoundMessage="No member matches"
        />
        <MultiSelect
          size="xs"
          label="Organisation"
          placeholder={filter.organisationIds?.length ? undefined : 'Any organisation'}
          data={organisations}
          value={filter.organisationIds ?? []}
          onChange={(v) => update({ org: listParam(v) })}
          searchable
          nothingFoundMessage="No organisation matches"
        />
      </SimpleGrid>
      <Group gap="xs" justify="space-between" align="center">
        <Group gap={6} role="group" aria-label="Only show risks that">
          <Chip
            size="xs"
            variant="outline"
            checked={filter.overdueReview === true}
            onChange={(on) => flag('review', on, 'overdue')}
          >
            Review overdue
          </Chip>
          <Chip
            size="xs"
            variant="outline"
            checked={filter.escalated === true}
            onChange={(on) => flag('escalated', on, '1')}
          >
            Escalated
          </Chip>
          <Chip
            size="xs"
            variant="outline"
            checked={filter.aboveTolerance === true}
            onChange={(on) => flag('tolerance', on, '1')}
          >
            Target above tolerance
          </Chip>
          <Chip
            size="xs"
            variant="outline"
            checked={filter.overdueActions === true}
            onChange={(on) => flag('actions', on, 'overdue')}
          >
            Actions overdue
          </Chip>
        </Group>
        {!view.isDefault && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconFilterOff size={14} aria-hidden />}
            onClick={clearFilters}
          >
            Clear filters
          </Button>
        )}
      </Group>
    </Stack>
  );
}
