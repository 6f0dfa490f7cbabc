import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Drawer,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { Link } from 'react-router';
import { IconAlertTriangle } from '@tabler/icons-react';
import { STAGE_RED_AFTER_DAYS, dayNumber, riskReference } from '@baton/domain';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';
import { DateField } from '../../components/DateField';
import { QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage, fieldErrorsOf, isConflict } from '../../lib/errors';
import { formatDateShort } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';

type Timeline = inferOutput<TRPCOptionsProxy<AppRouter>['stage']['timeline']>;
type Stage = Timeline['stages'][number];

const STATUS_TEXT: Record<Stage['state']['status'], string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  slipping: 'Slipping',
  late: 'Late',
};
// Text at least 4.5:1 on white; the status is always written as well.
const RAG_COLOUR = { green: '#007f3b', amber: '#8a4b00', red: '#d5281b' } as const;

/** Planned (outlined) and actual or expected (filled) spans of each stage on one shared scale, with today. */
function scaleOf({ stages, today }: { stages: Stage[]; today: string }) {
  const starts = stages.map((s) => dayNumber(s.actualStart ?? s.plannedStart));
  const ends = stages.map((s) =>
    dayNumber(s.state.expectedEnd > s.plannedEnd ? s.state.expectedEnd : s.plannedEnd),
  );
  const min = Math.min(...starts, ...stages.map((s) => dayNumber(s.plannedStart)));
  const max = Math.max(...ends, dayNumber(today));
  const pct = (d: number) => `${(((d - min) / Math.max(1, max - min)) * 100).toFixed(2)}%`;
  const width = (a: number, b: number) =>
    `${Math.max(0.6, ((b - a + 1) / Math.max(1, max - min)) * 100).toFixed(2)}%`;
  return { pct, width, todayAt: pct(dayNumber(today)) };
}

