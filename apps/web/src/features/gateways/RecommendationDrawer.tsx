import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Drawer,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  GATEWAY_RECOMMENDATIONS,
  GATEWAY_RECOMMENDATION_LABELS,
  type TGatewayRecommendation,
} from '@baton/domain';
import { DateField } from '../../components/DateField';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useRiskPeople } from '../risks/useRiskPeople';
import type { GatewayView } from './types';

interface TCondition {
  key: number;
  text: string;
  ownerUserId: string | null;
  dueOn: string | null;
}

/**
 * The steering group's recommendation: recorded as its decision on the RAID log (optionally at a meeting),
 * each condition a RAID action with an owner and a due date. Final once recorded.
 */
export function RecommendationDrawer({
  programmeId,
  view,
  opened,
  onClose,
  today,
}: {
  programmeId: string;
  view: GatewayView;
  opened: boolean;
  onClose: () => void;
  today: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const people = useRiskPeople(programmeId);
  const meetings = useQuery({ ...trpc.meeting.list.queryOptions({ programmeId }), enabled: opened });
  const [recommendation, setRecommendation] = useState<TGatewayRecommendation | null>(null);
  const [rationale, setRationale] = useState('');
  const [decidedOn, setDecidedOn] = useState<string | null>(today);
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [conditions, setConditions] = useState<TCondition[]>([]);
  useEffect(() => {
    if (!opened) return;
    setRecommendation(view.suggested);
    setRationale('');
    setDecidedOn(today);
    setMeetingId(null);
    setConditions(
      view.suggested === 'progress_with_conditions'
        ? [{ key: 1, text: '', ownerUserId: null, dueOn: null }]
        : [],
    );
  }, [opened, view.suggested, today]);
  const record = useMutation(
    trpc.gateway.recordRecommendation.mutationOptions({
      onSuccess: async (r) => {
        notify({
          color: 'green',
          title: `Recorded as ${r.decision.reference}`,
          message: r.conditions.length
            ? `Conditions tracked as ${r.conditions.map((c) => c.reference).join(', ')}.`
            : 'On the RAID log as the steering group’s decision.',
        });
        await Promise.all([
          queryClient.invalidateQueries(trpc.gateway.pathFilter()),
          queryClient.invalidateQueries(trpc.raid.pathFilter()),
        ]);
        onClose();
      },
    }),
  );
  const errors = record.error ? fieldErrorsOf(record.error) : {};
  const withConditions = recommendation === 'progress_with_conditions';
  const setCondition = (key: number, patch: Partial<TCondition>) =>
    setConditions((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const pastMeetings = (meetings.data ?? [])
    .filter((m) => m.heldOn <= today)
    .sort((a, b) => b.heldOn.localeCompare(a.heldOn))
    .map((m) => ({ value: m.id, label: `${m.title}, ${formatDate(m.heldOn)}` }));

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title="Record the recommendation">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!recommendation) return;
          record.mutate({
            programmeId,
            gatewayId: view.gateway.id,
            version: view.gateway.version,
            recommendation,
            rationale,
            decidedOn: decidedOn ?? '',
            meetingId,
            conditions: withConditions
              ? conditions.map((c) => ({ text: c.text, ownerUserId: c.ownerUserId, dueOn: c.dueOn }))
              : [],
          });
        }}
      >
        <Stack>
          {record.error && (
            <Alert color="red" role="alert" title="Not recorded">
              {errorMessage(record.error)}
            </Alert>
          )}
          {view.suggested && (
            <Text size="sm">
              The agreed domain ratings point to{' '}
              <strong>{GATEWAY_RECOMMENDATION_LABELS[view.suggested].toLowerCase()}</strong>: every domain
              assured points to progress, any partially assured to progress with conditions, any not assured
              to do not progress. The steering group decides.
            </Text>
          )}
          <Radio.Group
            label="Recommendation"
            required
            value={recommendation ?? ''}
            onChange={(v) => {
              const r = v as TGatewayRecommendation;
              setRecommendation(r);
              if (r === 'progress_with_conditions' && conditions.length === 0)
                setConditions([{ key: Date.now(), text: '', ownerUserId: null, dueOn: null }]);
            }}
          >
            <Stack gap="xs" mt={6}>
              {GATEWAY_RECOMMENDATIONS.map((r) => (
                <Radio key={r} value={r} label={GATEWAY_RECOMMENDATION_LABELS[r]} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label="Rationale"
            description="The panel’s view in a paragraph: what is assured, what is not, why this recommendation"
            required
            autosize
            minRows={4}
            value={rationale}
            onChange={(e) => setRationale(e.currentTarget.value)}
            error={errors.rationale}
          />
          <Group grow align="flex-start">
            <DateField
              label="Decided on"
              required
              value={decidedOn}
              onChange={setDecidedOn}
              error={errors.decidedOn}
            />
            <Select
              label="At the meeting (optional)"
              clearable
              data={pastMeetings}
              value={meetingId}
              onChange={setMeetingId}
              error={errors.meetingId}
            />
          </Group>
          {withConditions && (
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                Conditions
              </Text>
              <Text size="xs" c="dimmed">
                Each becomes an action on the RAID log, tracked with its owner and due date like any other.
              </Text>
              {conditions.map((c, i) => (
                <Card key={c.key} withBorder padding="sm" radius="sm">
                  <Stack gap="xs">
                    <Group align="flex-end" wrap="nowrap">
                      <TextInput
                        style={{ flex: 1 }}
                        label={`Condition ${i + 1}`}
                        required
                        value={c.text}
                        onChange={(e) => setCondition(c.key, { text: e.currentTarget.value })}
                        error={errors[`conditions.${i}.text`]}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        size="lg"
                        aria-label={`Remove condition ${i + 1}`}
                        onClick={() => setConditions((cs) => cs.filter((x) => x.key !== c.key))}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                    <Group grow align="flex-start">
                      <Select
                        label="Owner (optional)"
                        clearable
                        searchable
                        data={people.owners}
                        value={c.ownerUserId}
                        onChange={(v) => setCondition(c.key, { ownerUserId: v })}
                        error={errors[`conditions.${i}.ownerUserId`]}
                      />
                      <DateField
                        label="Due (optional)"
                        value={c.dueOn}
                        onChange={(v) => setCondition(c.key, { dueOn: v })}
                        error={errors[`conditions.${i}.dueOn`]}
                      />
                    </Group>
                  </Stack>
                </Card>
              ))}
              <Group>
                <Button
                  variant="default"
                  size="sm"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() =>
                    setConditions((cs) => [
                      ...cs,
                      { key: Date.now(), text: '', ownerUserId: null, dueOn: null },
                    ])
                  }
                >
                  Add a condition
                </Button>
              </Group>
            </Stack>
          )}
          <Text size="xs" c="dimmed">
            Recording it decides the gateway: the panel’s record becomes final and the organisation assured
            sees the outcome (the agreed ratings, reasons, recommendation and conditions), never the
            individual ratings.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!recommendation} loading={record.isPending}>
              Record recommendation
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
