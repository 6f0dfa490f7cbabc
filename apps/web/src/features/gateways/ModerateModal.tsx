import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { GATEWAY_RATINGS, GATEWAY_RATING_LABELS, type TGatewayRating } from '@baton/domain';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { RatingBadge } from './ratings';
import type { GatewayCriterion, GatewayDomain, GatewayView } from './types';

export type TModerationTarget =
  { kind: 'criterion'; row: GatewayCriterion } | { kind: 'domain'; row: GatewayDomain };

/**
 * Moderation: the agreed rating for one criterion (with each panel member's rating and comment beside it) or
 * one domain (starting from what its criteria point to), and the reasons, kept with the gateway.
 */
export function ModerateModal({
  programmeId,
  view,
  target,
  onClose,
}: {
  programmeId: string;
  view: GatewayView;
  target: TModerationTarget | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rating, setRating] = useState<TGatewayRating | null>(null);
  const [reasons, setReasons] = useState('');
  useEffect(() => {
    if (!target) return;
    const suggested = target.row.agreedRating ?? (target.kind === 'domain' ? target.row.rolledUp : null);
    setRating(suggested);
    setReasons(target.row.agreedReasons);
  }, [target]);
  const moderate = useMutation(
    trpc.gateway.moderate.mutationOptions({
      onSuccess: async () => {
        notify({ color: 'green', title: 'Rating agreed', message: 'Kept with its reasons.' });
        await queryClient.invalidateQueries(trpc.gateway.pathFilter());
        onClose();
      },
    }),
  );
  const errors = moderate.error ? fieldErrorsOf(moderate.error) : {};
  const title = target?.kind === 'domain' ? target.row.name : target?.row.text;
  const ratings =
    target?.kind === 'criterion' ? view.ratings.filter((r) => r.criterionId === target.row.id) : [];

  return (
    <Modal opened={target !== null} onClose={onClose} title={`Agree the rating: ${title ?? ''}`} size="lg">
      {target && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!rating) return;
            moderate.mutate({
              programmeId,
              gatewayId: view.gateway.id,
              target: target.kind,
              targetId: target.row.id,
              agreedRating: rating,
              reasons,
              version: target.row.version,
            });
          }}
        >
          <Stack>
            {moderate.error && (
              <Alert color="red" role="alert" title="Not agreed">
                {errorMessage(moderate.error)}
              </Alert>
            )}
            {ratings.length > 0 && (
              <Stack
                gap={4}
                component="ul"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-label="The panel’s ratings"
              >
                {ratings.map((r) => (
                  <li key={r.id}>
                    <Group gap="xs" align="flex-start" wrap="nowrap">
                      <RatingBadge rating={r.rating} size="xs" />
                      <Text size="sm">
                        <strong>{r.panelUserName}</strong>
                        {r.comment ? `: ${r.comment}` : ''}
                      </Text>
                    </Group>
                  </li>
                ))}
              </Stack>
            )}
            {target.kind === 'domain' && (
              <Text size="sm" c="dimmed">
                {target.row.rolledUp
                  ? `Its agreed criteria point to ${GATEWAY_RATING_LABELS[target.row.rolledUp].toLowerCase()}. ${view.rollUpRule}`
                  : 'Agree its criteria first to see what they point to.'}
              </Text>
            )}
            <Stack gap={4}>
              <Text size="sm" fw={600} id="agreed-rating-label">
                Agreed rating
              </Text>
              <SegmentedControl
                aria-labelledby="agreed-rating-label"
                value={rating ?? ''}
                onChange={(v) => setRating(v as TGatewayRating)}
                data={GATEWAY_RATINGS.map((r) => ({ value: r, label: GATEWAY_RATING_LABELS[r] }))}
                fullWidth
              />
            </Stack>
            <Textarea
              label="Reasons"
              description="Why the panel agreed this rating: what the evidence showed, what is still missing"
              required
              autosize
              minRows={3}
              value={reasons}
              onChange={(e) => setReasons(e.currentTarget.value)}
              error={errors.reasons}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={!rating} loading={moderate.isPending}>
                Agree rating
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
