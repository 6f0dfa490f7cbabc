import { lazy, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ActionIcon, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { organisationKindLabel } from '../../lib/labels';
import { useTRPC, type Organisation } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMe } from '../auth/useMe';
import { DialogSlot } from '../../components/DialogSlot';

const OrganisationFormModal = lazy(() =>
  import('./OrganisationFormModal').then((m) => ({ default: m.OrganisationFormModal })),
);

export function OrganisationsPage() {
  usePageTitle('Organisations');
  const trpc = useTRPC();
  const me = useMe();
  const organisations = useQuery(trpc.organisation.list.queryOptions());
  const programmes = useQuery(trpc.programme.list.queryOptions());
  // Mirrors the server's rule (system admins, or an admin of any programme); the server enforces it.
  const canEdit = me.isSystemAdmin || (programmes.data ?? []).some((p) => p.role === 'programme_admin');
  const [editing, setEditing] = useState<{ organisation: Organisation | null } | null>(null);
  const [search, setSearch] = useState('');

  const needle = search.trim().toLowerCase();
  const shown = (organisations.data ?? [])
    .filter(
      (o) => !needle || [o.name, o.shortName, o.odsCode ?? ''].some((s) => s.toLowerCase().includes(needle)),
    )
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>Organisations</Title>
          <Text c="dimmed">Commissioners, providers and partners that programmes can name as parties.</Text>
        </Stack>
        {canEdit && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing({ organisation: null })}
          >
            Add organisation
          </Button>
        )}
      </Group>

      <TextInput
        label="Search organisations"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={360}
        type="search"
      />

      {organisations.isPending && <PageSkeleton rows={3} />}
      {organisations.isError && (
        <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
      )}
      {organisations.data && (
        <Card withBorder radius="md" padding={0}>
          <TableScroll label="Organisations" minWidth={640}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
              <Table.Caption className="visually-hidden">Organisations</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Short name</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col">ODS code</Table.Th>
                  {canEdit && (
                    <Table.Th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Th scope="row" fw={600}>
                      {o.name}
                    </Table.Th>
                    <Table.Td>{o.shortName}</Table.Td>
                    <Table.Td>{organisationKindLabel(o.kind)}</Table.Td>
                    <Table.Td>{o.odsCode ?? '—'}</Table.Td>
                    {canEdit && (
                      <Table.Td style={{ textAlign: 'right' }}>
                        <LazyTooltip label="Edit">
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Edit ${o.name}`}
                            onClick={() => setEditing({ organisation: o })}
                          >
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                        </LazyTooltip>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
                {shown.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={canEdit ? 5 : 4}>
                      <Text c="dimmed">
                        {needle ? 'No organisation matches your search.' : 'No organisations yet.'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Card>
      )}
      {canEdit && (
        <DialogSlot open={editing !== null}>
          {editing !== null && (
            <OrganisationFormModal
              organisation={editing.organisation}
              opened
              onClose={() => setEditing(null)}
            />
          )}
        </DialogSlot>
      )}
    </Stack>
  );
}
