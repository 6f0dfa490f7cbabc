import type { ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowRight, IconCalendarEvent, IconChecklist, IconGauge } from '@tabler/icons-react';
import { TRANSFER_STATUS_LABELS } from '@baton/domain';
import { Link } from 'react-router';
import { formatCount, formatDate, formatDateShort, formatDateWithDay } from '../../lib/format';
import { countdownText, slackText } from './format';
import classes from './transition.module.css';
import type { TransferSummary } from './types';
import { RagVerdict, WorkstreamRagGrid } from './ui';

function Fact({
  icon,
  label,
  value,
  detail,
}: {
  icon: ReactNode;
  label: string;
  value: ReactNode;
  detail: ReactNode;
}) {
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        {icon}
        <Text size="sm" c="dimmed" fw={600}>
          {label}
        </Text>
      </Group>
      <Text fw={700} size="lg" lh={1.25}>
        {value}
      </Text>
      <Text size="sm" component="div">
        {detail}
      </Text>
    </Stack>
  );
}

function ItemList({
  id,
  title,
  count,
  empty,
  children,
}: {
  id: string;
  title: string;
  count: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <Stack gap={6} component="section" aria-labelledby={id}>
      <Group gap={6}>
        <Title order={3} size="h6" id={id}>
          {title}
        </Title>
        <Badge
          size="sm"
          radius="sm"
          variant={count > 0 ? 'filled' : 'outline'}
          color={count > 0 ? 'gray.8' : 'gray.7'}
        >
          {count}
        </Badge>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {children}
        </List>
      )}
    </Stack>
  );
}

