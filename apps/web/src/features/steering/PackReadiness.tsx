import { Anchor, Badge, Card, Group, List, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { CONFIDENCE_LABELS, daysBetween, type TPackReadiness } from '@baton/domain';
import { Link } from 'react-router';
import { formatCount, formatDateShort } from '../../lib/format';
import { countdownText } from '../transition/format';
import classes from '../transition/transition.module.css';
import { ConfidenceBadge } from '../transition/DeliveryConfidence';
import { RagBadge, WorkstreamRagGrid } from '../transition/ui';

/** Forecast against plan in words: "on the planned date", "12 days late", "5 days early". */
function forecastText(t: TPackReadiness): { text: string; late: boolean } {
  if (!t.forecastGoLive) return { text: 'No forecast: the plan has no tasks', late: false };
  const diff = daysBetween(t.plannedTransferDate, t.forecastGoLive);
  if (diff === 0) return { text: 'on the planned date', late: false };
  return diff > 0
    ? { text: `${formatCount(diff, 'day', 'days')} late`, late: true }
    : { text: `${formatCount(-diff, 'day', 'days')} early`, late: false };
}

/** One transfer's readiness for go-live: the RAG as a word with its reasons, progress, forecast against plan. */
function TransferReadiness({ t, programmeId }: { t: TPackReadiness; programmeId: string }) {
  const headingId = `pack-transfer-${t.transferId}`;
  const forecast = forecastText(t);
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      aria-labelledby={headingId}
      className={classes.cardContainer}
      data-testid="pack-transfer"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Badge variant="light" radius="sm" tt="none" w="fit-content">
              {t.lotCode}
            </Badge>
            <Title order={3} size="h5" id={headingId}>
              <Anchor component={Link} to={`/p/${programmeId}/transition/${t.transferId}`} inherit>
                {t.name}
              </Anchor>
            </Title>
            <Group gap={4} wrap="wrap">
              <Text size="xs">{t.outgoing}</Text>
              <IconArrowRight size={14} aria-hidden />
              <span className="visually-hidden">hands over to</span>
              <Text size="xs">{t.incoming}</Text>
            </Group>
          </Stack>
          <RagBadge rag={t.rag} />
        </Group>

        <Stack gap={4}>
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {t.percentComplete}% complete
            </Text>
            <Text size="xs" c="dimmed">
              {countdownText(t.daysToTransfer)}
            </Text>
          </Group>
          <Progress.Root size="md" radius="sm" bg="gray.2">
            <Progress.Section
              value={t.percentComplete}
              color="nhsBlue.6"
              aria-label={`${t.name}: ${t.percentComplete}% complete`}
            />
          </Progress.Root>
        </Stack>

        <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px' }}>
          <Text component="dt" size="xs" fw={700} c="dimmed">
            Planned go-live
          </Text>
          <Text component="dd" size="sm" m={0}>
            <time dateTime={t.plannedTransferDate}>{formatDateShort(t.plannedTransferDate)}</time>
          </Text>
          <Text component="dt" size="xs" fw={700} c="dimmed">
            Forecast go-live
          </Text>
          <Text component="dd" size="sm" m={0}>
            {t.forecastGoLive ? (
              <>
                <time dateTime={t.forecastGoLive}>{formatDateShort(t.forecastGoLive)}</time>
                {' · '}
              </>
            ) : null}
            <span className={forecast.late ? classes.late : undefined}>{forecast.text}</span>
          </Text>
          {t.goLiveVarianceDays !== undefined && t.goLiveVarianceDays !== null && (
            <>
              <Text component="dt" size="xs" fw={700} c="dimmed">
                Against baseline
              </Text>
              <Text
                component="dd"
                size="sm"
                m={0}
                className={t.goLiveVarianceDays > 0 ? classes.late : undefined}
              >
                {t.goLiveVarianceDays === 0
                  ? 'as agreed'
                  : t.goLiveVarianceDays > 0
                    ? `${formatCount(t.goLiveVarianceDays, 'day', 'days')} later`
                    : `${formatCount(-t.goLiveVarianceDays, 'day', 'days')} earlier`}
              </Text>
            </>
          )}
          {t.goLive && (
            <>
              <Text component="dt" size="xs" fw={700} c="dimmed">
                P80 go-live
              </Text>
              <Text component="dd" size="sm" m={0} data-testid="pack-p80">
                <time dateTime={t.goLive.p80}>{formatDateShort(t.goLive.p80)}</time> ·{' '}
                {Math.round(t.goLive.probabilityOnTime * 100)}% chance of making the date
              </Text>
            </>
          )}
          {t.confidence && t.confidence.length > 0 && (
            <>
              <Text component="dt" size="xs" fw={700} c="dimmed">
                Delivery confidence
              </Text>
              <Text component="dd" size="sm" m={0}>
                <Group gap={6} wrap="wrap" component="span">
                  {t.confidence.map((c) => (
                    <Group gap={4} wrap="nowrap" key={`${c.kind}-${c.organisation}`} component="span">
                      <Text span size="xs">
                        {c.kind === 'commissioner' ? 'Commissioner' : c.organisation}
                      </Text>
                      <ConfidenceBadge rating={c.rating} />
                      {c.previous && c.move !== 'same' && (
                        <Text span size="xs">
                          {c.move === 'up' ? 'up' : 'down'} from {CONFIDENCE_LABELS[c.previous]}
                        </Text>
                      )}
                    </Group>
                  ))}
                </Group>
              </Text>
            </>
          )}
        </dl>

        <div>
          <Text size="xs" fw={700} id={`${headingId}-reasons`}>
            Why {t.rag === 'green' ? 'green' : t.rag}
          </Text>
          <List size="sm" spacing={2} withPadding aria-labelledby={`${headingId}-reasons`}>
            {t.reasons.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
        </div>

        <WorkstreamRagGrid workstreams={t.workstreams} label={`Workstream readiness for ${t.name}`} />
      </Stack>
    </Card>
  );
}

export function PackReadiness({
  readiness,
  programmeId,
}: {
  readiness: TPackReadiness[];
  programmeId: string;
}) {
  return (
    <SimpleGrid type="container" cols={{ base: 1, '700px': 2, '1100px': 3 }} spacing="md">
      {readiness.map((t) => (
        <TransferReadiness key={t.transferId} t={t} programmeId={programmeId} />
      ))}
    </SimpleGrid>
  );
}
