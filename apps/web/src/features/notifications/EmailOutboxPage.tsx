import { Fragment, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Center, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import {
  EMAIL_BASE_URL_PLACEHOLDER,
  OUTBOX_STATUS_LABELS,
  OUTBOX_STATUSES,
  type TOutboxStatus,
} from '@baton/domain';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { errorCode } from '../../lib/errors';
import { formatRelative, formatTimestamp } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';

type Api = ReturnType<typeof useTRPC>;
type OutboxEmail = inferOutput<Api['notification']['outbox']>['items'][number];

/** Status as a word on a colour with 4.5:1 or more (never a bare colour). */
const STATUS_STYLE: Record<TOutboxStatus, { color: string; variant: 'filled' | 'outline' }> = {
  pending: { color: 'gray.8', variant: 'outline' },
  sent: { color: '#007f3b', variant: 'filled' },
  failed: { color: '#d5281b', variant: 'filled' },
};

function StatusBadge({ status }: { status: TOutboxStatus }) {
  const s = STATUS_STYLE[status];
  return (
    <Badge
      color={s.color}
      variant={s.variant}
      radius="sm"
      tt="none"
      styles={{ label: { overflow: 'visible' } }}
    >
      {OUTBOX_STATUS_LABELS[status]}
    </Badge>
  );
}

/** What happened to an email, in words. */
function outcome(e: OutboxEmail): string {
  if (e.status === 'sent') return e.sentAt ? `Sent ${formatTimestamp(e.sentAt)}` : 'Sent';
  if (e.status === 'failed') return `Gave up after ${e.attempts} attempts: ${e.lastError ?? 'unknown error'}`;
  if (e.lastError && e.attempts === 0) return e.lastError;
  if (e.lastError)
    return `Attempt ${e.attempts} failed: ${e.lastError}. Next try ${formatRelative(e.nextAttemptAt)}.`;
  return 'Waiting to be sent';
}

function EmailRows({ email }: { email: OutboxEmail }) {
  const [open, setOpen] = useState(false);
  const detailsId = `email-${email.id}-text`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <time dateTime={new Date(email.createdAt).toISOString()} title={formatTimestamp(email.createdAt)}>
            {formatRelative(email.createdAt)}
          </time>
          <Text size="xs" c="dimmed">
            {formatTimestamp(email.createdAt)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{email.toName ?? 'Former user'}</Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {email.toAddress}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{email.subject}</Text>
        </Table.Td>
        <Table.Td>
          <StatusBadge status={email.status} />
        </Table.Td>
        <Table.Td>
          <Text size="sm" data-testid="email-outcome">
            {outcome(email)}
          </Text>
        </Table.Td>
        <Table.Td style={{ textAlign: 'right' }}>
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
            {open ? 'Hide text' : 'Show text'}
            <span className="visually-hidden">: {email.subject}</span>
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId} bg="gray.0">
          <Table.Td colSpan={6}>
            <Text
              component="pre"
              size="sm"
              style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0, overflowWrap: 'anywhere' }}
            >
              {email.bodyText.replaceAll(EMAIL_BASE_URL_PLACEHOLDER, window.location.origin)}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** For programme admins: every email Baton sent (or tried to) about this programme, and what happened. */
export function EmailOutboxPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme } = useProgramme(programmeId);
  usePageTitle('Email outbox', programme?.name);
  const [status, setStatus] = useState<TOutboxStatus | null>(null);
  const emails = useInfiniteQuery(
    trpc.notification.outbox.infiniteQueryOptions(
      { programmeId, limit: 50, ...(status ? { status } : {}) },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );

  if (emails.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(emails.error) ?? '')) {
    return <NotFoundPage />;
  }
  const items = emails.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>Email outbox</Title>
          <Text c="dimmed" maw={720}>
            The emails Baton sends members of this programme about their notifications, newest first. Emails
            wait here until the mail server takes them; a failed attempt is retried with growing gaps, five
            times.
          </Text>
        </Stack>
        <Select
          label="Status"
          data={[
            { value: '', label: 'All emails' },
            ...OUTBOX_STATUSES.map((s) => ({ value: s, label: OUTBOX_STATUS_LABELS[s] })),
          ]}
          value={status ?? ''}
          onChange={(v) => setStatus(v ? (v as TOutboxStatus) : null)}
          allowDeselect={false}
          w={200}
        />
      </Group>

      {emails.isPending && <PageSkeleton rows={4} />}
      {emails.isError && <QueryError error={emails.error} onRetry={() => void emails.refetch()} />}
      {emails.data && items.length === 0 && (
        <Card withBorder radius="md" padding="xl">
          <Text c="dimmed">
            {status
              ? 'No emails with this status.'
              : 'Baton has not emailed anyone about this programme yet.'}
          </Text>
        </Card>
      )}
      {items.length > 0 && (
        <Card withBorder radius="md" padding={0}>
          <TableScroll label="Email outbox" minWidth={960}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Caption className="visually-hidden">
                Emails about this programme, newest first
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={160}>
                    Queued
                  </Table.Th>
                  <Table.Th scope="col" w={220}>
                    To
                  </Table.Th>
                  <Table.Th scope="col">Subject</Table.Th>
                  <Table.Th scope="col" w={100}>
                    Status
                  </Table.Th>
                  <Table.Th scope="col" w={240}>
                    Details
                  </Table.Th>
                  <Table.Th scope="col" w={130}>
                    <span className="visually-hidden">Email text</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <EmailRows key={e.id} email={e} />
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Card>
      )}
      {items.length > 0 && emails.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void emails.fetchNextPage()}
            loading={emails.isFetchingNextPage}
          >
            Load more
          </Button>
        </Center>
      )}
    </Stack>
  );
}
