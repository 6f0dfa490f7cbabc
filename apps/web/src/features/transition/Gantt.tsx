import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Group, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import {
  WORKSTREAM_LABELS,
  WORKSTREAMS,
  daysBetween,
  formatUkMonth,
  todayInUk,
  type TIsoDate,
} from '@baton/domain';
import { Link } from 'react-router';
import { formatDate, formatDateShort } from '../../lib/format';
import { statusLabel, TASK_KIND_LABELS } from './format';
import {
  dependencyPath,
  ganttRange,
  ganttRows,
  HEADER_H,
  HEADER_TIERS,
  isCriticalLink,
  isWeekend,
  mondays,
  monthStarts,
  PX_PER_DAY,
  ROW_H,
  type Zoom,
} from './ganttLayout';
import classes from './transition.module.css';
import type { Plan, PlanTask } from './types';
import { KindIcon } from './ui';

/** NHS identity colours; each graphic meets 3:1 against white (WCAG 1.4.11). */
const C = {
  red: '#d5281b',
  blue: '#005eb8',
  darkBlue: '#003087',
  paleBlue: '#cfe1f4',
  green: '#007f3b',
  purple: '#330072',
  text: '#212b32',
  secondary: '#4c6272',
  grid: '#d8dde0',
  gridStrong: '#aeb7bd',
  band: '#f4f7fa',
  groupBand: '#e8f1fa',
  weekend: '#f0f4f5',
  ghost: '#768692',
} as const;

const LABEL_W = 320;
const BAR_H = 16;

const monthLongFmt = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const asDate = (d: TIsoDate) => new Date(`${d}T00:00:00Z`);

function diamond(cx: number, cy: number, r: number) {
  return `M ${cx} ${cy - r} L ${cx + r} ${cy} L ${cx} ${cy + r} L ${cx - r} ${cy} Z`;
}
function hexagon(cx: number, cy: number, r: number) {
  const h = r * 0.87;
  return `M ${cx - r} ${cy} L ${cx - r / 2} ${cy - h} L ${cx + r / 2} ${cy - h} L ${cx + r} ${cy} L ${cx + r / 2} ${cy + h} L ${cx - r / 2} ${cy + h} Z`;
}

function barTitle(t: PlanTask): string {
  const parts = [
    `${t.title} (${TASK_KIND_LABELS[t.kind].toLowerCase()}, ${t.owningOrganisation.shortName})`,
    `Forecast ${formatDateShort(t.forecastStart)} to ${formatDateShort(t.forecastFinish)}`,
  ];
  if (t.startDate !== t.forecastStart || t.dueDate !== t.forecastFinish)
    parts.push(`Planned ${formatDateShort(t.startDate)} to ${formatDateShort(t.dueDate)}`);
  parts.push(`${statusLabel(t.status)}, ${t.percentComplete}% complete`);
  if (t.critical) parts.push('On the critical path');
  if (t.overdue) parts.push('Overdue');
  return parts.join('\n');
}

