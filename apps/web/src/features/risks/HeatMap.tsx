import { Box, Button, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { LEVELS } from '@baton/domain';
import { formatCount } from '../../lib/format';
import { bandForScore, consequenceLabel, likelihoodLabel } from './riskMatrix';
import type { HeatMapData, HeatMapKind, RiskBand } from './types';

const KIND_LABELS: Record<HeatMapKind, string> = {
  current: 'Current',
  initial: 'Initial',
  target: 'Target',
};

/** "Consequence 4 Major, likelihood 3 Possible" */
export function cellName(c: number, l: number): string {
  return `Consequence ${c} ${consequenceLabel(c)}, likelihood ${l} ${likelihoodLabel(l)}`;
}

/**
 * The 5x5 matrix, NHS convention: consequence up the side (1 at the bottom), likelihood along the bottom.
 * Each cell is a button that filters the register to the risks in it; pressing the selected cell again clears it.
 */
export function HeatMap({
  data,
  bands,
  kind,
  onKindChange,
  selected,
  onSelect,
}: {
  data: HeatMapData | undefined;
  bands: readonly RiskBand[];
  kind: HeatMapKind;
  onKindChange: (kind: HeatMapKind) => void;
  selected: { kind?: HeatMapKind; consequence: number; likelihood: number } | undefined;
  onSelect: (cell: { kind: HeatMapKind; consequence: number; likelihood: number } | null) => void;
}) {
  const counts = new Map<string, number>();
  for (const c of data?.[kind] ?? []) counts.set(`${c.consequence}:${c.likelihood}`, c.count);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const isSelected = (c: number, l: number) =>
    selected !== undefined &&
    (selected.kind ?? 'current') === kind &&
    selected.consequence === c &&
    selected.likelihood === l;

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label="Which score the heat map shows"
          value={kind}
          onChange={(v) => onKindChange(v as HeatMapKind)}
          data={(Object.keys(KIND_LABELS) as HeatMapKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        <Text size="xs" c="dimmed" aria-live="polite">
          {data ? `${formatCount(total, 'risk', 'risks')} by ${KIND_LABELS[kind].toLowerCase()} score` : ''}
        </Text>
      </Group>
      <Box
        role="group"
        aria-label={`Heat map of ${KIND_LABELS[kind].toLowerCase()} scores`}
        style={{
          display: 'grid',
          gridTemplateColumns: 'auto repeat(5, minmax(36px, 1fr))',
          gap: 3,
          alignItems: 'stretch',
        }}
      >
        <Text size="xs" fw={700} ta="right" pr={6} aria-hidden>
          Consequence ↑
        </Text>
        <span style={{ gridColumn: 'span 5' }} />
        {[...LEVELS].reverse().map((c) => (
          <Box key={c} style={{ display: 'contents' }}>
            <Text
              size="xs"
              ta="right"
              pr={6}
              lh={1.15}
              style={{ alignSelf: 'center', whiteSpace: 'nowrap' }}
              aria-hidden
            >
              <b>{c}</b> {consequenceLabel(c)}
            </Text>
            {LEVELS.map((l) => {
              const band = bandForScore(bands, c * l);
              const count = counts.get(`${c}:${l}`) ?? 0;
              const pressed = isSelected(c, l);
              if (!data) return <Skeleton key={l} height={38} radius={4} aria-hidden />;
              return (
                <button
                  key={l}
                  type="button"
                  aria-pressed={pressed}
                  aria-label={`${cellName(c, l)}: ${formatCount(count, 'risk', 'risks')}`}
                  title={`${cellName(c, l)} (score ${c * l}${band ? `, ${band.label}` : ''}): ${formatCount(count, 'risk', 'risks')}`}
                  onClick={() => onSelect(pressed ? null : { kind, consequence: c, likelihood: l })}
                  style={{
                    height: 38,
                    border: 0,
                    borderRadius: 4,
                    cursor: 'pointer',
                    // An empty cell is not painted as if it held risks: neutral, its band shown by a stripe.
                    background: count === 0 ? '#f0f4f5' : (band?.colour ?? 'var(--mantine-color-gray-2)'),
                    color: band?.textColour ?? 'var(--mantine-color-black)',
                    fontWeight: 800,
                    fontSize: 15,
                    fontVariantNumeric: 'tabular-nums',
                    boxShadow: pressed
                      ? 'inset 0 0 0 3px #212b32, inset 0 0 0 5px #ffffff'
                      : count === 0
                        ? `inset 0 -5px 0 0 ${band?.colour ?? '#d8dde0'}, inset 0 0 0 1px rgba(0, 0, 0, 0.12)`
                        : 'inset 0 0 0 1px rgba(0, 0, 0, 0.18)',
                  }}
                >
                  {count > 0 ? count : ''}
                </button>
              );
            })}
          </Box>
        ))}
        <span />
        {LEVELS.map((l) => (
          <Text key={l} size="xs" ta="center" lh={1.15} aria-hidden>
            <b>{l}</b>
            <br />
            {likelihoodLabel(l)}
          </Text>
        ))}
        <span />
        <Text size="xs" fw={700} ta="center" style={{ gridColumn: 'span 5' }} aria-hidden>
          Likelihood →
        </Text>
      </Box>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs" c="dimmed">
          Choose a cell to list its risks.
        </Text>
        {selected && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconX size={12} aria-hidden />}
            onClick={() => onSelect(null)}
          >
            Clear cell
          </Button>
        )}
      </Group>
      <Group gap="xs" aria-label="Bands" role="list">
        {bands.map((b) => (
          <Group key={b.key} gap={4} wrap="nowrap" role="listitem">
            <Box
              aria-hidden
              w={12}
              h={12}
              style={{ background: b.colour, borderRadius: 2, boxShadow: 'inset 0 0 0 1px rgba(0,0,0,0.25)' }}
            />
            <Text size="xs">
              {b.label} {b.min === b.max ? b.min : `${b.min}–${b.max}`}
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
