import { useId } from 'react';
import { Group, Stack, Text } from '@mantine/core';
import { LEVELS } from '@baton/domain';
import { Link } from 'react-router';
import { formatCount } from '../../lib/format';
import { cellName } from '../risks/HeatMap';
import { consequenceLabel, likelihoodLabel } from '../risks/riskMatrix';
import { bandForScore } from '../risks/riskMatrix';
import type { Pack } from './types';
import './steering.css';

/**
 * The pack's 5x5 matrix of open risks by current score, NHS layout (consequence up the side, likelihood along
 * the bottom). A table, so screen readers hear both headers with each count. When the pack is as at today each
 * count links to the register filtered to that cell; a past or frozen pack is a picture of its date, so it
 * does not link to today's register.
 */
export function PackHeatMap({ pack, linkToRegister }: { pack: Pack; linkToRegister: boolean }) {
  const counts = new Map<string, number>();
  for (const c of pack.heatMap) counts.set(`${c.consequence}:${c.likelihood}`, c.count);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const registerUrl = (c: number, l: number) =>
    `/p/${pack.programme.id}/risks?cell=current:${c}:${l}&status=open`;
  // The likelihood headers sit below the grid (NHS layout), so each cell names its headers explicitly.
  const id = useId();
  const rowId = (c: number) => `${id}-c${c}`;
  const colId = (l: number) => `${id}-l${l}`;

  return (
    <Stack gap="sm">
      <div className="pack-heat">
        <span className="pack-heat-axis pack-heat-axis-y" aria-hidden>
          Consequence →
        </span>
        <table className="pack-heat-table">
          <caption className="visually-hidden">
            Open risks by current consequence (rows) and likelihood (columns), as at the pack date:{' '}
            {formatCount(total, 'risk', 'risks')}
          </caption>
          <colgroup>
            <col className="pack-heat-head-col" />
            {LEVELS.map((l) => (
              <col key={l} />
            ))}
          </colgroup>
          <tbody>
            {[...LEVELS].reverse().map((c) => (
              <tr key={c}>
                <th scope="row" id={rowId(c)} className="pack-heat-row-head">
                  <b>{c}</b> {consequenceLabel(c)}
                </th>
                {LEVELS.map((l) => {
                  const band = bandForScore(pack.bands, c * l);
                  const count = counts.get(`${c}:${l}`) ?? 0;
                  const label = `${cellName(c, l)}: ${formatCount(count, 'risk', 'risks')}`;
                  return (
                    <td
                      key={l}
                      headers={`${rowId(c)} ${colId(l)}`}
                      data-cell={`${c}:${l}`}
                      className="pack-heat-cell"
                      data-empty={count === 0 || undefined}
                      title={`${cellName(c, l)} (score ${c * l}${band ? `, ${band.label}` : ''}): ${formatCount(count, 'risk', 'risks')}`}
                      style={
                        count === 0
                          ? // An empty cell is not painted as if it held risks: neutral, its band shown by a stripe.
                            {
                              background: '#f0f4f5',
                              boxShadow: `inset 0 -5px 0 0 ${band?.colour ?? '#d8dde0'}, inset 0 0 0 1px rgba(0, 0, 0, 0.12)`,
                            }
                          : {
                              background: band?.colour ?? 'var(--mantine-color-gray-2)',
                              color: band?.textColour ?? 'var(--mantine-color-black)',
                            }
                      }
                    >
                      {count > 0 && linkToRegister ? (
                        <Link
                          to={registerUrl(c, l)}
                          aria-label={`${label}. Open them in the register`}
                          style={{ color: band?.textColour ?? 'inherit' }}
                        >
                          {count}
                        </Link>
                      ) : count > 0 ? (
                        count
                      ) : (
                        <span className="visually-hidden">0</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td />
              {LEVELS.map((l) => (
                <th key={l} scope="col" id={colId(l)} className="pack-heat-col-head">
                  <b>{l}</b>
                  <span className="pack-heat-word">{likelihoodLabel(l)}</span>
                </th>
              ))}
            </tr>
          </tfoot>
        </table>
        <span className="pack-heat-axis pack-heat-axis-x" aria-hidden>
          Likelihood →
        </span>
        {/* On a narrow screen the likelihood words leave the columns and are spelt out here instead. */}
        <span className="pack-heat-key" aria-hidden>
          {LEVELS.map((l) => `${l} ${likelihoodLabel(l)}`).join(' · ')}
        </span>
      </div>
      <Group gap="sm" justify="space-between" align="flex-start">
        <Group gap="xs" role="list" aria-label="Bands">
          {[...pack.bands]
            .sort((a, b) => a.min - b.min)
            .map((b) => (
              <Group key={b.key} gap={4} wrap="nowrap" role="listitem">
                <span
                  aria-hidden
                  style={{
                    width: 12,
                    height: 12,
                    background: b.colour,
                    borderRadius: 2,
                    boxShadow: 'inset 0 0 0 1px rgba(0,0,0,0.25)',
                  }}
                />
                <Text size="xs">
                  {b.label} {b.min === b.max ? b.min : `${b.min}–${b.max}`}
                </Text>
              </Group>
            ))}
        </Group>
        <Text size="xs" c="dimmed">
          {formatCount(total, 'open risk', 'open risks')}
          {linkToRegister ? ' · choose a number to list those risks' : ''}
        </Text>
      </Group>
    </Stack>
  );
}
