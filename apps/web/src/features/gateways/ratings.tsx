import { Badge, Box, Group, Stepper, Text } from '@mantine/core';
import {
  GATEWAY_RATING_LABELS,
  GATEWAY_RECOMMENDATION_LABELS,
  GATEWAY_STATUSES,
  GATEWAY_STATUS_LABELS,
  type TGatewayRating,
  type TGatewayRecommendation,
  type TGatewayStatus,
} from '@baton/domain';

/* How a rating looks everywhere: a tint with dark text (AA contrast) and always its words, never colour alone. */
export const RATING_STYLE: Record<TGatewayRating, { bg: string; fg: string; short: string }> = {
  assured: { bg: '#e3f1e8', fg: '#00401e', short: 'A' },
  partially_assured: { bg: '#fff1c7', fg: '#5c3200', short: 'PA' },
  not_assured: { bg: '#fbe3e0', fg: '#8a1a10', short: 'NA' },
};

export function RatingBadge({ rating, size = 'sm' }: { rating: TGatewayRating | null; size?: 'xs' | 'sm' }) {
  if (!rating)
    return (
      <Text size={size} c="dimmed" component="span">
        Not yet agreed
      </Text>
    );
  const s = RATING_STYLE[rating];
  return (
    <Badge
      size={size === 'xs' ? 'sm' : 'md'}
      radius="sm"
      tt="none"
      styles={{ root: { background: s.bg, color: s.fg, border: `1px solid ${s.fg}33` } }}
    >
      {GATEWAY_RATING_LABELS[rating]}
    </Badge>
  );
}

const RECOMMENDATION_RATING: Record<TGatewayRecommendation, TGatewayRating> = {
  progress: 'assured',
  progress_with_conditions: 'partially_assured',
  do_not_progress: 'not_assured',
};

export function RecommendationBadge({ recommendation }: { recommendation: TGatewayRecommendation }) {
  const s = RATING_STYLE[RECOMMENDATION_RATING[recommendation]];
  return (
    <Badge
      size="lg"
      radius="sm"
      tt="none"
      styles={{ root: { background: s.bg, color: s.fg, border: `1px solid ${s.fg}55` } }}
    >
      {GATEWAY_RECOMMENDATION_LABELS[recommendation]}
    </Badge>
  );
}

export function RatingLegend() {
  return (
    <Group gap="xs" aria-label="What the colours mean" role="group">
      {(Object.keys(RATING_STYLE) as TGatewayRating[]).map((r) => (
        <Group key={r} gap={4}>
          <Box
            aria-hidden
            w={14}
            h={14}
            style={{
              background: RATING_STYLE[r].bg,
              border: `1px solid ${RATING_STYLE[r].fg}`,
              borderRadius: 3,
            }}
          />
          <Text size="xs">
            {RATING_STYLE[r].short}: {GATEWAY_RATING_LABELS[r]}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

const STEP_DETAIL: Record<TGatewayStatus, string> = {
  draft: 'Criteria and panel',
  scoring: 'Each member rates',
  moderation: 'Ratings agreed',
  decided: 'Recommendation',
};

/** Where a gateway is on its one path: draft, panel scoring, moderation, decided. */
export function GatewaySteps({ status }: { status: TGatewayStatus }) {
  const active = GATEWAY_STATUSES.indexOf(status);
  return (
    <Stepper
      active={status === 'decided' ? GATEWAY_STATUSES.length : active}
      size="sm"
      allowNextStepsSelect={false}
      aria-label={`Gateway stage: ${GATEWAY_STATUS_LABELS[status]}`}
    >
      {GATEWAY_STATUSES.map((s) => (
        <Stepper.Step key={s} label={GATEWAY_STATUS_LABELS[s]} description={STEP_DETAIL[s]} />
      ))}
    </Stepper>
  );
}
