import { useState } from 'react';
import { Button, Group, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react';
import { TASK_STATUS_LABELS, WORKSTREAM_LABELS } from '@baton/domain';
import { formatRelative, formatTimestamp } from '../../lib/format';
import { diffOf, displayValue } from '../audit/auditDiff';
import { TASK_KIND_LABELS } from './format';
import type { TaskAuditEvent } from './types';

const TASK_ENUMS: Record<string, Record<string, string>> = {
  status: TASK_STATUS_LABELS,
  workstream: WORKSTREAM_LABELS,
  kind: TASK_KIND_LABELS,
};
const HIDDEN = new Set(['templateKey', 'transferId', 'programmeId']);

function taskValue(key: string, value: unknown): string {
  if (typeof value === 'string' && TASK_ENUMS[key]?.[value]) return TASK_ENUMS[key][value]!;
  if (key === 'percentComplete' && typeof value === 'number') return `${value}%`;
  return displayValue(key, value);
}

function Changes({ event }: { event: TaskAuditEvent }) {
  const rows = diffOf(event.before, event.after).filter((r) => !HIDDEN.has(r.key));
  if (event.action === 'create' || rows.length === 0) return null;
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" mt={6} bg="white">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w="30%">
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
            <Table.Td style={{ wordBreak: 'break-word' }}>
              <del style={{ textDecorationColor: 'var(--mantine-color-red-9)' }}>
                {taskValue(r.key, r.before)}
              </del>
            </Table.Td>
            <Table.Td style={{ wordBreak: 'break-word' }}>
              <ins style={{ textDecoration: 'none', fontWeight: 600 }}>{taskValue(r.key, r.after)}</ins>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Entry({ event }: { event: TaskAuditEvent }) {
  const [open, setOpen] = useState(false);
  const hasChanges =
    event.action !== 'create' && diffOf(event.before, event.after).some((r) => !HIDDEN.has(r.key));
  const id = `task-audit-${event.id}`;
  return (
    <Stack gap={2}>
      <Text size="sm">{event.summary}</Text>
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          {event.actor?.name ?? 'System'} ·{' '}
          <time dateTime={new Date(event.occurredAt).toISOString()} title={formatTimestamp(event.occurredAt)}>
            {formatRelative(event.occurredAt)}
          </time>{' '}
          ({formatTimestamp(event.occurredAt)})
        </Text>
        {hasChanges && (
          <Button
            size="compact-xs"
            variant="subtle"
            aria-expanded={open}
            aria-controls={id}
            leftSection={
              open ? <IconChevronDown size={12} aria-hidden /> : <IconChevronRight size={12} aria-hidden />
            }
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Hide changes' : 'Show changes'}
          </Button>
        )}
      </Group>
      {open && (
        <div id={id}>
          <Changes event={event} />
        </div>
      )}
    </Stack>
  );
}

/** Every recorded change to the task, newest first. */
export function TaskHistory({ events }: { events: TaskAuditEvent[] }) {
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No changes recorded yet.
      </Text>
    );
  return (
    <Timeline bulletSize={20} lineWidth={2} active={-1}>
      {events.map((e) => (
        <Timeline.Item key={e.id} bullet={<IconHistory size={12} aria-hidden />}>
          <Entry event={e} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