function Legend() {
  const item = (svg: React.ReactNode, label: string) => (
    <li>
      <svg width={28} height={16} aria-hidden focusable="false">
        {svg}
      </svg>
      {label}
    </li>
  );
  return (
    <ul className={classes.legend} aria-label="Legend">
      {item(
        <rect x={2} y={3} width={24} height={10} rx={2} fill={C.paleBlue} stroke={C.blue} />,
        'Task (forecast)',
      )}
      {item(
        <>
          <rect x={2} y={3} width={24} height={10} rx={2} fill={C.paleBlue} stroke={C.blue} />
          <rect x={2} y={3} width={12} height={10} rx={2} fill={C.blue} />
        </>,
        'Progress',
      )}
      {item(<rect x={2} y={3} width={24} height={10} rx={2} fill={C.green} />, 'Done')}
      {item(
        <rect x={2} y={2} width={24} height={12} rx={2} fill="none" stroke={C.ghost} strokeDasharray="3 2" />,
        'Planned dates, where they differ',
      )}
      {item(
        <rect x={2} y={3} width={24} height={10} rx={2} fill={C.paleBlue} stroke={C.red} strokeWidth={2.5} />,
        'Critical (no float left)',
      )}
      {item(<path d={diamond(14, 8, 6)} fill={C.blue} />, 'Milestone')}
      {item(<path d={hexagon(14, 8, 7)} fill={C.purple} />, 'Go/no-go gate')}
      {item(
        <path d="M 2 8 H 22" stroke={C.ghost} strokeWidth={1.5} markerEnd="url(#legend-arrow)" />,
        'Dependency',
      )}
      {item(
        <line x1={14} y1={0} x2={14} y2={16} stroke={C.blue} strokeWidth={2} strokeDasharray="4 3" />,
        'Today',
      )}
      {item(<line x1={14} y1={0} x2={14} y2={16} stroke={C.text} strokeWidth={2} />, 'Transfer date')}
      {item(
        <line x1={14} y1={0} x2={14} y2={16} stroke={C.green} strokeWidth={2} strokeDasharray="2 3" />,
        'Forecast go-live (red when after the transfer date)',
      )}
      {item(<rect x={2} y={6} width={24} height={4} fill={C.text} opacity={0.45} />, 'Baseline dates')}
      <svg width={0} height={0} aria-hidden focusable="false" style={{ position: 'absolute' }}>
        <defs>
          <marker
            id="legend-arrow"
            viewBox="0 0 10 10"
            refX={9}
            refY={5}
            markerWidth={6}
            markerHeight={6}
            orient="auto"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={C.ghost} />
          </marker>
        </defs>
      </svg>
    </ul>
  );
}

/**
 * The plan as a Gantt chart: forecast bars (planned dates as a ghost behind when they differ), milestones and
 * gates, dependencies, the critical path in red, today and the transfer date. Labels are real links in HTML;
 * the chart itself is one image with a text summary, and the Table tab is its text alternative.
 */