/** One transfer: dates, progress, readiness with its reasons, and what stands in the way of go-live. */
export function TransferCard({ programmeId, summary }: { programmeId: string; summary: TransferSummary }) {
  const { transfer, readiness, commencement } = summary;
  const planUrl = `/p/${programmeId}/transition/${transfer.id}`;
  const taskUrl = (id: string) => `/p/${programmeId}/transition/tasks/${id}`;
  const slack = slackText(summary.slackDays);
  const headingId = `transfer-${transfer.id}`;
  const awaitingGates = summary.gates.filter((g) => !g.met);

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="article"
      aria-labelledby={headingId}
      className={classes.cardContainer}
      data-testid="transfer-card"
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Group gap="xs">
              <Badge variant="light" radius="sm" tt="none">
                {transfer.lotCode}
              </Badge>
              <Badge variant="outline" radius="sm" color="gray.8" tt="none">
                {TRANSFER_STATUS_LABELS[transfer.status]}
              </Badge>
            </Group>
            <Title order={2} size="h3" id={headingId}>
              <Anchor component={Link} to={planUrl} inherit c="nhsBlue.9">
                {transfer.name}
              </Anchor>
            </Title>
            <Group gap={6} wrap="wrap">
              <Text fw={600}>{transfer.outgoing.name}</Text>
              <IconArrowRight size={18} aria-hidden />
              <span className="visually-hidden">hands over to</span>
              <Text fw={600}>{transfer.incoming.name}</Text>
            </Group>
            {transfer.services && (
              <Text size="sm" c="dimmed" lineClamp={2}>
                {transfer.services}
              </Text>
            )}
          </Stack>
          <Button
            component={Link}
            to={planUrl}
            variant="outline"
            rightSection={<IconArrowRight size={16} aria-hidden />}
          >
            Open plan
            <span className="visually-hidden">: {transfer.name}</span>
          </Button>
        </Group>

        <SimpleGrid type="container" cols={{ base: 1, '560px': 3 }} spacing="lg">
          <Fact
            icon={<IconCalendarEvent size={18} aria-hidden />}
            label="Planned transfer"
            value={
              <time dateTime={transfer.plannedTransferDate}>{formatDate(transfer.plannedTransferDate)}</time>
            }
            detail={countdownText(summary.countdownDays)}
          />
          <Fact
            icon={<IconGauge size={18} aria-hidden />}
            label="Forecast go-live"
            value={
              summary.forecastGoLive ? (
                <time dateTime={summary.forecastGoLive}>{formatDate(summary.forecastGoLive)}</time>
              ) : (
                'No forecast'
              )
            }
            detail={<span className={slack.late ? classes.late : undefined}>{slack.text}</span>}
          />
          <Fact
            icon={<IconChecklist size={18} aria-hidden />}
            label="Complete"
            value={`${summary.percentComplete}%`}
            detail={
              <Progress.Root size="lg" radius="sm" mt={6} bg="gray.2">
                <Progress.Section
                  value={summary.percentComplete}
                  color="nhsBlue.6"
                  aria-label={`${transfer.name}: ${summary.percentComplete}% complete`}
                />
              </Progress.Root>
            }
          />
        </SimpleGrid>

        <RagVerdict
          id={`${headingId}-rag`}
          label="Readiness"
          rag={readiness.overall.rag}
          reasons={readiness.overall.reasons}
        />

        <Stack gap={6}>
          <Text size="sm" fw={700} id={`${headingId}-ws`}>
            Workstreams
          </Text>
          <WorkstreamRagGrid
            workstreams={readiness.workstreams}
            label={`Workstream readiness for ${transfer.name}`}
          />
        </Stack>

        <Stack gap={6} component="section" aria-labelledby={`${headingId}-commencement`}>
          <Title order={3} size="h6" id={`${headingId}-commencement`}>
            Service commencement
          </Title>
          {commencement.kind === 'set' ? (
            <Stack gap={2}>
              <Text fw={700}>
                Commences <time dateTime={commencement.date}>{formatDateWithDay(commencement.date)}</time>
              </Text>
              <Text size="sm">{commencement.reason}</Text>
              {commencement.beyondLongstop && (
                <Alert color="red" variant="light" p="xs" role="note">
                  This is after the contract&apos;s longstop date.
                </Alert>
              )}
            </Stack>
          ) : (
            <Stack gap={4}>
              <Text fw={700}>Awaiting conditions precedent: the date is not yet fixed</Text>
              <Text size="sm">
                {commencement.reason}. The service commences on the later of the planned date and the day
                after the last condition is met.
              </Text>
              <List size="sm" spacing={4} aria-label={`Open conditions precedent for ${transfer.name}`}>
                {summary.openConditions.map((c) => (
                  <List.Item key={c.id}>
                    <Anchor component={Link} to={taskUrl(c.id)} size="sm">
                      {c.title}
                    </Anchor>{' '}
                    <Text span size="sm" c="dimmed">
                      · due {formatDateShort(c.dueDate)}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </Stack>

        <SimpleGrid type="container" cols={{ base: 1, '560px': 3 }} spacing="lg">
          <ItemList
            id={`${headingId}-overdue`}
            title="Overdue critical tasks"
            count={summary.overdueCritical.length}
            empty="None: the critical path is on time."
          >
            {summary.overdueCritical.map((t) => (
              <List.Item key={t.id}>
                <Anchor component={Link} to={taskUrl(t.id)} size="sm">
                  {t.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t.owner} · was due {formatDateShort(t.dueDate)}
                </Text>
              </List.Item>
            ))}
          </ItemList>
          <ItemList
            id={`${headingId}-gates`}
            title="Gates awaiting decision"
            count={awaitingGates.length}
            empty={summary.gates.length ? 'Every gate’s criteria are met.' : 'This plan has no gates.'}
          >
            {awaitingGates.map((g) => (
              <List.Item key={g.id}>
                <Anchor component={Link} to={taskUrl(g.id)} size="sm">
                  {g.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  due {formatDateShort(g.dueDate)}
                  {g.criteria ? ` · ${g.criteria}` : ''}
                </Text>
              </List.Item>
            ))}
          </ItemList>
          <ItemList
            id={`${headingId}-risks`}
            title="Escalated risks"
            count={summary.escalatedRisks.length}
            empty="No escalated risks are linked to this transfer."
          >
            {summary.escalatedRisks.map((r) => (
              <List.Item key={r.id}>
                <Anchor component={Link} to={`/p/${programmeId}/risks/${r.id}`} size="sm">
                  <Text span fw={700} size="sm" inherit>
                    {r.reference}
                  </Text>{' '}
                  {r.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  Current score {r.score}
                </Text>
              </List.Item>
            ))}
          </ItemList>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {formatCount(readiness.openConditions, 'condition precedent', 'conditions precedent')} open ·{' '}
          {formatCount(readiness.gatesNotMet, 'gate', 'gates')} not met ·{' '}
          {formatCount(readiness.overdueCriticalTasks, 'critical task', 'critical tasks')} overdue
        </Text>
      </Stack>
    </Card>
  );
}
