import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { CLARIFICATION_STATUS_LABELS, clarificationReference } from '@baton/domain';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { NHS_GREEN } from './DdStatus';
import type { Clarification } from './types';

/** The procurement team's answer: the question as it will be published (without the asker) and the answer. */
function AnswerForm({ programmeId, c }: { programmeId: string; c: Clarification }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [published, setPublished] = useState(c.publishedQuestion || c.question);
  const [answer, setAnswer] = useState(c.answer);
  const done = (title: string) => async () => {
    notify({ color: 'green', title, message: 'The questions are up to date.' });
    await queryClient.invalidateQueries(trpc.dueDiligence.clarifications.pathFilter());
  };
  const save = useMutation(
    trpc.dueDiligence.answerClarification.mutationOptions({
      onSuccess: done('Answer saved, not yet published'),
    }),
  );
  const publish = useMutation(
    trpc.dueDiligence.publishClarification.mutationOptions({ onSuccess: done('Published to all bidders') }),
  );
  const errors = save.error ? fieldErrorsOf(save.error) : {};
  const error = save.error ?? publish.error;
  return (
    <Stack gap="xs">
      {error && (
        <Alert color="red" role="alert" title="Not done">
          {errorMessage(error)}
        </Alert>
      )}
      <Textarea
        label="Question as it will be published"
        description="Remove anything that identifies the bidder that asked"
        autosize
        minRows={2}
        value={published}
        onChange={(e) => setPublished(e.currentTarget.value)}
        error={errors.publishedQuestion}
      />
      <Textarea
        label="Answer"
        autosize
        minRows={3}
        value={answer}
        onChange={(e) => setAnswer(e.currentTarget.value)}
        error={errors.answer}
      />
      <Group>
        <Button
          variant="default"
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              programmeId,
              clarificationId: c.id,
              version: c.version,
              answer,
              publishedQuestion: published,
            })
          }
        >
          Save the answer
        </Button>
        {c.status === 'answered' && (
          <Button
            loading={publish.isPending}
            onClick={() => publish.mutate({ programmeId, clarificationId: c.id, version: c.version })}
          >
            Publish to all bidders
          </Button>
        )}
      </Group>
      {c.status === 'answered' && (
        <Text size="xs" c="dimmed">
          Publishing shows the question above and the answer to every bidder at once, without saying who
          asked. Save any change to the answer before publishing.
        </Text>
      )}
    </Stack>
  );
}

function AskForm({ programmeId }: { programmeId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [question, setQuestion] = useState('');
  const ask = useMutation(
    trpc.dueDiligence.askClarification.mutationOptions({
      onSuccess: async (c) => {
        notify({
          color: 'green',
          title: `${clarificationReference(c.number)} sent`,
          message: 'The answer is published to every bidder at once, without your name.',
        });
        setQuestion('');
        await queryClient.invalidateQueries(trpc.dueDiligence.clarifications.pathFilter());
      },
    }),
  );
  return (
    <Card withBorder radius="md" padding="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          ask.mutate({ programmeId, question, requestId: null });
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            Ask a clarification question
          </Title>
          <Text size="sm" c="dimmed">
            The commissioners answer once and publish the question and answer to every bidder, without saying
            who asked.
          </Text>
          {ask.error && !fieldErrorsOf(ask.error).question && (
            <Alert color="red" role="alert">
              {errorMessage(ask.error)}
            </Alert>
          )}
          <Textarea
            label="Your question"
            autosize
            minRows={3}
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            error={ask.error ? fieldErrorsOf(ask.error).question : undefined}
          />
          <Group>
            <Button type="submit" loading={ask.isPending}>
              Send the question
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Bidders' questions: a bidder sees its own and the published ones; the procurement team sees who asked. */
export function ClarificationsPanel({ programmeId }: { programmeId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.dueDiligence.clarifications.queryOptions({ programmeId }));
  if (q.isPending) return <PageSkeleton rows={2} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const { items, summary, may } = q.data;
  return (
    <Stack gap="md">
      {may.ask && <AskForm programmeId={programmeId} />}
      <Text size="sm" c="dimmed" data-testid="clarifications-counted">
        {summary.total} {summary.total === 1 ? 'question' : 'questions'} you can see: {summary.published}{' '}
        published to all bidders, {summary.open} awaiting publication.
      </Text>
      {items.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <Text size="sm">
            No clarification questions yet. Bidders ask them here; each answer is published to every bidder at
            once.
          </Text>
        </Card>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Clarification questions"
        >
          {items.map((c) => (
            <Card key={c.id} component="li" withBorder radius="md" padding="md">
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={700} size="sm">
                    {clarificationReference(c.number)}
                    {c.askedByOrganisation ? ` · asked by ${c.askedByOrganisation.name}` : ''}
                    {c.askedByYou ? ' (your organisation)' : ''}
                  </Text>
                  <Badge
                    radius="sm"
                    tt="none"
                    variant="outline"
                    color="nhsBlue.9"
                    style={c.status === 'published' ? NHS_GREEN : undefined}
                  >
                    {CLARIFICATION_STATUS_LABELS[c.status]}
                  </Badge>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.question}
                </Text>
                {!c.may.answer && c.publishedQuestion && c.publishedQuestion !== c.question && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    Published as: {c.publishedQuestion}
                  </Text>
                )}
                {c.may.answer ? (
                  <AnswerForm programmeId={programmeId} c={c} />
                ) : c.answer ? (
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      Answer
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {c.answer}
                    </Text>
                    {c.publishedAt && (
                      <Text size="xs" c="dimmed">
                        Published to all bidders {formatTimestamp(c.publishedAt)}
                      </Text>
                    )}
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    Not answered yet.
                  </Text>
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