export function Gantt({ plan, programmeId }: { plan: Plan; programmeId: string }) {
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [allLinks, setAllLinks] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { ref: frameRef, width: frameWidth } = useElementSize();
  const today = todayInUk();
  const transferDate = plan.transfer.plannedTransferDate;
  const tasks = plan.tasks;

  const rows = useMemo(() => ganttRows(tasks, WORKSTREAMS), [tasks]);
  const marks = [today, transferDate, ...(plan.forecastGoLive ? [plan.forecastGoLive] : [])];
  const range = ganttRange(tasks, marks, zoom === 'fit' ? 'month' : zoom);
  // Zoom to fit: the whole plan in the window's width (never so tight that a week is under a few pixels).
  const px =
    zoom === 'fit' && frameWidth > 0
      ? Math.max(1.5, (frameWidth - LABEL_W - 4) / range.days)
      : PX_PER_DAY[zoom];
  const x = (d: TIsoDate) => daysBetween(range.start, d) * px;
  const width = range.days * px;
  const height = HEADER_H + rows.length * ROW_H;
  const rowIndex = new Map<string, number>();
  rows.forEach((r, i) => r.type === 'task' && rowIndex.set(r.task.id, i));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const yMid = (i: number) => HEADER_H + i * ROW_H + ROW_H / 2;

  // Open on today (or the start), not on the far left of a long plan.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollLeft = Math.max(0, x(today) - el.clientWidth / 3);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on zoom change only
  }, [zoom]);

  const critical = tasks.filter((t) => t.critical && t.status !== 'cancelled');
  const summary =
    `Timeline of ${tasks.length} tasks for ${plan.transfer.name}, ${formatDate(range.start)} to ${formatDate(range.end)}. ` +
    `${critical.length} tasks are on the critical path. Transfer date ${formatDate(transferDate)}; ` +
    (plan.forecastGoLive ? `forecast go-live ${formatDate(plan.forecastGoLive)}. ` : '') +
    'The Table tab lists the same tasks with their dates.';

  const months = monthStarts(range.start, range.end);
  const weeks = mondays(range.start, range.end);
  const days = Array.from({ length: range.days }, (_, i) => i);
  const markerY = HEADER_TIERS.top + HEADER_TIERS.second;
  const goLive = plan.forecastGoLive;
  const lateGoLive = goLive !== null && goLive > transferDate;

  const lines: Array<{ date: TIsoDate; label: string; color: string; dash?: string }> = [
    { date: transferDate, label: `Transfer ${formatDateShort(transferDate)}`, color: C.text },
    { date: today, label: 'Today', color: C.blue, dash: '5 4' },
    ...(goLive && goLive !== transferDate
      ? [{ date: goLive, label: 'Forecast go-live', color: lateGoLive ? C.red : C.green, dash: '2 3' }]
      : []),
  ];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center" gap="sm">
        <Group gap="sm">
          <Text size="sm" fw={600} id="gantt-zoom-label">
            Zoom
          </Text>
          <SegmentedControl
            aria-labelledby="gantt-zoom-label"
            value={zoom}
            onChange={(v) => setZoom(v as Zoom)}
            data={[
              { value: 'fit', label: 'Fit to window' },
              { value: 'week', label: 'Weeks' },
              { value: 'month', label: 'Months' },
            ]}
          />
          <Switch
            size="sm"
            label="All dependencies"
            description="Off: only the critical ones"
            checked={allLinks}
            onChange={(e) => setAllLinks(e.currentTarget.checked)}
          />
        </Group>
        <Text size="sm" c="dimmed">
          Hover a bar for its dates; select a task name to open it.
        </Text>
      </Group>
      <Legend />
      <div className={classes.ganttFrame} ref={frameRef}>
        <div className={classes.ganttLabels} style={{ width: LABEL_W }}>
          <div
            style={{ height: HEADER_H, display: 'flex', alignItems: 'flex-end', padding: '0 0.6rem 4px' }}
            className={classes.ganttLabelRow}
          >
            <Text size="sm" fw={700}>
              Task
            </Text>
          </div>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Tasks in the timeline">
            {rows.map((r, i) =>
              r.type === 'group' ? (
                <li
                  key={`g-${r.workstream}`}
                  className={`${classes.ganttLabelRow} ${classes.ganttGroupLabel}`}
                  style={{ height: ROW_H }}
                >
                  <span className={classes.ellipsis} title={WORKSTREAM_LABELS[r.workstream]}>
                    {WORKSTREAM_LABELS[r.workstream]}
                  </span>
                  <Text span size="xs" c="gray.8" fw={400} style={{ flexShrink: 0 }}>
                    ({r.count})
                  </Text>
                </li>
              ) : (
                <li
                  key={r.task.id}
                  className={classes.ganttLabelRow}
                  style={{ height: ROW_H, background: i % 2 ? C.band : undefined }}
                >
                  <KindIcon kind={r.task.kind} size={15} />
                  <Link to={`/p/${programmeId}/transition/tasks/${r.task.id}`} title={r.task.title}>
                    {r.task.title}
                  </Link>
                </li>
              ),
            )}
          </ul>
        </div>
        <div
          className={classes.ganttScroll}
          ref={scrollRef}
          tabIndex={0}
          role="region"
          aria-label="Timeline chart, scrolls sideways"
        >
          <svg
            role="img"
            aria-label={summary}
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            style={{ display: 'block', fontFamily: 'inherit' }}
            data-testid="gantt"
          >
            <defs>
              <marker
                id="arrow"
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerWidth={6}
                markerHeight={6}
                orient="auto"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill={C.ghost} />
              </marker>
              <marker
                id="arrow-critical"
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerWidth={5}
                markerHeight={5}
                orient="auto"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill={C.red} />
              </marker>
            </defs>

            {/* Row bands */}
            {rows.map((r, i) => (
              <rect
                key={`band-${i}`}
                x={0}
                y={HEADER_H + i * ROW_H}
                width={width}
                height={ROW_H}
                fill={r.type === 'group' ? C.groupBand : i % 2 ? C.band : '#ffffff'}
              />
            ))}

            {/* Weekends, when there is room to see them */}
            {zoom === 'week' &&
              days.map((i) => {
                const d = rangeDay(range.start, i);
                return isWeekend(d) ? (
                  <rect
                    key={`we-${i}`}
                    x={i * px}
                    y={HEADER_H}
                    width={px}
                    height={rows.length * ROW_H}
                    fill={C.weekend}
                    opacity={0.7}
                  />
                ) : null;
              })}

            {/* Header */}
            <rect x={0} y={0} width={width} height={HEADER_H} fill="#ffffff" />
            {zoom === 'week'
              ? weeks.map((w) => (
                  <g key={`w-${w}`}>
                    <line x1={x(w)} x2={x(w)} y1={HEADER_TIERS.top} y2={height} stroke={C.grid} />
                    <text x={x(w) + 4} y={HEADER_TIERS.top + 15} fontSize={12} fill={C.secondary}>
                      {asDate(w).getUTCDate()}
                    </text>
                  </g>
                ))
              : months.map((m) => (
                  <text
                    key={`ms-${m}`}
                    x={x(m) + 4}
                    y={HEADER_TIERS.top + 15}
                    fontSize={12}
                    fill={C.secondary}
                  >
                    {formatUkMonth(m, 'none')}
                  </text>
                ))}
            {months.map((m) => (
              <g key={`m-${m}`}>
                <line x1={x(m)} x2={x(m)} y1={0} y2={height} stroke={C.gridStrong} />
                {(zoom === 'week' || m.slice(5, 7) === '01' || m === months[0]) && (
                  <text x={x(m) + 4} y={15} fontSize={12} fontWeight={700} fill={C.text}>
                    {zoom === 'week' ? monthLongFmt.format(asDate(m)) : m.slice(0, 4)}
                  </text>
                )}
              </g>
            ))}
            {/* The first, partial month is labelled too, when there is room before the next one. */}
            {range.start.slice(8) !== '01' && (!months[0] || x(months[0]) > 130) && (
              <text x={4} y={15} fontSize={12} fontWeight={700} fill={C.text}>
                {zoom === 'week' ? monthLongFmt.format(asDate(range.start)) : formatUkMonth(range.start)}
              </text>
            )}
            <line x1={0} x2={width} y1={HEADER_TIERS.top} y2={HEADER_TIERS.top} stroke={C.grid} />
            <line x1={0} x2={width} y1={markerY} y2={markerY} stroke={C.grid} />
            <line x1={0} x2={width} y1={HEADER_H} y2={HEADER_H} stroke={C.gridStrong} />

            {/* Planned dates behind, where they differ from the forecast */}
            {rows.map((r, i) => {
              if (r.type !== 'task') return null;
              const t = r.task;
              if (t.startDate === t.forecastStart && t.dueDate === t.forecastFinish) return null;
              const y = HEADER_H + i * ROW_H + (ROW_H - BAR_H) / 2 - 3;
              return (
                <rect
                  key={`ghost-${t.id}`}
                  x={x(t.startDate)}
                  y={y}
                  width={Math.max(3, x(t.dueDate) - x(t.startDate))}
                  height={BAR_H + 6}
                  rx={3}
                  fill="#ffffff"
                  fillOpacity={0.5}
                  stroke={C.ghost}
                  strokeDasharray="4 3"
                  data-ghost="true"
                />
              );
            })}

            {/* Dependencies */}
            {plan.dependencies.map((d) => {
              const pi = rowIndex.get(d.predecessorId);
              const si = rowIndex.get(d.successorId);
              const pred = byId.get(d.predecessorId);
              const succ = byId.get(d.successorId);
              if (pi === undefined || si === undefined || !pred || !succ) return null;
              const crit = isCriticalLink(pred, succ, d.lagDays);
              if (!crit && !allLinks) return null;
              const x1 =
                x(pred.forecastFinish) +
                (pred.kind === 'task' && pred.forecastFinish !== pred.forecastStart ? 0 : 7);
              const x2 =
                x(succ.forecastStart) -
                (succ.kind === 'task' && succ.forecastFinish !== succ.forecastStart ? 0 : 7);
              return (
                <path
                  key={d.id}
                  d={dependencyPath(x1, yMid(pi), x2, yMid(si))}
                  fill="none"
                  stroke={crit ? C.red : C.ghost}
                  strokeWidth={crit ? 2 : 1.25}
                  markerEnd={`url(#${crit ? 'arrow-critical' : 'arrow'})`}
                  data-critical={crit ? 'true' : undefined}
                  className="gantt-link"
                />
              );
            })}

            {/* Bars, milestones and gates */}
            {rows.map((r, i) => {
              if (r.type !== 'task') return null;
              const t = r.task;
              const cy = yMid(i);
              const done = t.status === 'done';
              const cancelled = t.status === 'cancelled';
              const stroke = t.critical ? C.red : done ? C.green : C.blue;
              const strokeWidth = t.critical ? 2.5 : 1.25;
              const common = {
                'data-task-id': t.id,
                'data-critical': t.critical ? 'true' : undefined,
                className: 'gantt-bar',
                opacity: cancelled ? 0.45 : 1,
              };
              const x1 = x(t.forecastStart);
              const x2 = x(t.forecastFinish);
              if (t.kind === 'milestone' || t.kind === 'gate' || x2 - x1 < 1) {
                const shape = t.kind === 'gate' ? hexagon(x2, cy, 8) : diamond(x2, cy, 7.5);
                return (
                  <g key={t.id} {...common}>
                    <title>{barTitle(t)}</title>
                    <path
                      d={shape}
                      fill={done ? C.green : t.kind === 'gate' ? C.purple : C.blue}
                      stroke={t.critical ? C.red : '#ffffff'}
                      strokeWidth={t.critical ? 2.5 : 1}
                    />
                  </g>
                );
              }
              const y = cy - BAR_H / 2;
              const w = Math.max(2, x2 - x1);
              const base = t.baseline;
              return (
                <g key={t.id} {...common}>
                  <title>{barTitle(t)}</title>
                  {base && (
                    <rect
                      x={x(base.baselineStart)}
                      y={y + BAR_H + 1}
                      width={Math.max(2, x(base.baselineDue) - x(base.baselineStart))}
                      height={4}
                      fill={C.text}
                      opacity={0.45}
                      data-baseline="true"
                    />
                  )}
                  <rect x={x1} y={y} width={w} height={BAR_H} rx={3} fill={done ? C.green : C.paleBlue} />
                  {!done && t.percentComplete > 0 && (
                    <rect
                      x={x1}
                      y={y}
                      width={(w * t.percentComplete) / 100}
                      height={BAR_H}
                      rx={3}
                      fill={C.blue}
                    />
                  )}
                  <rect
                    x={x1}
                    y={y}
                    width={w}
                    height={BAR_H}
                    rx={3}
                    fill="none"
                    stroke={stroke}
                    strokeWidth={strokeWidth}
                  />
                  {t.overdue && (
                    <text x={x1 + w + 5} y={cy + 4} fontSize={11} fontWeight={700} fill={C.red}>
                      overdue
                    </text>
                  )}
                </g>
              );
            })}

            {/* Today, transfer date and a late forecast */}
            {placeLabels(
              lines.map((l) => ({ ...l, x: x(l.date), w: l.label.length * 6.4 + 10 })),
              width,
            ).map((l) => {
              const lx = l.x;
              const labelW = l.w;
              return (
                <g key={l.label}>
                  <line
                    x1={lx}
                    x2={lx}
                    y1={markerY}
                    y2={height}
                    stroke={l.color}
                    strokeWidth={2}
                    strokeDasharray={l.dash}
                  />
                  <rect x={l.labelX} y={markerY + 3} width={labelW} height={16} rx={3} fill={l.color} />
                  <text x={l.labelX + 5} y={markerY + 15} fontSize={11} fontWeight={700} fill="#ffffff">
                    {l.label}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      </div>
    </Stack>
  );
}

/** Marker labels sit right of their line, or left of it, or pushed along: never on top of one another. */
function placeLabels<T extends { x: number; w: number }>(
  items: T[],
  width: number,
): Array<T & { labelX: number }> {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  let end = -Infinity;
  return sorted.map((it) => {
    let labelX = it.x;
    if (labelX < end + 4) labelX = it.x - it.w >= end + 4 ? it.x - it.w : end + 4;
    if (labelX + it.w > width) labelX = Math.max(end + 4, width - it.w);
    end = labelX + it.w;
    return { ...it, labelX };
  });
}

function rangeDay(start: TIsoDate, i: number): TIsoDate {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + i);
  return d.toISOString().slice(0, 10);
}
