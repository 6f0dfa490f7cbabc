import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateShort } from '../../lib/format';
import { categoryLabel } from './riskMatrix';
import { EscalatedBadge, ScoreChip, StatusBadge, TrendIndicator } from './RiskVisuals';
import type { RiskListItem, RiskMatrix } from './types';

/**
 * The register on a phone: one card per risk with what the table's first columns say (reference, title,
 * current score, owner, status, next review), so nothing important sits off-screen. Edits are made on the
 * risk's own page.
 */
export function RiskCards({
  programmeId,
  items,
  matrix,
}: {
  programmeId: string;
  items: RiskListItem[];
  matrix: RiskMatrix;
}) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Risks">
      {items.map((r) => (
        <Card key={r.id} component="li" withBorder radius="md" padding="sm">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed" fw={700}>
                  {r.reference} · {categoryLabel(matrix, r.categoryKey)}
                </Text>
                <Anchor
                  component={Link}
                  to={`/p/${programmeId}/risks/${r.id}`}
                  fw={600}
                  size="sm"
                  lineClamp={3}
                >
                  {r.title}
                </Anchor>
              </Stack>
              <Group gap={4} wrap="nowrap">
                <ScoreChip
                  prefix="Current"
                  consequence={r.current.consequence}
                  likelihood={r.current.likelihood}
                  score={r.current.score}
                  bands={matrix.bands}
                />
                <TrendIndicator trend={r.trend} />
              </Group>
            </Group>
            <Group gap={6}>
              <StatusBadge status={r.status} size="xs" />
              {r.escalated && <EscalatedBadge tier={r.escalationTier} size="xs" />}
              {r.reviewOverdue && (
                <Badge color="#b10e1e" radius="sm" size="xs" tt="none">
                  Review overdue
                </Badge>
              )}
              {r.overdueActions > 0 && (
                <Badge color="#b10e1e" variant="outline" radius="sm" size="xs" tt="none">
                  {r.overdueActions} action{r.overdueActions === 1 ? '' : 's'} overdue
                </Badge>
              )}
            </Group>
            <Text size="xs">
              {r.owner?.name ?? r.namedOwner ?? 'No owner'} · {r.owningOrganisation.shortName} · next review{' '}
              {formatDateShort(r.nextReviewOn)}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
