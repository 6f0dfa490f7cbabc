import { Box, Table, Text } from '@mantine/core';
import { formatUkMonth } from '@baton/domain';
import { formatDate } from '../../lib/format';
import { consequenceLabel, likelihoodLabel } from './riskMatrix';
import { statusLabel } from './RiskVisuals';
import type { RiskBand, RiskHistoryEntry } from './types';

const W = 640;
const H = 230;
const M = { left: 40, right: 78, top: 10, bottom: 42 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const DAY = 86_400_000;

const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const tickLabel = (t: number, withYear: boolean) => {
  const iso = new Date(t).toISOString().slice(0, 10);
  return `${Number(iso.slice(8, 10))} ${formatUkMonth(iso, withYear ? '2-digit' : 'none')}`;
};

export const HISTORY_KIND_LABELS: Record<string, string> = {
  raised: 'Raised',
  review: 'Review',
  edit: 'Edited',
  import: 'Imported',
  matrix: 'Matrix changed',
};

/**
 * The current score over time as a step chart (a score holds until the next re-score), over the programme's
 * bands. Drawn by hand in SVG: no chart library. Screen readers get the same data as a table.
 */
export function ScoreHistoryChart({
  history,
  bands,
  escalationThreshold,
  today,
}: {
  history: readonly RiskHistoryEntry[];
  bands: readonly RiskBand[];
  escalationThreshold: number;
  today: string;
}) {
  if (history.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No scores have been recorded yet.
      </Text>
    );
  const first = time(history[0]!.effectiveOn);
  const last = Math.max(time(history[history.length - 1]!.effectiveOn), time(today));
  // A little room after the last change, so a re-score made today is not lost against the axis.
  const span = Math.max(last - first, 7 * DAY) * 1.04;
  const x = (t: number) => M.left + ((t - first) / span) * PLOT_W;
  const y = (s: number) => M.top + PLOT_H - (s / 25) * PLOT_H;

  // Step path: hold each score until the next entry, then to today.
  let d = '';
  history.forEach((h, i) => {
    const px = x(time(h.effectiveOn));
    const py = y(h.score);
    d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
  });
  d += `H${x(last)}`;

  const ticks = 5;
  const withYear = new Date(first).getUTCFullYear() !== new Date(first + span).getUTCFullYear();
  const xTicks =
    last > first
      ? Array.from({ length: ticks + 1 }, (_, i) => first + (i * (last - first)) / ticks)
      : [first];
  const latest = history[history.length - 1]!;
  const summary = `Current score over time: ${history[0]!.score} on ${formatDate(history[0]!.effectiveOn)}, now ${latest.score} since ${formatDate(latest.effectiveOn)}; ${history.length} recorded ${history.length === 1 ? 'score' : 'scores'}.`;

  return (
    <Box component="figure" m={0}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={summary}
        style={{ display: 'block', maxWidth: 760, fontFamily: 'inherit' }}
      >
        {bands.map((b, i) => {
          const lower = i === 0 ? 0 : bands[i - 1]!.max;
          const upper = i === bands.length - 1 ? 25 : b.max;
          return (
            <g key={b.key}>
              <rect
                x={M.left}
                width={PLOT_W}
                y={y(upper)}
                height={y(lower) - y(upper)}
                fill={b.colour}
                fillOpacity={0.28}
              />
              <text
                x={W - M.right + 6}
                y={(y(upper) + y(lower)) / 2}
                dominantBaseline="middle"
                fontSize={11}
                fill="#212b32"
              >
                {b.label}
              </text>
            </g>
          );
        })}
        {[0, 5, 10, 15, 20, 25].map((s) => (
          <g key={s}>
            <line
              x1={M.left}
              x2={M.left + PLOT_W}
              y1={y(s)}
              y2={y(s)}
              stroke="#768692"
              strokeOpacity={0.35}
            />
            <text
              x={M.left - 6}
              y={y(s)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize={11}
              fill="#212b32"
            >
              {s}
            </text>
          </g>
        ))}
        <line
          x1={M.left}
          x2={M.left + PLOT_W}
          y1={y(escalationThreshold - 0.5)}
          y2={y(escalationThreshold - 0.5)}
          stroke="#8A1538"
          strokeDasharray="5 4"
          strokeWidth={1.5}
        />
        <text
          x={M.left + PLOT_W - 4}
          y={y(escalationThreshold - 0.5) + 11}
          textAnchor="end"
          fontSize={10}
          fill="#8A1538"
          fontWeight={700}
        >
          Escalates at {escalationThreshold}
        </text>
        {xTicks.map((t, i) => (
          <g key={i}>
            <line x1={x(t)} x2={x(t)} y1={M.top + PLOT_H} y2={M.top + PLOT_H + 4} stroke="#425563" />
            <text
              x={x(t)}
              y={M.top + PLOT_H + 16}
              textAnchor={i === 0 ? 'start' : 'middle'}
              fontSize={11}
              fill="#212b32"
            >
              {tickLabel(t, withYear)}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={M.left + PLOT_W} y1={M.top + PLOT_H} y2={M.top + PLOT_H} stroke="#425563" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + PLOT_H} stroke="#425563" />
        <path d={d} fill="none" stroke="#212b32" strokeWidth={2.25} strokeLinejoin="round" />
        {history.map((h) => (
          <circle
            key={h.id}
            cx={x(time(h.effectiveOn))}
            cy={y(h.score)}
            r={h.kind === 'review' ? 3.5 : 4.5}
            fill={h.kind === 'review' ? '#ffffff' : '#212b32'}
            stroke="#212b32"
            strokeWidth={1.5}
          >
            <title>
              {`${formatDate(h.effectiveOn)}: ${HISTORY_KIND_LABELS[h.kind] ?? h.kind}, score ${h.score}`}
            </title>
          </circle>
        ))}
        <text
          x={M.left + PLOT_W / 2}
          y={H - 4}
          textAnchor="middle"
          fontSize={12}
          fill="#212b32"
          fontWeight={600}
        >
          Date
        </text>
        <text
          transform={`translate(11 ${M.top + PLOT_H / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={12}
          fill="#212b32"
          fontWeight={600}
        >
          Current score
        </text>
      </svg>
      <Text component="figcaption" size="xs" c="dimmed" mt={4}>
        Filled dots: raised or edited; open dots: reviews. The line holds each score until the next change.
      </Text>
      <Table className="visually-hidden">
        <caption>Current score over time, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Change</th>
            <th scope="col">Consequence</th>
            <th scope="col">Likelihood</th>
            <th scope="col">Score</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id}>
              <td>{formatDate(h.effectiveOn)}</td>
              <td>{HISTORY_KIND_LABELS[h.kind] ?? h.kind}</td>
              <td>
                {h.consequence} {consequenceLabel(h.consequence)}
              </td>
              <td>
                {h.likelihood} {likelihoodLabel(h.likelihood)}
              </td>
              <td>{h.score}</td>
              <td>{statusLabel(h.status)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Box>
  );
}
