import { useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconRefreshAlert } from '@tabler/icons-react';
import { DateField } from '../../components/DateField';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, isConflict } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import { notify } from './notify';
import { CONSEQUENCE_OPTIONS, LIKELIHOOD_OPTIONS } from './riskMatrix';
import { ScoreChip } from './RiskVisuals';
import { conflictMessage, useRefreshRisks } from './useRiskMutations';
import type { Risk, RiskBand } from './types';
import { ukToday } from './ukToday';

interface ReviewValues {
  consequence: string | null;
  likelihood: string | null;
  note: string;
  reviewedOn: string | null;
}

const valuesOf = (risk: { current: { consequence: number; likelihood: number } }): ReviewValues => ({
  consequence: String(risk.current.consequence),
  likelihood: String(risk.current.likelihood),
  note: '',
  reviewedOn: ukToday(),
});

/**
 * Record a review: the current consequence and likelihood as they stand now, what the review found, and when.
 * Every review goes into the history (and resets the next review date), even when the score is unchanged.
 */
export function ReviewForm({ risk, bands }: { risk: Risk; bands: readonly RiskBand[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshRisks();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const form = useForm<ReviewValues>({
    initialValues: valuesOf(risk),
    validate: {
      consequence: (v) => (v ? null : 'Choose a consequence'),
      likelihood: (v) => (v ? null : 'Choose a likelihood'),
      note: (v) => (v.trim().length >= 3 ? null : 'Say briefly what the review found'),
      reviewedOn: (v) =>
        !v ? 'Enter the date of the review' : v > ukToday() ? 'A review cannot be dated in the future' : null,
    },
  });

  // When the risk changes (a save, someone else's review), start from its latest current score.
  useEffect(() => {
    if (form.isDirty()) return;
    form.setValues(valuesOf(risk));
    form.resetDirty(valuesOf(risk));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow the risk's version only
  }, [risk.version]);

  const review = useMutation(
    trpc.risk.review.mutationOptions({
      onSuccess: async (saved) => {
        await refresh();
        notify({
          color: 'green',
          title: `${saved.reference} reviewed`,
          message: `Current score ${risk.current.score} → ${saved.current.score}. Next review by ${formatDate(saved.nextReviewOn)}.`,
        });
        const next = valuesOf(saved);
        form.setValues(next);
        form.resetDirty(next);
        setConflict(false);
      },
      onError: async (error) => {
        if (isConflict(error)) {
          await refresh();
          form.resetDirty();
          setConflict(true);
          return;
        }
        setProblems(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  const { consequence, likelihood } = form.getValues();
  const c = consequence ? Number(consequence) : null;
  const l = likelihood ? Number(likelihood) : null;

  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby="record-review-heading"
      onSubmit={form.onSubmit(
        (v) => {
          setProblems([]);
          setConflict(false);
          review.mutate({
            programmeId: risk.programmeId,
            riskId: risk.id,
            version: risk.version,
            current: {
              consequence: Number(v.consequence) as 1 | 2 | 3 | 4 | 5,
              likelihood: Number(v.likelihood) as 1 | 2 | 3 | 4 | 5,
            },
            note: v.note.trim(),
            reviewedOn: v.reviewedOn ?? undefined,
          });
        },
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="sm">
        {conflict && (
          <Alert role="alert" color="orange" variant="light" icon={<IconRefreshAlert aria-hidden />}>
            {conflictMessage(risk.reference)}
          </Alert>
        )}
        <FormErrors messages={problems} />
        <SimpleGrid cols={1} spacing="xs">
          <Select
            label="Consequence"
            size="sm"
            data={CONSEQUENCE_OPTIONS}
            allowDeselect={false}
            required
            {...form.getInputProps('consequence')}
          />
          <Select
            label="Likelihood"
            size="sm"
            data={LIKELIHOOD_OPTIONS}
            allowDeselect={false}
            required
            {...form.getInputProps('likelihood')}
          />
        </SimpleGrid>
        <Group gap={6} aria-live="polite">
          <Text size="sm">Score</Text>
          <ScoreChip
            prefix="Now"
            consequence={risk.current.consequence}
            likelihood={risk.current.likelihood}
            score={risk.current.score}
            bands={bands}
          />
          <Text size="sm" aria-hidden>
            →
          </Text>
          <Text span className="visually-hidden">
            becomes
          </Text>
          {c && l ? (
            <ScoreChip
              prefix="After this review"
              consequence={c}
              likelihood={l}
              score={c * l}
              bands={bands}
              withLabel
            />
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Group>
        <Textarea
          label="What the review found"
          autosize
          minRows={2}
          required
          {...form.getInputProps('note')}
        />
        <DateField label="Reviewed on" maxDate={ukToday()} required {...form.getInputProps('reviewedOn')} />
        <Group justify="flex-end">
          <Button type="submit" loading={review.isPending}>
            Record review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
