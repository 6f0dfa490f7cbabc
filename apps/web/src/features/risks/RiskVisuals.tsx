import { Badge, Box, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowDownRight,
  IconArrowRight,
  IconArrowUpRight,
  IconFlag3,
} from '@tabler/icons-react';
import { ESCALATION_TIER_LABELS, RISK_STATUS_LABELS, type TRiskStatus } from '@baton/domain';
import { LazyTooltip } from '../../components/LazyTooltip';
import { bandForScore, consequenceLabel, likelihoodLabel } from './riskMatrix';
import type { RiskBand } from './types';

/*
 * The small visual pieces every risk screen shares. Colours carry meaning only alongside words: each chip,
 * arrow and badge has text for screen readers, and chips use the band's own text colour on its colour.
 */

/** NHS identity colours with at least 4.5:1 on white, for outlined status badges. */
const STATUS_COLOURS: Record<TRiskStatus, string> = {
  open: '#005EB8',
  draft: '#425563',
  closed: '#006747',
  materialised: '#8A1538',
};

export function statusLabel(status: string): string {
  return RISK_STATUS_LABELS[status as TRiskStatus] ?? status;
}

/** "Materialised (now an issue)" is too long for a table cell. */
export function shortStatusLabel(status: string): string {
  return status === 'materialised' ? 'Materialised' : statusLabel(status);
}

export function StatusBadge({ status, size = 'sm' }: { status: string; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge
      variant="outline"
      color={STATUS_COLOURS[status as TRiskStatus] ?? '#425563'}
      radius="sm"
      size={size}
      tt="none"
      title={statusLabel(status)}
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      {shortStatusLabel(status)}
    </Badge>
  );
}

export function EscalatedBadge({ tier, size = 'sm' }: { tier?: string; size?: 'xs' | 'sm' | 'md' }) {
  const tierLabel = tier ? ESCALATION_TIER_LABELS[tier as keyof typeof ESCALATION_TIER_LABELS] : undefined;
  return (
    <Badge
      variant="filled"
      color="#8A1538"
      radius="sm"
      size={size}
      tt="none"
      leftSection={<IconFlag3 size={12} aria-hidden />}
      title={tierLabel ? `Escalated: ${tierLabel}` : 'Escalated'}
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      Escalated
    </Badge>
  );
}

export function OverdueBadge({ label = 'Overdue' }: { label?: string }) {
  return (
    <Badge variant="filled" color="red.9" radius="sm" size="sm" tt="none">
      {label}
    </Badge>
  );
}

/**
 * A score in its band's colour. Sighted users see the number; the accessible text says how it was reached:
 * "Current: 4 × 5 = 20, Extreme".
 */
export function ScoreChip({
  prefix,
  consequence,
  likelihood,
  score,
  bands,
  withLabel = false,
  size = 'sm',
  withTooltip = true,
}: {
  prefix?: string;
  consequence?: number;
  likelihood?: number;
  score: number;
  /** The programme's bands, or a frozen pack's (the bands in force when it was made). */
  bands: ReadonlyArray<Pick<RiskBand, 'min' | 'max' | 'label' | 'colour' | 'textColour'>>;
  /** Show the band's name beside the number ("20 Extreme"). */
  withLabel?: boolean;
  size?: 'sm' | 'md';
  /** Off inside a button, whose own label says the same. */
  withTooltip?: boolean;
}) {
  const band = bandForScore(bands, score);
  const hasLevels = consequence !== undefined && likelihood !== undefined;
  const sum = hasLevels ? `${consequence} × ${likelihood} = ${score}` : String(score);
  const spoken = `${prefix ? `${prefix}: ` : ''}${sum}${band ? `, ${band.label}` : ''}`;
  const tooltip = hasLevels
    ? `${consequence} ${consequenceLabel(consequence)} × ${likelihood} ${likelihoodLabel(likelihood)} = ${score}${band ? ` (${band.label})` : ''}`
    : spoken;
  const chip = (
    <Box
      component="span"
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 4,
        minWidth: size === 'md' ? 36 : 28,
        height: size === 'md' ? 28 : 22,
        padding: '0 6px',
        borderRadius: 4,
        fontWeight: 700,
        fontSize: size === 'md' ? 15 : 13,
        lineHeight: 1,
        whiteSpace: 'nowrap',
        background: band?.colour ?? 'var(--mantine-color-gray-2)',
        color: band?.textColour ?? 'var(--mantine-color-black)',
        boxShadow: 'inset 0 0 0 1px rgba(0, 0, 0, 0.2)',
        fontVariantNumeric: 'tabular-nums',
      }}
    >
      <span aria-hidden>
        {score}
        {withLabel && band ? ` ${band.label}` : ''}
      </span>
      <span className="visually-hidden">{spoken}</span>
    </Box>
  );
  // Inside a button (an editable value) the button's label says it all: no tooltip to build per row.
  return withTooltip ? <LazyTooltip label={tooltip}>{chip}</LazyTooltip> : chip;
}

