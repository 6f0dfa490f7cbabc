import { Fragment, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Center, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { errorCode } from '../../lib/errors';
import { formatRelative, formatTimestamp } from '../../lib/format';
import { useTRPC, type AuditEvent } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { diffOf, displayValue } from './auditDiff';

/** The kinds of thing the API records changes to (packages/api routers). */
const ENTITY_TYPE_LABELS: Record<string, string> = {
  programme: 'Programme',
  lot: 'Lots',
  party: 'Parties',
  membership: 'Members',
  organisation: 'Organisations',
  user: 'Users',
  identity_provider: 'Sign-in providers',
};

const ACTION_LABELS: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Removed',
  invite: 'Invited',
  accept_invite: 'Joined',
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in refused',
  sign_out: 'Signed out',
  second_factor_on: 'Second factor on',
  second_factor_off: 'Second factor off',
};

const PAGE_SIZE = 50;

function DiffTable({ event }: { event: AuditEvent }) {
  const rows = diffOf(event.before, event.after);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No field-level details were recorded for this change.
      </Text>
    );
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={6} fz="sm" bg="white">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w="25%">
            Field
          </Table.Th>
          <Table.Th scope="col">Before</Table.Th>
          <Table.Th scope="col">After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={600}>
              {r.label}
            </Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {r.before === undefined ? (
                <Text span c="dimmed" size="sm">
                  —
                </Text>
              ) : (
                <del style={{ textDecorationColor: 'var(--mantine-color-red-9)' }}>
                  {displayValue(r.key, r.before)}
                </del>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {r.after === undefined ? (
                <Text span c="dimmed" size="sm">
                  —
                </Text>
              ) : (
                <ins style={{ textDecoration: 'none', fontWeight: 600 }}>{displayValue(r.key, r.after)}</ins>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function EventRows({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-${event.id}-details`;
  const hasDetails = event.before != null || event.after != null;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <time dateTime={new Date(event.occurredAt).toISOString()} title={formatTimestamp(event.occurredAt)}>
            {formatRelative(event.occurredAt)}
          </time>
          <Text size="xs" c="dimmed">
            {formatTimestamp(event.occurredAt)}
          </Text>
        </Table.Td>
        <Table.Td>
          {event.actor ? (
            event.actor.name
          ) : (
            <Text span c="dimmed" size="sm">
              System
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Badge variant="light" color="gray" radius="sm" tt="none" style={{ flexShrink: 0 }}>
              {ACTION_LABELS[event.action] ?? event.action}
            </Badge>
            <Text size="sm">{event.summary}</Text>
          </Group>
        </Table.Td>
        <Table.Td style={{ textAlign: 'right' }}>
          {hasDetails && (
            <Button
              size="compact-sm"
              variant="subtle"
              aria-expanded={open}
              aria-controls={detailsId}
              leftSection={
                open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />
              }
              onClick={() => setOpen((o) => !o)}
            >
              {open ? 'Hide changes' : 'Show changes'}
              <span className="visually-hidden">: {event.summary}</span>
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId} bg="gray.0">
          <Table.Td colSpan={4}>
            <DiffTable event={event} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function AuditPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme } = useProgramme(programmeId);
  usePageTitle('History', programme?.name);
  const [entityType, setEntityType] = useState<string | null>(null);

  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { programmeId, limit: PAGE_SIZE, ...(entityType ? { entityType } : {}) },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );

  if (events.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(events.error) ?? '')) {
    return <NotFoundPage />;
  }
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>History</Title>
          <Text c="dimmed">Every change to this programme: who made it, when, and what changed.</Text>
        </Stack>
        <Select
          label="Show changes to"
          data={[
            { value: '', label: 'Everything' },
            ...Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label })),
          ]}
          value={entityType ?? ''}
          onChange={(v) => setEntityType(v ? v : null)}
          allowDeselect={false}
          w={220}
        />
      </Group>

      {events.isPending && <PageSkeleton rows={5} />}
      {events.isError && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
      {events.data && items.length === 0 && (
        <Card withBorder radius="md" padding="xl">
          <Text c="dimmed">
            {entityType
              ? 'No changes of this kind have been recorded yet.'
              : 'No changes have been recorded yet.'}
          </Text>
        </Card>
      )}
      {items.length > 0 && (
        <Card withBorder radius="md" padding={0}>
          <TableScroll label="Change history" minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Caption className="visually-hidden">Change history, newest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={170}>
                    When
                  </Table.Th>
                  <Table.Th scope="col" w={180}>
                    Who
                  </Table.Th>
                  <Table.Th scope="col">What</Table.Th>
                  <Table.Th scope="col" w={170}>
                    <span className="visually-hidden">Details</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((event) => (
                  <EventRows key={event.id} event={event} />
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Card>
      )}
      {items.length > 0 && (
        <Center>
          {events.hasNextPage ? (
            <Button
              variant="default"
              onClick={() => void events.fetchNextPage()}
              loading={events.isFetchingNextPage}
            >
              Load more
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              That is everything: the start of this programme’s history.
            </Text>
          )}
        </Center>
      )}
    </Stack>
  );
}
