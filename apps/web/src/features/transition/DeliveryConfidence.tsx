import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Group, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { CONFIDENCE_LABELS, CONFIDENCE_MEANINGS, type TConfidenceRating } from '@baton/domain';
import { FormErrors, QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';

/** IPA colours, with text that keeps 4.5:1 contrast on each. */
const STYLE: Record<TConfidenceRating, { bg: string; fg: string }> = {
  green: { bg: '#007f3b', fg: '#ffffff' },
  amber_green: { bg: '#8fb93e', fg: '#212b32' },
  amber: { bg: '#ffb81c', fg: '#212b32' },
  amber_red: { bg: '#ed8b00', fg: '#212b32' },
  red: { bg: '#d5281b', fg: '#ffffff' },
};

export function ConfidenceBadge({ rating }: { rating: TConfidenceRating }) {
  const s = STYLE[rating];
  return (
    <Badge radius="sm" tt="none" style={{ background: s.bg, color: s.fg }}>
      {CONFIDENCE_LABELS[rating]}
    </Badge>
  );
}

/**
 * Delivery confidence as people judge it, beside the computed readiness: the commissioner's assessment and each
 * provider's self-assessment on the IPA scale, how each moved, and a form for those who may record one.
 */
export function DeliveryConfidence({ programmeId, transferId }: { programmeId: string; transferId: string }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const q = useQuery(trpc.transition.confidence.queryOptions({ programmeId, transferId }));
  const [rating, setRating] = useState<TConfidenceRating | null>(null);
  const [rationale, setRationale] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const save = useMutation(
    trpc.transition.assessConfidence.mutationOptions({
      onSuccess: async () => {
        notify({ message: 'Delivery confidence recorded', color: 'green' });
        setOpen(false);
        setRating(null);
        setRationale('');
        setProblems([]);
        await client.invalidateQueries({ queryKey: trpc.transition.confidence.queryKey() });
        await client.invalidateQueries({ queryKey: trpc.progress.pathKey() });
      },
      onError: (e) => setProblems([errorMessage(e)]),
    }),
  );

  if (q.isPending) return null;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const history = q.data.history;
  const latest = new Map<string, (typeof history)[number]>();
  const previous = new Map<string, (typeof history)[number]>();
  for (const h of history) {
    const key = `${h.kind} ${h.organisation.id}`;
    if (!latest.has(key)) latest.set(key, h);
    else if (!previous.has(key)) previous.set(key, h);
  }

  return (
    <Section
      id="delivery-confidence"
      title="Delivery confidence"
      actions={
        !open && (
          <Button size="xs" variant="light" onClick={() => setOpen(true)}>
            Record an assessment
          </Button>
        )
      }
    >
      <Text size="sm" c="dimmed">
        A judgement on the Infrastructure and Projects Authority’s{' '}
        {q.data.scale === 'three' ? 'three' : 'five'}-point scale, beside the readiness RAG Baton computes:
        the commissioner’s, and each provider’s self-assessment.
      </Text>
      {latest.size === 0 ? (
        <Text size="sm">No assessment recorded yet.</Text>
      ) : (
        <Table fz="sm" verticalSpacing={6} aria-label="Latest delivery confidence assessments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">By</Table.Th>
              <Table.Th scope="col">Rating</Table.Th>
              <Table.Th scope="col">Before</Table.Th>
              <Table.Th scope="col">Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...latest.entries()].map(([key, h]) => {
              const before = previous.get(key);
              return (
                <Table.Tr key={key}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {h.kind === 'commissioner' ? 'Commissioner' : 'Self-assessment'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {h.organisation.shortName}, {formatDate(h.assessedOn)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ConfidenceBadge rating={h.rating} />
                  </Table.Td>
                  <Table.Td>
                    {before ? <ConfidenceBadge rating={before.rating} /> : <Text size="sm">New</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3}>
                      {h.rationale}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {open && (
        <Stack
          gap="sm"
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!rating) return setProblems(['Choose a rating.']);
            save.mutate({ programmeId, transferId, rating, rationale });
          }}
        >
          <FormErrors messages={problems} />
          <Radio.Group
            label="Delivery confidence"
            value={rating}
            onChange={(v) => setRating(v as TConfidenceRating)}
            withAsterisk
          >
            <Stack gap={6} mt={4}>
              {q.data.ratings.map((r) => (
                <Radio key={r} value={r} label={CONFIDENCE_LABELS[r]} description={CONFIDENCE_MEANINGS[r]} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label="Why"
            description="The evidence behind the judgement, in a sentence or two."
            value={rationale}
            onChange={(e) => setRationale(e.currentTarget.value)}
            autosize
            minRows={2}
            withAsterisk
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Record
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