function StageRow({
  programmeId,
  s,
  scale,
  canEdit,
  onEdit,
}: {
  programmeId: string;
  s: Stage;
  scale: ReturnType<typeof scaleOf>;
  canEdit: boolean;
  onEdit: (s: Stage) => void;
}) {
  const planned = [dayNumber(s.plannedStart), dayNumber(s.plannedEnd)] as const;
  const actualStart = s.actualStart ?? (s.state.status === 'not_started' ? null : s.plannedStart);
  const colour = RAG_COLOUR[s.state.rag];
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <Text size="sm" fw={600}>
          {s.label}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateShort(s.plannedStart)}
          {s.plannedEnd !== s.plannedStart ? ` – ${formatDateShort(s.plannedEnd)}` : ''}
          {s.derived ? ' (derived)' : ''}
        </Text>
        {s.gateways.map((g) => (
          <Text key={g.id} size="xs">
            <Anchor component={Link} to={`/p/${programmeId}/gateways/${g.id}`} size="xs" underline="always">
              {g.name}
            </Anchor>
            : {g.recommendation ?? g.statusLabel.toLowerCase()}
          </Text>
        ))}
      </Table.Th>
      <Table.Td aria-hidden="true" style={{ position: 'relative', minWidth: 260 }}>
        <Box pos="relative" h={18}>
          <Box
            pos="absolute"
            top={3}
            h={12}
            style={{
              left: scale.pct(planned[0]),
              width: scale.width(planned[0], planned[1]),
              border: '1px solid #768692',
              borderRadius: 3,
              background: '#f0f4f5',
            }}
          />
          {actualStart && (
            <Box
              pos="absolute"
              top={6}
              h={6}
              style={{
                left: scale.pct(dayNumber(actualStart)),
                width: scale.width(dayNumber(actualStart), dayNumber(s.state.expectedEnd)),
                background: colour,
                borderRadius: 2,
              }}
            />
          )}
          <Box pos="absolute" top={0} h={18} w={2} style={{ left: scale.todayAt, background: '#003087' }} />
        </Box>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600} c={s.state.rag === 'green' ? undefined : colour}>
          {STATUS_TEXT[s.state.status]}
          {s.state.slipDays > 0 ? ` · ${s.state.slipDays} days late` : ''}
        </Text>
        <Text size="xs" c="dimmed">
          {s.state.reason}
        </Text>
      </Table.Td>
      {canEdit && (
        <Table.Td>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => onEdit(s)}
            aria-label={`Update ${s.label}`}
          >
            Update
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function StageDrawer({
  programmeId,
  stage,
  onClose,
}: {
  programmeId: string;
  stage: Stage | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [f, setF] = useState<Record<string, string | null>>({});
  const value = (k: 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd' | 'forecastEnd') =>
    k in f ? f[k]! : (stage?.[k] ?? null);
  const update = useMutation(
    trpc.stage.update.mutationOptions({
      onSuccess: async (s) => {
        notify({ color: 'green', title: `${s.label} saved`, message: 'The timeline is up to date.' });
        setF({});
        await queryClient.invalidateQueries(trpc.stage.pathFilter());
        onClose();
      },
    }),
  );
  const raise = useMutation(
    trpc.stage.raiseRisk.mutationOptions({
      onSuccess: async (x) => {
        notify({
          color: 'green',
          title: `${riskReference(x.risk.number)} raised`,
          message: 'The risk is on the register, linked to this stage.',
        });
        await queryClient.invalidateQueries(trpc.stage.pathFilter());
        await queryClient.invalidateQueries(trpc.risk.pathFilter());
        onClose();
      },
    }),
  );
  const errors = update.error ? fieldErrorsOf(update.error) : {};
  if (!stage) return null;
  const slipping = stage.state.status === 'late' || stage.state.status === 'slipping';
  const dateField = (k: Parameters<typeof value>[0], label: string, description?: string) => (
    <DateField
      label={label}
      description={description}
      clearable={k !== 'plannedStart' && k !== 'plannedEnd'}
      value={value(k)}
      onChange={(v) => setF((x) => ({ ...x, [k]: v }))}
      error={errors[k]}
      disabled={stage.derived}
    />
  );
  return (
    <Drawer opened onClose={() => (setF({}), onClose())} position="right" size="md" title={stage.label}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({
            programmeId,
            stageId: stage.id,
            version: stage.version,
            ...Object.fromEntries(Object.entries(f)),
            ...(f.notes !== undefined ? { notes: f.notes ?? '' } : {}),
          } as never);
        }}
      >
        <Stack>
          {update.error && (
            <Alert
              color="red"
              role="alert"
              title={isConflict(update.error) ? 'Someone else changed this stage' : 'Not saved'}
            >
              {isConflict(update.error)
                ? 'Close and open it again to see the latest dates.'
                : errorMessage(update.error)}
            </Alert>
          )}
          {raise.error && (
            <Alert color="red" role="alert" title="No risk raised">
              {errorMessage(raise.error)}
            </Alert>
          )}
          {slipping && !stage.riskId && (
            <Alert
              color="orange"
              variant="light"
              title="A slipping stage is a risk signal"
              styles={{ title: { color: '#212b32' } }}
            >
              <Stack gap="xs">
                <Text size="sm">{stage.state.reason}.</Text>
                <Group>
                  <Button
                    size="xs"
                    variant="default"
                    loading={raise.isPending}
                    onClick={() => raise.mutate({ programmeId, stageId: stage.id, version: stage.version })}
                  >
                    Raise a risk on the register
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {stage.riskId && (
            <Text size="sm">
              This stage raised a risk:{' '}
              <Anchor component={Link} to={`/p/${programmeId}/risks/${stage.riskId}`} underline="always">
                open it on the register
              </Anchor>
              .
            </Text>
          )}
          {stage.derived && (
            <Alert color="blue" title="Derived from the route">
              {stage.rule} Change the intention to award to move it.
            </Alert>
          )}
          {dateField('plannedStart', 'Planned start')}
          {dateField('plannedEnd', 'Planned end')}
          {dateField('actualStart', 'Actual start')}
          {dateField('actualEnd', 'Actual end', 'When it finished; clears the forecast')}
          {dateField(
            'forecastEnd',
            'Forecast end',
            'If it will end after the plan: the slip is counted from this',
          )}
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            value={(f.notes ?? stage.notes) || ''}
            onChange={(e) => setF((x) => ({ ...x, notes: e.currentTarget.value }))}
            error={errors.notes}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => (setF({}), onClose())}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}

/**
 * The programme timeline on the overview: every stage from engagement to the post-transfer review on one scale,
 * planned beside actual, today marked, and the slipping stages called out as the risk signal they are.
 */
export function ProgrammeTimeline({ programmeId }: { programmeId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const q = useQuery(trpc.stage.timeline.queryOptions({ programmeId }));
  const [editing, setEditing] = useState<Stage | null>(null);
  const apply = useMutation(
    trpc.stage.applyTemplate.mutationOptions({
      onSuccess: async () => {
        notify({
          color: 'green',
          title: 'Timeline laid out',
          message: 'Set each stage’s dates as they are agreed.',
        });
        await queryClient.invalidateQueries(trpc.stage.pathFilter());
      },
    }),
  );
  if (q.isPending) return null;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const t = q.data;
  const scale = t.stages.length ? scaleOf({ stages: t.stages, today: t.today }) : null;
  return (
    <Section id="programme-timeline" title="Programme timeline">
      <Text size="sm" c="dimmed">
        {t.routeLabel}. A stage is late when its planned end has passed without an actual end, and slipping
        when its forecast end is after the plan; slips over {STAGE_RED_AFTER_DAYS} days are red. Outlined bars
        are the plan, filled bars what happened or is expected; the blue line is today.
      </Text>
      {t.summary.slipping.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="Slipping stages"
          styles={{ title: { color: '#212b32' }, icon: { color: '#8a4b00' } }}
        >
          <Stack gap={2}>
            {t.summary.slipping.map((x) => (
              <Text key={`${x.key}-${x.label}`} size="sm">
                {x.label}: {x.slipDays} days {x.rag === 'red' ? '(red)' : '(amber)'}
              </Text>
            ))}
            <Text size="xs">
              If nothing is recovered, the stages after the worst slip move by {t.summary.worstSlipDays} days.
            </Text>
          </Stack>
        </Alert>
      )}
      {t.stages.length === 0 ? (
        <Stack gap="xs">
          <Text size="sm">
            No timeline yet. Lay out the stages of the {t.routeLabel.toLowerCase()} route (with the ISAP
            checkpoints and the standstill) back from the expected service commencement, then set each stage’s
            dates.
          </Text>
          {t.may.edit && (
            <Group>
              <Button loading={apply.isPending} onClick={() => apply.mutate({ programmeId, replace: false })}>
                Lay out the timeline
              </Button>
            </Group>
          )}
          {apply.error && <Alert color="red">{errorMessage(apply.error)}</Alert>}
        </Stack>
      ) : (
        <TableScroll label="Stages of the programme" minWidth={760}>
          <Table verticalSpacing={6} data-testid="programme-timeline">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={260}>
                  Stage
                </Table.Th>
                <Table.Th scope="col">
                  <Text component="span" size="sm" fw={700}>
                    Plan and progress
                  </Text>
                </Table.Th>
                <Table.Th scope="col" w={240}>
                  Where it stands
                </Table.Th>
                {t.may.edit && (
                  <Table.Th scope="col" w={80}>
                    <span className="visually-hidden">Update</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {t.stages.map((s) => (
                <StageRow
                  key={s.id}
                  programmeId={programmeId}
                  s={s}
                  scale={scale!}
                  canEdit={t.may.edit}
                  onEdit={setEditing}
                />
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {t.summary.current && (
        <Group gap="xs">
          <Badge radius="sm" tt="none" variant="outline" color="nhsBlue.9">
            Now: {t.summary.current}
          </Badge>
        </Group>
      )}
      <StageDrawer programmeId={programmeId} stage={editing} onClose={() => setEditing(null)} />
    </Section>
  );
}
