import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Divider, Drawer, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { Link } from 'react-router';
import { DD_CATEGORY_LABELS, ddReference, riskReference } from '@baton/domain';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { errorMessage, fieldErrorsOf, isConflict } from '../../lib/errors';
import { formatDate, formatTimestamp } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { DdDue, DdStatusBadges } from './DdStatus';
import { DocumentList } from './DocumentList';

/**
 * One request: what was asked, the answer and its files, and the next step for whoever may take it (answer;
 * accept or return; chase; withdraw; release to every bidder).
 */
export function RequestDrawer({
  programmeId,
  requestId,
  canRelease,
  onClose,
}: {
  programmeId: string;
  requestId: string | null;
  canRelease: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const q = useQuery({
    ...trpc.dueDiligence.get.queryOptions({ programmeId, requestId: requestId ?? '' }),
    enabled: requestId !== null,
  });
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const [confirmRelease, setConfirmRelease] = useState(false);
  const r = q.data?.request;
  useEffect(() => {
    setAnswer(r?.answer ?? '');
    setNote('');
  }, [r?.id, r?.answer]);

  const after = (title: string) => async () => {
    notify({ color: 'green', title, message: 'Everyone concerned has been told.' });
    setConfirmRelease(false);
    await queryClient.invalidateQueries(trpc.dueDiligence.pathFilter());
  };
  const ref = r ? ddReference(r.number) : '';
  const answerM = useMutation(
    trpc.dueDiligence.answer.mutationOptions({ onSuccess: after(`${ref} answered`) }),
  );
  const review = useMutation(
    trpc.dueDiligence.review.mutationOptions({ onSuccess: after(`${ref} reviewed`) }),
  );
  const chase = useMutation(trpc.dueDiligence.chase.mutationOptions({ onSuccess: after(`${ref} chased`) }));
  const withdraw = useMutation(
    trpc.dueDiligence.withdraw.mutationOptions({ onSuccess: after(`${ref} withdrawn`) }),
  );
  const raiseRisk = useMutation(
    trpc.dueDiligence.raiseRisk.mutationOptions({
      onSuccess: async (x) => {
        notify({
          color: 'green',
          title: `${riskReference(x.risk.number)} raised`,
          message: 'The risk is on the register, linked to this request.',
        });
        await queryClient.invalidateQueries(trpc.dueDiligence.pathFilter());
        await queryClient.invalidateQueries(trpc.risk.pathFilter());
      },
    }),
  );
  const release = useMutation(
    trpc.dueDiligence.release.mutationOptions({ onSuccess: after(`${ref} released to all bidders`) }),
  );
  const error =
    answerM.error ?? review.error ?? chase.error ?? withdraw.error ?? release.error ?? raiseRisk.error;
  useEffect(() => {
    for (const m of [answerM, review, chase, withdraw, release, raiseRisk]) m.reset();
    // Reset errors when another request opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestId]);

  const base = r ? { programmeId, requestId: r.id, version: r.version } : null;
  const awaiting = r && (r.status === 'open' || r.status === 'returned');

  return (
    <Drawer
      opened={requestId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={r ? `${ref}: ${DD_CATEGORY_LABELS[r.category]}` : 'Request'}
    >
      {q.isPending ? (
        <PageSkeleton rows={2} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : r && base ? (
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h3">
              {r.title}
            </Title>
            <DdStatusBadges r={r} />
            <Text size="sm">
              Asked by <strong>{r.requestingOrganisation.name}</strong> of{' '}
              <strong>{r.respondingOrganisation.name}</strong>
              {r.responder ? ` (${r.responder.name})` : ''} on {formatDate(r.askedOn)}
              {r.lot ? `, ${r.lot.code}: ${r.lot.name}` : ''}
              {r.transfer
                ? `, for the transfer “${r.transfer.name}” (counts in its readiness while overdue)`
                : ''}
              .
            </Text>
            <DdDue r={r} prefix="Due by " />
            {r.releasedAt && (
              <Text size="sm">Released to every bidder at once on {formatTimestamp(r.releasedAt)}.</Text>
            )}
            {r.detail && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.detail}
              </Text>
            )}
          </Stack>

          {error && (
            <Alert
              color="red"
              role="alert"
              title={isConflict(error) ? 'Someone else changed this request' : 'Not done'}
            >
              {isConflict(error)
                ? 'It has changed since you opened it: the latest version is shown. Check it and try again.'
                : errorMessage(error)}
            </Alert>
          )}

          <Divider />
          <Title order={3} size="h4">
            Answer
          </Title>
          {r.may.answer && (awaiting || r.status === 'answered') ? (
            <Stack gap="xs">
              {r.status === 'returned' && r.reviewNote && (
                <Alert color="yellow" title="Returned for more">
                  {r.reviewNote}
                </Alert>
              )}
              <Textarea
                label={r.status === 'answered' ? 'Your answer (you can still change it)' : 'Your answer'}
                autosize
                minRows={4}
                value={answer}
                onChange={(e) => setAnswer(e.currentTarget.value)}
                error={answerM.error ? fieldErrorsOf(answerM.error).answer : undefined}
              />
              <Group>
                <Button loading={answerM.isPending} onClick={() => answerM.mutate({ ...base, answer })}>
                  {r.status === 'answered' ? 'Update the answer' : 'Send the answer'}
                </Button>
              </Group>
            </Stack>
          ) : r.answer ? (
            <Stack gap={2}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.answer}
              </Text>
              {r.answeredAt && (
                <Text size="xs" c="dimmed">
                  Answered {formatTimestamp(r.answeredAt)}
                  {r.answeredBy ? ` by ${r.answeredBy.name}` : ''}
                </Text>
              )}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              No answer yet.
            </Text>
          )}

          <Title order={3} size="h4">
            Files
          </Title>
          <DocumentList
            programmeId={programmeId}
            requestId={r.id}
            documents={q.data.documents}
            canAttach={r.may.attach && !r.releasedAt && r.status !== 'withdrawn'}
          />

          {(r.may.review || canRelease) && <Divider />}
          {r.may.review && r.status === 'answered' && (
            <Stack gap="xs">
              <Title order={3} size="h4">
                Review the answer
              </Title>
              <Textarea
                label="Note (needed to return it: say what more is needed)"
                autosize
                minRows={2}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={review.error ? fieldErrorsOf(review.error).note : undefined}
              />
              <Group>
                <Button
                  color="green.9"
                  loading={review.isPending}
                  onClick={() => review.mutate({ ...base, outcome: 'accept', note })}
                >
                  Accept the answer
                </Button>
                <Button
                  variant="default"
                  loading={review.isPending}
                  onClick={() => review.mutate({ ...base, outcome: 'return', note })}
                >
                  Return for more
                </Button>
              </Group>
            </Stack>
          )}
          {r.may.review && awaiting && (
            <Group>
              <Button
                variant="default"
                loading={chase.isPending}
                onClick={() => chase.mutate({ ...base, note: '' })}
              >
                Chase {r.respondingOrganisation.name}
              </Button>
              <Text size="xs" c="dimmed">
                {r.chaseCount > 0
                  ? `Chased ${r.chaseCount} ${r.chaseCount === 1 ? 'time' : 'times'}, last on ${formatDate(r.lastChasedOn)}`
                  : 'Not chased yet'}
              </Text>
            </Group>
          )}
          {r.may.review && r.overdue && !r.riskId && (
            <Group>
              <Button
                variant="default"
                loading={raiseRisk.isPending}
                onClick={() => raiseRisk.mutate({ programmeId, requestId: r.id, version: r.version })}
              >
                Raise a risk: information not available in time
              </Button>
            </Group>
          )}
          {r.riskId && (
            <Text size="sm">
              This request raised a risk:{' '}
              <Anchor component={Link} to={`/p/${programmeId}/risks/${r.riskId}`} underline="always">
                open it on the register
              </Anchor>
              .
            </Text>
          )}
          {canRelease && r.status === 'accepted' && !r.releasedAt && (
            <Stack gap="xs">
              <Text size="sm">
                Releasing shows this answer and its files to every bidder at the same moment. It cannot be
                taken back.
              </Text>
              <Group>
                <Button onClick={() => setConfirmRelease(true)}>Release to all bidders</Button>
              </Group>
            </Stack>
          )}
          {r.may.edit && r.status !== 'accepted' && r.status !== 'withdrawn' && (
            <Group>
              <Button
                variant="subtle"
                color="red.9"
                loading={withdraw.isPending}
                onClick={() => withdraw.mutate({ ...base, note: '' })}
              >
                Withdraw the request
              </Button>
            </Group>
          )}
          <ConfirmModal
            opened={confirmRelease}
            title={`Release ${ref} to all bidders?`}
            confirmLabel="Release to all bidders"
            loading={release.isPending}
            onConfirm={() => release.mutate(base)}
            onClose={() => setConfirmRelease(false)}
          >
            Every bidder will see the answer and its files at the same moment, and will be told. A released
            answer is final: anything more needs a new request.
          </ConfirmModal>
        </Stack>
      ) : null}
    </Drawer>
  );
}
