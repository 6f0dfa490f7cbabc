import { Badge, Group, List, Text, Tooltip } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDiamond,
  IconFlag,
  IconListCheck,
} from '@tabler/icons-react';
import type { TMilestoneState, TRag, TTaskKind, TTaskStatus } from '@baton/domain';
import { formatCount } from '../../lib/format';
import { ragLabel, statusLabel, TASK_KIND_LABELS, WORKSTREAM_SHORT, lateForecastText } from './format';
import classes from './transition.module.css';
import type { WorkstreamReadiness } from './types';

/** The RAG as a word on its colour: never a bare colour (WCAG 1.4.1). */
export function RagBadge({ rag, size = 'sm' }: { rag: TRag; size?: 'sm' | 'lg' }) {
  return (
    <span
      className={`${classes.rag} ${classes[rag]}`}
      style={
        size === 'lg' ? { fontSize: 'var(--mantine-font-size-md)', padding: '0.2rem 0.7rem' } : undefined
      }
    >
      {rag === 'green' ? (
        <IconCircleCheck size={16} aria-hidden />
      ) : (
        <IconAlertTriangle size={16} aria-hidden />
      )}
      {ragLabel(rag)}
    </span>
  );
}

/** The overall verdict: the badge, then every reason that set it. */
export function RagVerdict({
  rag,
  reasons,
  label = 'Readiness',
  id,
}: {
  rag: TRag;
  reasons: string[];
  label?: string;
  id: string;
}) {
  return (
    <div>
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={700} id={id}>
          {label}
        </Text>
        <RagBadge rag={rag} />
      </Group>
      <List size="sm" spacing={2} aria-labelledby={id} withPadding>
        {reasons.map((r) => (
          <List.Item key={r}>{r}</List.Item>
        ))}
      </List>
    </div>
  );
}

/** Badges in tight table cells keep their whole word rather than an ellipsis. */
const NO_TRUNCATE = { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } } as const;

const LETTER: Record<TRag, string> = { red: 'R', amber: 'A', green: 'G' };

/** Eight workstreams at a glance: colour, letter and short name; the reasons in a tooltip and for screen readers. */
export function WorkstreamRagGrid({
  workstreams,
  label,
}: {
  workstreams: WorkstreamReadiness[];
  label: string;
}) {
  return (
    <ul className={classes.ragGrid} aria-label={label}>
      {workstreams.map((w) => {
        // Mantine's own tooltip here: a few tiles, and it opens on a tap as well.
        const summary = `${w.label}: ${ragLabel(w.rag)}. ${w.reasons.join('; ')}. ${w.done} of ${formatCount(w.total, 'task', 'tasks')} done.`;
        return (
          <Tooltip
            key={w.workstream}
            multiline
            w={280}
            events={{ hover: true, focus: true, touch: true }}
            label={
              <>
                <Text size="sm" fw={700} c="white">
                  {w.label}: {ragLabel(w.rag)}
                </Text>
                {w.reasons.map((r) => (
                  <Text size="sm" key={r} c="white">
                    {r}
                  </Text>
                ))}
                <Text size="xs" c="white" mt={4}>
                  {w.done} of {formatCount(w.total, 'task', 'tasks')} done
                </Text>
              </>
            }
          >
            <li className={classes.ragCell} tabIndex={0} data-rag={w.rag}>
              <span className={`${classes.ragSquare} ${classes[w.rag]}`} aria-hidden>
                {LETTER[w.rag]}
              </span>
              <span className={classes.ragCaption} aria-hidden>
                {WORKSTREAM_SHORT[w.workstream]}
              </span>
              <span className="visually-hidden">{summary}</span>
            </li>
          </Tooltip>
        );
      })}
    </ul>
  );
}

const STATUS_STYLE: Record<TTaskStatus, { color: string; variant: 'filled' | 'outline' | 'light' }> = {
  not_started: { color: 'gray.8', variant: 'outline' },
  in_progress: { color: 'nhsBlue.6', variant: 'filled' },
  blocked: { color: '#d5281b', variant: 'filled' },
  done: { color: '#007f3b', variant: 'filled' },
  cancelled: { color: 'gray.7', variant: 'outline' },
};

export function StatusBadge({ status }: { status: TTaskStatus }) {
  const s = STATUS_STYLE[status];
  return (
    <Badge
      color={s.color}
      variant={s.variant}
      radius="sm"
      tt="none"
      style={{ flexShrink: 0, textDecoration: status === 'cancelled' ? 'line-through' : undefined }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {statusLabel(status)}
    </Badge>
  );
}

/** Task, milestone or gate: an icon with its name as a tooltip and for screen readers. */
export function KindIcon({ kind, size = 18 }: { kind: TTaskKind; size?: number }) {
  const Icon = kind === 'milestone' ? IconDiamond : kind === 'gate' ? IconFlag : IconListCheck;
  return (
    <LazyTooltip label={TASK_KIND_LABELS[kind]}>
      <span style={{ display: 'inline-flex', color: 'var(--mantine-color-gray-8)' }}>
        <Icon size={size} aria-hidden />
        <span className="visually-hidden">{TASK_KIND_LABELS[kind]}</span>
      </span>
    </LazyTooltip>
  );
}

export function CpBadge() {
  return (
    <LazyTooltip label="Condition precedent for service commencement">
      <Badge color="nhsBlue.9" variant="outline" radius="sm" tt="none" size="sm" styles={NO_TRUNCATE}>
        <span aria-hidden>CP</span>
        <span className="visually-hidden">Condition precedent</span>
      </Badge>
    </LazyTooltip>
  );
}

/** Forecast to finish after its own due date, though not yet overdue. */
export function LateForecastBadge({ days }: { days: number }) {
  return (
    <LazyTooltip label={lateForecastText(days)}>
      <Badge color="#8a4b00" variant="outline" radius="sm" tt="none" size="sm" styles={NO_TRUNCATE}>
        Late +{days} d
      </Badge>
    </LazyTooltip>
  );
}

export function CriticalBadge() {
  return (
    <LazyTooltip label="Critical: no float left, so any slip moves the forecast go-live">
      <Badge color="#d5281b" variant="outline" radius="sm" tt="none" size="sm" styles={NO_TRUNCATE}>
        Critical
      </Badge>
    </LazyTooltip>
  );
}

export function OverdueBadge() {
  return (
    <Badge color="#d5281b" variant="filled" radius="sm" tt="none" size="sm" styles={NO_TRUNCATE}>
      Overdue
    </Badge>
  );
}

const MILESTONE_STATE: Record<TMilestoneState, { label: string; className?: string }> = {
  done: { label: 'Done', className: 'green' },
  missed: { label: 'Missed', className: 'red' },
  due_soon: { label: 'Due soon', className: 'amber' },
  upcoming: { label: 'Upcoming' },
};

export function MilestoneStateBadge({ state }: { state: TMilestoneState }) {
  const s = MILESTONE_STATE[state];
  if (!s.className)
    return (
      <Badge color="gray.8" variant="outline" radius="sm" tt="none" styles={NO_TRUNCATE}>
        {s.label}
      </Badge>
    );
  return <span className={`${classes.rag} ${classes[s.className]}`}>{s.label}</span>;
}
