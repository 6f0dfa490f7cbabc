import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { GATEWAY_RATINGS, GATEWAY_RATING_LABELS, type TGatewayRating } from '@baton/domain';
import { errorMessage, isConflict } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import type { GatewayCriterion, GatewayView } from './types';

function RateRow({
  programmeId,
  gatewayId,
  criterion,
  mine,
}: {
  programmeId: string;
  gatewayId: string;
  criterion: GatewayCriterion;
  mine: GatewayView['ratings'][number] | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rating, setRating] = useState<TGatewayRating | null>(mine?.rating ?? null);
  const [comment, setComment] = useState(mine?.comment ?? '');
  const rate = useMutation(
    trpc.gateway.rate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.gateway.pathFilter()),
    }),
  );
  const dirty = rating !== (mine?.rating ?? null) || comment !== (mine?.comment ?? '');
  const labelId = `criterion-${criterion.id}`;
  return (
    <Card withBorder radius="sm" padding="sm" component="li">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="sm" fw={600} id={labelId}>
            {criterion.text}
          </Text>
          <Text size="xs" c={mine ? 'dimmed' : '#8a4b00'} style={{ flexShrink: 0 }}>
            {mine ? (dirty ? 'Changed, not saved' : 'Saved') : 'Not rated yet'}
          </Text>
        </Group>
        <SegmentedControl
          aria-labelledby={labelId}
          value={rating ?? ''}
          onChange={(v) => setRating(v as TGatewayRating)}
          data={GATEWAY_RATINGS.map((r) => ({ value: r, label: GATEWAY_RATING_LABELS[r] }))}
          fullWidth
        />
        <Textarea
          label="Comment (what you saw, what is missing)"
          autosize
          minRows={1}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        {rate.error && (
          <Alert color="red" role="alert">
            {isConflict(rate.error)
              ? 'Your rating was changed elsewhere (another tab?). Reload the page to see it, then rate again.'
              : errorMessage(rate.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            size="compact-sm"
            disabled={!rating || !dirty}
            loading={rate.isPending}
            onClick={() =>
              rating &&
              rate.mutate({
                programmeId,
                gatewayId,
                criterionId: criterion.id,
                rating,
                comment,
                ...(mine ? { version: mine.version } : {}),
              })
            }
          >
            Save rating
            <span className="visually-hidden"> for {criterion.text}</span>
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A panel member's own scoring: every criterion, one rating and a comment each, saved one at a time. */
export function YourRatings({ programmeId, view }: { programmeId: string; view: GatewayView }) {
  const mineOf = (criterionId: string) =>
    view.ratings.find((r) => r.criterionId === criterionId && r.panelUserId === view.me);
  const total = view.domains.reduce((n, d) => n + d.criteria.length, 0);
  const done = view.domains.flatMap((d) => d.criteria).filter((c) => mineOf(c.id)).length;
  return (
    <Stack gap="md">
      <Text size="sm">
        You have rated {done} of {total} criteria. Your ratings are yours alone until moderation: colleagues
        see them only once they have rated every criterion too.
      </Text>
      {view.domains.map((d) => (
        <Stack key={d.id} gap="xs">
          <Title order={3} size="h5">
            {d.name}
          </Title>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {d.criteria.map((c) => (
              <RateRow
                key={`${c.id}-${mineOf(c.id)?.version ?? 0}`}
                programmeId={programmeId}
                gatewayId={view.gateway.id}
                criterion={c}
                mine={mineOf(c.id)}
              />
            ))}
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}
