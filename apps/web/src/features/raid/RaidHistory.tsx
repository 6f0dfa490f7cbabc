import { useQuery } from '@tanstack/react-query';
import { List, Stack, Text, Title } from '@mantine/core';
import { RAID_PRIORITY_LABELS, RAID_STATUS_LABELS } from '@baton/domain';
import { diffOf, displayValue } from '../audit/auditDiff';
import { formatRelative, formatTimestamp } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

/** Bookkeeping a reader of an item's history does not need. */
const HIDDEN = new Set([
  'number',
  'kind',
  'programmeId',
  'createdBy',
  'createdAt',
  'updatedAt',
  'version',
  'risk',
  'meeting',
  'recommendationKey',
]);

const value = (key: string, v: unknown) =>
  key === 'status' && typeof v === 'string'
    ? (RAID_STATUS_LABELS[v as keyof typeof RAID_STATUS_LABELS] ?? v)
    : key === 'priority' && typeof v === 'string'
      ? (RAID_PRIORITY_LABELS[v as keyof typeof RAID_PRIORITY_LABELS] ?? v)
      : displayValue(key, v);

/** Who changed what on an item and when, from the audit trail (newest first), as a risk's history reads. */
export function RaidHistory({ programmeId, raidId }: { programmeId: string; raidId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.raid.get.queryOptions({ programmeId, raidId }));
  if (!q.data) return null;
  return (
    <Stack gap={6} data-testid="raid-history">
      <Title order={3} size="h6">
        History
      </Title>
      <List spacing={6} size="sm" listStyleType="none" p={0}>
        {q.data.audit.map((e) => {
          const rows =
            e.action === 'create' ? [] : diffOf(e.before, e.after).filter((r) => !HIDDEN.has(r.key));
          return (
            <List.Item key={e.id}>
              <Text size="sm">
                <b>{e.actor?.name ?? 'Baton'}</b>: {e.summary}{' '}
                <Text span size="xs" c="dimmed" title={formatTimestamp(e.occurredAt)}>
                  {formatRelative(e.occurredAt)}
                </Text>
              </Text>
              {rows.map((r) => (
                <Text key={r.key} size="xs" c="dimmed">
                  {r.label}: {value(r.key, r.before)} → {value(r.key, r.after)}
                </Text>
              ))}
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}
