import type { ReactNode } from 'react';
import { SimpleGrid, Stack } from '@mantine/core';
import { formatCount, formatDateShort } from '../../lib/format';
import { RagBadge } from '../transition/ui';
import { bandsHighestFirst } from './packFormat';
import type { Pack } from './types';
import './steering.css';

/** One figure: a link to the part of the pack that explains it. */
function Tile({
  id,
  href,
  label,
  value,
  detail,
  colour,
  textColour,
}: {
  id: string;
  href: string;
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  colour?: string;
  textColour?: string;
}) {
  const filled = colour !== undefined;
  return (
    <a
      href={href}
      className="pack-tile"
      data-testid={`pack-tile-${id}`}
      style={
        filled ? { background: colour, color: textColour, borderColor: 'rgba(0, 0, 0, 0.25)' } : undefined
      }
    >
      <span className="pack-tile-label">{label}</span>
      <span className="pack-tile-value" data-testid="value" style={filled ? undefined : { color: '#003087' }}>
        {value}
      </span>
      {detail && (
        <span
          className="pack-tile-detail"
          style={filled ? undefined : { color: 'var(--mantine-color-gray-8)' }}
        >
          {detail}
        </span>
      )}
    </a>
  );
}

/** The figures a steering group reads first, each one a link to its detail further down the pack. */
export function PackTiles({ pack }: { pack: Pack }) {
  const s = pack.summary;
  const moved = s.changes.rescoredUp + s.changes.rescoredDown;
  const goLive = pack.programme.expectedServiceCommencement;
  return (
    <SimpleGrid
      type="container"
      cols={{ base: 2, '560px': 3, '820px': 4, '1100px': 6 }}
      spacing="sm"
      verticalSpacing="sm"
    >
      <Tile
        id="liveRisks"
        href="#pack-top-risks"
        label="Open risks"
        value={s.liveRisks}
        detail={
          s.drafts
            ? `open risks on the register; ${formatCount(s.drafts, 'draft', 'drafts')} not counted`
            : 'open risks on the register (drafts are never counted)'
        }
      />
      {bandsHighestFirst(pack.bands).map((b) => (
        <Tile
          key={b.key}
          id={`band-${b.key}`}
          href="#pack-heat-map"
          label={b.label}
          value={s.byBand[b.key] ?? 0}
          detail={`open risks scoring ${b.min === b.max ? b.min : `${b.min}–${b.max}`}`}
          colour={b.colour}
          textColour={b.textColour}
        />
      ))}
      <Tile
        id="escalated"
        href="#pack-escalated"
        label="Escalated"
        value={s.escalated}
        detail={`scoring ${pack.escalationThreshold} or more`}
      />
      <Tile
        id="new"
        href="#pack-changes"
        label="New risks"
        value={s.changes.new}
        detail={`since ${pack.sinceLabel}${moved ? `; ${moved} re-scored` : ''}`}
      />
      <Tile
        id="overdueActions"
        href="#pack-overdue-actions"
        label="Overdue actions"
        value={s.overdueActions}
        detail="mitigation actions past their due date"
      />
      <Tile
        id="overdueReviews"
        href="#pack-late-reviews"
        label="Late reviews"
        value={s.overdueReviews}
        detail="risks past their review date"
      />
      <Tile
        id="transfers"
        href="#pack-readiness"
        label="Transfers"
        value={
          pack.readiness.length === 0 ? (
            'None'
          ) : (
            <Stack gap={4} mt={4} mb={2} component="span" align="flex-start">
              {(['red', 'amber', 'green'] as const).map((rag) => (
                <span
                  key={rag}
                  data-rag={rag}
                  style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}
                >
                  <span style={{ fontSize: '1.25rem', minWidth: '1.1em', textAlign: 'right' }}>
                    {s.transfers[rag]}
                  </span>
                  <RagBadge rag={rag} />
                </span>
              ))}
            </Stack>
          )
        }
        detail={
          pack.readiness.length === 0
            ? 'No transfers yet'
            : `readiness for go-live, as at ${formatDateShort(pack.readinessAsOf)}`
        }
      />
      <Tile
        id="daysToGoLive"
        href="#pack-readiness"
        label="Days to go-live"
        value={s.daysToGoLive === null ? 'Not set' : s.daysToGoLive}
        detail={
          goLive
            ? s.daysToGoLive !== null && s.daysToGoLive < 0
              ? `service commenced ${formatDateShort(goLive)}`
              : `service commencement ${formatDateShort(goLive)}`
            : 'no commencement date set'
        }
      />
      <Tile
        id="decisionsNeeded"
        href={pack.recommendations ? '#pack-recommendations' : '#pack-decisions'}
        label="Decisions needed"
        value={s.decisionsNeeded}
        detail={
          pack.recommendations
            ? 'recommendations the group is asked to decide'
            : `${formatCount(s.decisionsNeeded, 'go/no-go gate', 'go/no-go gates')} due within 8 weeks`
        }
      />
    </SimpleGrid>
  );
}
