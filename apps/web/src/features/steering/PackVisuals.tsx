import { Group, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react';
import type { TTrend } from '@baton/domain';
import { ScoreChip, StatusBadge } from '../risks/RiskVisuals';
import type { PackBand, RiskState } from './types';

/*
 * Small pieces the pack screens share. Band colours come from the pack itself (the bands in force when it was
 * made), always with the band's own text colour and the number or word beside the colour.
 */

const TREND = {
  up: { icon: IconArrowUpRight, colour: 'red.9', word: 'Up' },
  down: { icon: IconArrowDownRight, colour: '#006747', word: 'Down' },
  steady: { icon: IconArrowRight, colour: 'gray.8', word: 'Steady' },
} as const;

/** "up from 12", "steady at 20", "new": the arrow and its meaning, never the arrow alone. */
export function trendLabel(trend: TTrend, previous: number | null, score: number): string {
  if (trend === 'new' || previous === null) return 'new since the comparison date';
  if (trend === 'steady') return `steady at ${score}`;
  return `${trend} from ${previous}`;
}

export function TrendMark({
  trend,
  previous,
  score,
}: {
  trend: TTrend;
  previous: number | null;
  score: number;
}) {
  const label = trendLabel(trend, previous, score);
  if (trend === 'new')
    return (
      <Text span size="xs" fw={700} c="nhsBlue.8" title="New since the comparison date">
        New<span className="visually-hidden">: {label}</span>
      </Text>
    );
  const t = TREND[trend];
  const Icon = t.icon;
  return (
    <Group gap={4} wrap="nowrap" align="center" c={t.colour} title={label} style={{ display: 'inline-flex' }}>
      <Icon size={18} stroke={2.25} aria-hidden />
      <Text span size="xs" fw={700} lh={1} aria-hidden>
        {t.word}
      </Text>
      <span className="visually-hidden">{label}</span>
    </Group>
  );
}

/** A risk's score and status from one date to another: "12 → 16", with the status when it changed. */
export function StateChange({
  from,
  to,
  bands,
}: {
  from: RiskState | null;
  to: RiskState;
  bands: readonly PackBand[];
}) {
  return (
    <Group gap={6} wrap="nowrap">
      {from && (
        <>
          <ScoreChip prefix="Was" score={from.score} bands={bands} withTooltip={false} />
          {from.status !== to.status && <StatusBadge status={from.status} size="sm" />}
          <Text span size="sm" aria-hidden>
            →
          </Text>
        </>
      )}
      <ScoreChip prefix={from ? 'Now' : 'Score'} score={to.score} bands={bands} withTooltip={false} />
      {(!from || from.status !== to.status) && <StatusBadge status={to.status} size="sm" />}
    </Group>
  );
}