const TREND = {
  up: { icon: IconArrowUpRight, colour: 'red.9', text: 'Rising: the last re-score went up' },
  down: { icon: IconArrowDownRight, colour: 'green.9', text: 'Falling: the last re-score went down' },
  steady: { icon: IconArrowRight, colour: 'gray.7', text: 'Steady: the last review kept the score' },
} as const;

export function TrendIndicator({ trend }: { trend: string | undefined }) {
  if (!trend) return null;
  if (trend === 'new')
    return (
      <Text span size="xs" fw={700} c="nhsBlue.8" title="New: not re-scored yet">
        New<span className="visually-hidden">: not re-scored yet</span>
      </Text>
    );
  const t = TREND[trend as keyof typeof TREND];
  if (!t) return null;
  const Icon = t.icon;
  return (
    <Box component="span" c={t.colour} style={{ display: 'inline-flex' }} title={t.text}>
      <Icon size={18} stroke={2.25} aria-hidden />
      <span className="visually-hidden">{t.text}</span>
    </Box>
  );
}

/** A tiny line of the score's history, oldest first; the numbers are also given as text. */
export function Sparkline({
  scores,
  bands,
  width = 64,
  height = 20,
}: {
  scores: readonly number[];
  bands: readonly RiskBand[];
  width?: number;
  height?: number;
}) {
  if (scores.length === 0) return null;
  const pad = 3;
  const x = (i: number) =>
    scores.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (scores.length - 1);
  const y = (s: number) => height - pad - ((s - 1) / 24) * (height - 2 * pad);
  const points = scores.map((s, i) => `${x(i).toFixed(1)},${y(s).toFixed(1)}`).join(' ');
  const last = scores[scores.length - 1]!;
  const band = bandForScore(bands, last);
  return (
    <>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden focusable="false">
        <line
          x1={0}
          x2={width}
          y1={height - pad}
          y2={height - pad}
          stroke="var(--mantine-color-gray-4)"
          strokeWidth={1}
        />
        <polyline
          points={points}
          fill="none"
          stroke="var(--mantine-color-gray-8)"
          strokeWidth={1.5}
          strokeLinejoin="round"
        />
        <circle
          cx={x(scores.length - 1)}
          cy={y(last)}
          r={3}
          fill={band?.colour ?? 'var(--mantine-color-gray-8)'}
          stroke="var(--mantine-color-gray-9)"
          strokeWidth={1}
        />
      </svg>
      <span className="visually-hidden">Score history, oldest first: {scores.join(', ')}.</span>
    </>
  );
}

/** The tolerance warning: the target is above what the programme accepts for this category. */
export function ToleranceWarning({
  targetScore,
  tolerance,
  categoryName,
}: {
  targetScore: number;
  tolerance: number | undefined;
  categoryName: string;
}) {
  const text =
    tolerance === undefined
      ? `Target score ${targetScore} is above the programme’s tolerance for ${categoryName}`
      : `Target score ${targetScore} is above the tolerance of ${tolerance} for ${categoryName}`;
  return (
    <LazyTooltip label={text} multiline maw={260}>
      <Box component="span" c="orange.9" style={{ display: 'inline-flex' }}>
        <IconAlertTriangle size={18} stroke={2.25} aria-hidden />
        <span className="visually-hidden">{text}</span>
      </Box>
    </LazyTooltip>
  );
}
