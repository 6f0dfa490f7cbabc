import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Alert,
  Button,
  ColorInput,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  AA_TEXT_CONTRAST,
  APPETITE_LABELS,
  APPETITE_LEVELS,
  APPETITE_TOLERANCE,
  contrastRatio,
  ZRiskMatrixUpdate,
  type TAppetite,
  type TRiskMatrix,
} from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage, fieldErrorsOf, isConflict } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { notify } from '../risks/notify';
import { useRiskMatrix } from '../risks/riskMatrix';

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^([^a-z])/, 'c_$1')
    .slice(0, 40) || 'category';

/**
 * The programme's risk matrix as an admin sets it: the bands (scores, colours read at AA contrast, review
 * cadence), the escalation threshold, and each category's appetite on the Orange Book scale with the
 * tolerance it stands for. Saving re-derives every risk's band, escalation and next review (audited).
 */
export function RiskMatrixSettings({ programmeId, canEdit }: { programmeId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stored = useRiskMatrix(programmeId);
  const [draft, setDraft] = useState<TRiskMatrix | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (stored.data && !draft) setDraft(structuredClone(stored.data.matrix));
  }, [stored.data, draft]);

  const save = useMutation(
    trpc.risk.updateMatrix.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.risk.pathFilter());
        await queryClient.invalidateQueries(trpc.steering.pathFilter());
        setDraft(null);
        setProblems([]);
        notify({
          color: 'green',
          title: 'Risk matrix saved',
          message: 'Every risk has been re-banded under it.',
        });
      },
      onError: async (e) => {
        if (isConflict(e)) {
          await stored.refetch();
          setDraft(null);
          setProblems([
            'Someone else changed the matrix meanwhile: the latest is shown. Make your change again.',
          ]);
          return;
        }
        setProblems([errorMessage(e), ...Object.entries(fieldErrorsOf(e)).map(([k, v]) => `${k}: ${v}`)]);
      },
    }),
  );

  if (!draft || !stored.data) return <Text size="sm">Loading the risk matrix…</Text>;
  const set = (patch: Partial<TRiskMatrix>) => setDraft({ ...draft, ...patch });
  const setBand = (i: number, patch: Partial<TRiskMatrix['bands'][number]>) =>
    set({ bands: draft.bands.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const setCategory = (i: number, patch: Partial<TRiskMatrix['categories'][number]>) =>
    set({ categories: draft.categories.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const check = ZRiskMatrixUpdate.safeParse(draft);
  const localProblems = check.success ? [] : [...new Set(check.error.issues.map((i) => i.message))];
  const changed = JSON.stringify(draft) !== JSON.stringify(stored.data.matrix);

  return (
    <Stack gap="lg">
      <Section id="matrix-bands" title="Bands and escalation">
        <Text size="sm">
          Scores run from 1 to 25 (consequence × likelihood). Every possible score must fall in exactly one
          band; text on each band colour must read at {AA_TEXT_CONTRAST}:1 or more (WCAG AA). A risk whose
          current score reaches the escalation threshold is escalated to the steering group.
        </Text>
        <NumberInput
          label="Escalate at a current score of"
          min={1}
          max={25}
          w={240}
          value={draft.escalationThreshold}
          onChange={(v) => typeof v === 'number' && set({ escalationThreshold: v })}
          disabled={!canEdit}
        />
        <TableScroll label="Risk bands" minWidth={860}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Band</Table.Th>
                <Table.Th scope="col">From score</Table.Th>
                <Table.Th scope="col">To score</Table.Th>
                <Table.Th scope="col">Colour</Table.Th>
                <Table.Th scope="col">Text colour</Table.Th>
                <Table.Th scope="col">Contrast</Table.Th>
                <Table.Th scope="col">Review every (days)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.bands.map((b, i) => {
                const ratio = contrastRatio(b.colour, b.textColour);
                return (
                  <Table.Tr key={b.key}>
                    <Table.Td>
                      <TextInput
                        aria-label={`Band ${i + 1} name`}
                        value={b.label}
                        onChange={(e) => setBand(i, { label: e.currentTarget.value })}
                        disabled={!canEdit}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`${b.label}: from score`}
                        min={1}
                        max={25}
                        value={b.min}
                        onChange={(v) => typeof v === 'number' && setBand(i, { min: v })}
                        disabled={!canEdit}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`${b.label}: to score`}
                        min={1}
                        max={25}
                        value={b.max}
                        onChange={(v) => typeof v === 'number' && setBand(i, { max: v })}
                        disabled={!canEdit}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ColorInput
                        aria-label={`${b.label}: colour`}
                        format="hex"
                        withEyeDropper={false}
                        value={b.colour}
                        onChange={(v) => /^#[0-9a-f]{6}$/i.test(v) && setBand(i, { colour: v.toLowerCase() })}
                        disabled={!canEdit}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ColorInput
                        aria-label={`${b.label}: text colour`}
                        format="hex"
                        withEyeDropper={false}
                        value={b.textColour}
                        onChange={(v) =>
                          /^#[0-9a-f]{6}$/i.test(v) && setBand(i, { textColour: v.toLowerCase() })
                        }
                        disabled={!canEdit}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <span
                          style={{
                            background: b.colour,
                            color: b.textColour,
                            padding: '2px 8px',
                            borderRadius: 4,
                            fontWeight: 700,
                          }}
                        >
                          {b.label || 'Band'}
                        </span>
                        <Text
                          size="xs"
                          fw={700}
                          c={ratio >= AA_TEXT_CONTRAST ? '#006747' : '#b10e1e'}
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid={`contrast-${b.key}`}
                        >
                          {ratio.toFixed(1)}:1 {ratio >= AA_TEXT_CONTRAST ? 'passes' : 'too low'}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`${b.label}: review every (days)`}
                        min={1}
                        max={365}
                        value={b.reviewEveryDays}
                        onChange={(v) => typeof v === 'number' && setBand(i, { reviewEveryDays: v })}
                        disabled={!canEdit}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Section>

      <Section id="matrix-appetite" title="Categories and risk appetite">
        <Text size="sm">
          Appetite in HM Treasury’s Orange Book terms. Choosing an appetite suggests the tolerance it stands
          for (the highest target score accepted); a risk whose target is above its category’s tolerance is
          flagged in the register and the pack.
        </Text>
        <TableScroll label="Risk categories" minWidth={760}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Category</Table.Th>
                <Table.Th scope="col">Appetite</Table.Th>
                <Table.Th scope="col">Tolerance (highest target score)</Table.Th>
                {canEdit && (
                  <Table.Th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.categories.map((c, i) => (
                <Table.Tr key={`${c.key}-${i}`}>
                  <Table.Td>
                    <TextInput
                      aria-label={`Category ${i + 1} name`}
                      value={c.label}
                      onChange={(e) => setCategory(i, { label: e.currentTarget.value })}
                      disabled={!canEdit}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${c.label}: appetite`}
                      data={APPETITE_LEVELS.map((a) => ({ value: a, label: APPETITE_LABELS[a] }))}
                      value={c.appetite ?? null}
                      placeholder="Not stated"
                      onChange={(v) =>
                        v &&
                        setCategory(i, {
                          appetite: v as TAppetite,
                          tolerance: APPETITE_TOLERANCE[v as TAppetite],
                        })
                      }
                      disabled={!canEdit}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${c.label}: tolerance`}
                      min={1}
                      max={25}
                      w={120}
                      value={c.tolerance}
                      onChange={(v) => typeof v === 'number' && setCategory(i, { tolerance: v })}
                      disabled={!canEdit}
                    />
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="#b10e1e"
                        aria-label={`Remove ${c.label}`}
                        disabled={draft.categories.length <= 1}
                        onClick={() => set({ categories: draft.categories.filter((_, j) => j !== i) })}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        {canEdit && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => {
              const label = `New category ${draft.categories.length + 1}`;
              set({
                categories: [
                  ...draft.categories,
                  { key: slug(label), label, tolerance: APPETITE_TOLERANCE.cautious, appetite: 'cautious' },
                ],
              });
            }}
          >
            Add a category
          </Button>
        )}
      </Section>

      <FormErrors messages={problems} />
      {localProblems.length > 0 && changed && (
        <Alert color="yellow" variant="light" title="Before saving">
          {localProblems.join(' ')}
        </Alert>
      )}
      {canEdit && (
        <Group justify="flex-end">
          <Button
            variant="default"
            disabled={!changed}
            onClick={() => setDraft(structuredClone(stored.data.matrix))}
          >
            Undo changes
          </Button>
          <Button
            disabled={!changed || localProblems.length > 0}
            loading={save.isPending}
            onClick={() => save.mutate({ programmeId, matrix: draft, version: stored.data.version })}
          >
            Save the matrix
          </Button>
        </Group>
      )}
    </Stack>
  );
}
