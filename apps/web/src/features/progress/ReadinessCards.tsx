import { Anchor, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { daysBetween } from '@baton/domain';
import { Link } from 'react-router';
import { formatCount, formatDateShort } from '../../lib/format';
import { ConfidenceBadge } from '../transition/DeliveryConfidence';
import { RagBadge } from '../transition/ui';
import classes from './progress.module.css';
import type { TransferReadiness } from './types';

/** The server writes dates in reasons as 2027-03-28; people read 28 Mar 2027. */
const readable = (reason: string) =>
  reason.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => formatDateShort(iso));

function Dates({ r }: { r: TransferReadiness }) {
  const late = r.forecastGoLive ? daysBetween(r.plannedTransferDate, r.forecastGoLive) : 0;
  return (
    <Text size="sm">
      Planned <time dateTime={r.plannedTransferDate}>{formatDateShort(r.plannedTransferDate)}</time>
      {' · '}
      {r.forecastGoLive ? (
        <span className={late > 0 ? classes.late : undefined}>
          forecast <time dateTime={r.forecastGoLive}>{formatDateShort(r.forecastGoLive)}</time>
          {late > 0 ? ` (${formatCount(late, 'day', 'days')} late)` : ' (on time)'}
        </span>
      ) : (
        'no forecast yet'
      )}
    </Text>
  );
}

const percent = (p: number) => `${Math.round(p * 100)}%`;

/** Margin (one figure per transfer), go-live confidence and delivery confidence, as the API gives them. */
function Schedule({ r }: { r: TransferReadiness }) {
  const commissioner = r.confidence.find((c) => c.kind === 'commissioner');
  const providers = r.confidence.filter((c) => c.kind === 'provider');
  const move = (m: string) => (m === 'up' ? ' ↑' : m === 'down' ? ' ↓' : '');
  return (
    <Stack gap={4}>
      {r.marginDays !== null && (
        <Text size="sm" data-testid="progress-margin" className={r.marginDays < 0 ? classes.late : undefined}>
          {r.marginDays >= 0
            ? `Margin ${formatCount(r.marginDays, 'day', 'days')} before the transfer date`
            : `Forecast ${formatCount(-r.marginDays, 'day', 'days')} after the transfer date`}
        </Text>
      )}
      {r.goLive?.p80 && (
        <Text size="sm" data-testid="progress-p80">
          P80 go-live <time dateTime={r.goLive.p80}>{formatDateShort(r.goLive.p80)}</time> ·{' '}
          {percent(r.goLive.probabilityOnTime)} chance of going live by the transfer date
        </Text>
      )}
      <Group gap={6} wrap="wrap">
        <Text size="xs" fw={600}>
          Delivery confidence:
        </Text>
        {commissioner ? (
          <Group gap={4} wrap="nowrap">
            <Text size="xs">Commissioner</Text>
            <ConfidenceBadge rating={commissioner.rating} />
            <Text
              size="xs"
              aria-label={
                commissioner.move === 'up'
                  ? 'improved'
                  : commissioner.move === 'down'
                    ? 'worsened'
                    : undefined
              }
            >
              {move(commissioner.move)}
            </Text>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            not assessed
          </Text>
        )}
        {providers.map((p) => (
          <Group gap={4} wrap="nowrap" key={p.organisation}>
            <Text size="xs">{p.organisation}</Text>
            <ConfidenceBadge rating={p.rating} />
            <Text size="xs">{move(p.move)}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

function ReadinessCard({ programmeId, r }: { programmeId: string; r: TransferReadiness }) {
  const headingId = `readiness-${r.transferId}`;
  const namesBoth = r.name.includes(r.outgoing) && r.name.includes(r.incoming);
  return (
    <li className={classes.readiness} data-rag={r.rag} data-transfer-id={r.transferId}>
      <article aria-labelledby={headingId}>
        <Stack gap={6}>
          <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
            <Title order={3} size="h6" id={headingId} lh={1.3}>
              <Anchor
                component={Link}
                to={`/p/${programmeId}/transition/${r.transferId}`}
                inherit
                c="nhsBlue.9"
              >
                {r.name}
              </Anchor>
            </Title>
            <RagBadge rag={r.rag} />
          </Group>
          {!namesBoth && (
            <Text size="xs">
              {r.outgoing} <IconArrowRight size={12} aria-hidden style={{ verticalAlign: 'middle' }} />
              <span className="visually-hidden">hands over to</span> {r.incoming}
            </Text>
          )}
          <Group gap="xs" wrap="nowrap">
            <Progress.Root size="lg" radius="sm" bg="gray.2" style={{ flex: 1 }}>
              <Progress.Section
                value={r.percentComplete}
                color="nhsBlue.6"
                aria-label={`${r.name}: ${r.percentComplete}% complete`}
              />
            </Progress.Root>
            <Text size="sm" fw={700} ta="right" style={{ minWidth: 40 }}>
              {r.percentComplete}%
            </Text>
          </Group>
          <Dates r={r} />
          <Schedule r={r} />
          {r.reasons.length > 0 && (
            <ul className={classes.reasons} aria-label={`Why ${r.name} is ${r.rag}`}>
              {r.reasons.map((reason) => (
                <li key={reason}>{readable(reason)}</li>
              ))}
            </ul>
          )}
          <Text size="xs" c="dimmed">
            {formatCount(r.openConditions, 'condition precedent', 'conditions precedent')} still open
          </Text>
        </Stack>
      </article>
    </li>
  );
}

/** Readiness per transfer: the verdict in words and why, how complete, and whether it will make its date. */
export function ReadinessCards({
  programmeId,
  readiness,
}: {
  programmeId: string;
  readiness: TransferReadiness[];
}) {
  if (readiness.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No transfers yet.
      </Text>
    );
  return (
    <ul className={classes.readinessList} aria-label="Transfers" data-testid="readiness">
      {readiness.map((r) => (
        <ReadinessCard key={r.transferId} programmeId={programmeId} r={r} />
      ))}
    </ul>
  );
}
