import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import { Link } from 'react-router';
import { RAID_STATUSES, RAID_STATUS_LABELS, raidReference, type TPackRecommendation } from '@baton/domain';
import { QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { OUTCOME_STYLE, sentence, subjectPath } from '../steering/PackRecommendations';

type TOutcome = (typeof RAID_STATUSES.decision)[number];

interface TDecision {
  id: string;
  number: number;
  title: string;
  status: string;
  resolution: string;
  version: number;
  recommendationKey: string | null;
}

/** One recommendation, with the outcome recorded for it (if any) and, for the chair, the form to record it. */
function OutcomeCard({
  programmeId,
  meetingId,
  recommendation,
  decision,
  canRecord,
  index,
}: {
  programmeId: string;
  meetingId: string;
  recommendation: TPackRecommendation;
  decision: TDecision | undefined;
  canRecord: boolean;
  index: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(!decision);
  const [outcome, setOutcome] = useState<TOutcome>((decision?.status as TOutcome) ?? 'agreed');
  const [note, setNote] = useState(decision?.resolution ?? '');
  const record = useMutation(
    trpc.meeting.recordOutcome.mutationOptions({
      onSuccess: async (r) => {
        setEditing(false);
        notify({
          color: 'green',
          title: `${raidReference('decision', r.decision.number)} recorded`,
          message: r.riskClosed
            ? 'The risk is closed, as the group decided.'
            : 'The decision is in the decision log.',
        });
        await Promise.all([
          queryClient.invalidateQueries(trpc.meeting.pathFilter()),
          queryClient.invalidateQueries(trpc.raid.pathFilter()),
          queryClient.invalidateQueries(trpc.risk.pathFilter()),
          queryClient.invalidateQueries(trpc.steering.pathFilter()),
        ]);
      },
    }),
  );
  const errors = record.error ? fieldErrorsOf(record.error) : {};
  const labelId = `rec-${index}`;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="outcome-card" aria-labelledby={labelId}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text size="sm" fw={600} id={labelId}>
              {index + 1}. {sentence(recommendation.text)}
            </Text>
            <Text size="xs" c="dimmed">
              {recommendation.why}{' '}
              <Anchor
                component={Link}
                to={subjectPath(programmeId, recommendation)}
                size="xs"
                underline="always"
              >
                Open{' '}
                {recommendation.subject.reference ??
                  (recommendation.subject.type === 'transfer' ? 'the transfer' : 'the gate')}
              </Anchor>
            </Text>
          </Stack>
          {decision && (
            <Badge
              radius="sm"
              tt="none"
              style={{ ...OUTCOME_STYLE[decision.status as TOutcome], flexShrink: 0 }}
              data-testid="outcome-badge"
            >
              {raidReference('decision', decision.number)} · {RAID_STATUS_LABELS[decision.status as TOutcome]}
            </Badge>
          )}
        </Group>
        {decision && !editing && decision.resolution && (
          <Text size="sm">
            <Text span fw={600}>
              Note:{' '}
            </Text>
            {decision.resolution}
          </Text>
        )}
        {canRecord && editing && (
          <Stack gap={6}>
            <SegmentedControl
              aria-label={`Outcome of recommendation ${index + 1}`}
              value={outcome}
              onChange={(v) => setOutcome(v as TOutcome)}
              data={RAID_STATUSES.decision.map((s) => ({ value: s, label: RAID_STATUS_LABELS[s] }))}
              size="xs"
              fullWidth
            />
            <Textarea
              label="Note"
              description={
                outcome === 'amended' ? 'Say how the group amended it (required)' : 'Optional: the reasoning'
              }
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={1}
              maxRows={6}
              error={errors.note}
            />
            {record.error && !errors.note && (
              <Text size="sm" c="red.8" role="alert">
                {errorMessage(record.error)}
              </Text>
            )}
            <Group gap="xs">
              <Button
                size="xs"
                leftSection={<IconGavel size={14} aria-hidden />}
                loading={record.isPending}
                onClick={() =>
                  record.mutate({
                    programmeId,
                    meetingId,
                    key: recommendation.key,
                    outcome,
                    note,
                    ...(decision ? { version: decision.version } : {}),
                  })
                }
              >
                Record outcome
              </Button>
              {decision && (
                <Button size="xs" variant="subtle" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              )}
            </Group>
          </Stack>
        )}
        {canRecord && decision && !editing && (
          <Group>
            <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
              Change outcome
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The decisions the meeting's pack asks for and what the group decided: the chair records each outcome here,
 * and each becomes an entry in the decision log (an agreed closure also closes the risk).
 */
export function MeetingOutcomes({
  programmeId,
  meetingId,
  canManage,
  held,
}: {
  programmeId: string;
  meetingId: string;
  canManage: boolean;
  held: boolean;
}) {
  const trpc = useTRPC();
  const q = useQuery(trpc.meeting.recommendations.queryOptions({ programmeId, meetingId }));
  return (
    <Section id="meeting-outcomes" title="Recommendations and outcomes">
      {q.isPending ? (
        <Text size="sm" c="dimmed" aria-live="polite">
          Building the recommendations from the pack…
        </Text>
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {q.data.frozen
              ? 'From the frozen pack.'
              : 'From the pack as at the meeting date (freeze the pack to fix them).'}{' '}
            {canManage
              ? held
                ? 'Record the group’s outcome on each: it goes into the decision log.'
                : 'Outcomes can be recorded once the meeting has been held.'
              : 'Outcomes are recorded by the secretariat.'}{' '}
            <Anchor component={Link} to={`/p/${programmeId}/raid?kind=decision`} underline="always" size="sm">
              Decision log
            </Anchor>
          </Text>
          {q.data.recommendations.length === 0 && (
            <Text size="sm">The data raised no decision for the group at this meeting.</Text>
          )}
          {q.data.recommendations.map((r, i) => (
            <OutcomeCard
              key={r.key}
              index={i}
              programmeId={programmeId}
              meetingId={meetingId}
              recommendation={r}
              decision={q.data.decisions.find((d) => d.recommendationKey === r.key)}
              canRecord={canManage && held}
            />
          ))}
        </Stack>
      )}
    </Section>
  );
}
