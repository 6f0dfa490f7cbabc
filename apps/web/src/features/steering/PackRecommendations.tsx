import { Anchor, Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { TPackPastDecision, TPackRecommendation } from '@baton/domain';
import { RAID_STATUS_LABELS } from '@baton/domain';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../lib/format';

/** Where a recommendation's subject lives in the app. */
export function subjectPath(programmeId: string, r: TPackRecommendation): string {
  switch (r.subject.type) {
    case 'risk':
      return `/p/${programmeId}/risks/${r.subject.id}`;
    case 'transfer':
      return `/p/${programmeId}/transition/${r.subject.id}`;
    case 'task':
      return `/p/${programmeId}/transition/tasks/${r.subject.id}`;
  }
}

/** Each outcome's badge, in NHS colours with text at AA contrast (the outcome is also written out). */
export const OUTCOME_STYLE: Record<TPackPastDecision['outcome'], { background: string; color: string }> = {
  agreed: { background: '#007f3b', color: '#ffffff' },
  amended: { background: '#005eb8', color: '#ffffff' },
  deferred: { background: '#ffb81c', color: '#212b32' },
  rejected: { background: '#d5281b', color: '#ffffff' },
};

export const sentence = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** "The group is asked to": the pack's recommendations, each linked to what it is about. */
export function RecommendationList({
  recommendations,
  programmeId,
}: {
  recommendations: TPackRecommendation[];
  programmeId: string;
}) {
  if (!recommendations.length)
    return (
      <Text size="sm" c="dimmed">
        The data raises no decision for the group at this meeting: the group is asked to note the report.
      </Text>
    );
  return (
    <Stack gap={6}>
      <Text size="sm" fw={700} id="pack-asked-to">
        The group is asked to:
      </Text>
      <List type="ordered" spacing={6} aria-labelledby="pack-asked-to" data-testid="pack-recommendations">
        {recommendations.map((r) => (
          <List.Item key={r.key}>
            <Text size="sm" span>
              {sentence(r.text)}.{' '}
            </Text>
            <Text size="xs" c="dimmed" span>
              {r.why}{' '}
              <Anchor component={Link} to={subjectPath(programmeId, r)} size="xs" underline="always">
                Open {r.subject.reference ?? (r.subject.type === 'transfer' ? 'the transfer' : 'the gate')}
              </Anchor>
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

export function LastDecisions({
  decisions,
  sinceLabel,
}: {
  decisions: TPackPastDecision[];
  sinceLabel: string;
}) {
  if (!decisions.length) return null;
  return (
    <Stack gap={6}>
      <Title order={3} size="h6">
        Decided at {sinceLabel}
      </Title>
      <TableScroll label="Decisions at the last meeting" minWidth={560}>
        <Table striped verticalSpacing={6} data-testid="pack-last-decisions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={90}>
                Ref
              </Table.Th>
              <Table.Th scope="col">Decision</Table.Th>
              <Table.Th scope="col" w={150}>
                Outcome
              </Table.Th>
              <Table.Th scope="col">Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decisions.map((d) => (
              <Table.Tr key={d.reference}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {d.reference}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.title}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge radius="sm" tt="none" style={OUTCOME_STYLE[d.outcome]}>
                      {RAID_STATUS_LABELS[d.outcome]}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatDate(d.decidedOn)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.note || '—'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
