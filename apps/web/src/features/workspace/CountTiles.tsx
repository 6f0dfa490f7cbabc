import type { ReactNode } from 'react';
import { SimpleGrid, Skeleton, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarDue,
  IconLock,
  IconMessageCircleQuestion,
  IconRoute,
  IconScale,
} from '@tabler/icons-react';
import type { WorkspaceCounts } from './types';
import classes from './workspace.module.css';

export type TileKey = keyof WorkspaceCounts;

export interface TileSpec {
  key: TileKey;
  label: string;
  icon: ReactNode;
  /** Counts above zero here are a warning (shown in red as well as by the word). */
  warn: boolean;
}

export function tileSpecs(horizonDays: number): TileSpec[] {
  return [
    { key: 'overdue', label: 'Overdue', icon: <IconAlertTriangle size={18} aria-hidden />, warn: true },
    {
      key: 'dueSoon',
      label: `Due in the next ${horizonDays} days`,
      icon: <IconCalendarDue size={18} aria-hidden />,
      warn: false,
    },
    { key: 'blocked', label: 'Blocked', icon: <IconLock size={18} aria-hidden />, warn: true },
    {
      key: 'critical',
      label: 'On the critical path',
      icon: <IconRoute size={18} aria-hidden />,
      warn: false,
    },
    {
      key: 'statutory',
      label: 'Statutory dates',
      icon: <IconScale size={18} aria-hidden />,
      warn: false,
    },
    {
      key: 'awaiting',
      label: 'Awaiting update',
      icon: <IconMessageCircleQuestion size={18} aria-hidden />,
      warn: false,
    },
  ];
}

/** Move to a section and put focus on it, so keyboard and screen-reader users land there too. */
export function jumpTo(sectionId: string) {
  const target = document.getElementById(sectionId);
  if (!target) return;
  target.scrollIntoView({ behavior: 'smooth', block: 'start' });
  target.focus({ preventScroll: true });
}

/** Six counts that jump to their sections. */
export function CountTiles({
  counts,
  horizonDays,
  busy,
}: {
  counts: WorkspaceCounts | undefined;
  horizonDays: number;
  busy: boolean;
}) {
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, xl: 6 }}
      spacing="sm"
      component="nav"
      aria-label="Workspace sections"
      aria-busy={busy || undefined}
    >
      {tileSpecs(horizonDays).map((t) => {
        const n = counts?.[t.key];
        const alarm = t.warn && (n ?? 0) > 0;
        return (
          <a
            key={t.key}
            href={`#ws-${t.key}`}
            className={classes.tile}
            data-alarm={alarm || undefined}
            data-testid={`tile-${t.key}`}
            onClick={(e) => {
              e.preventDefault();
              jumpTo(`ws-${t.key}`);
            }}
          >
            <span className={classes.tileIcon}>{t.icon}</span>
            {n === undefined ? (
              <Skeleton height={34} width={48} my={2} aria-hidden />
            ) : (
              <Text span className={classes.tileCount} data-testid={`tile-${t.key}-count`}>
                {n}
              </Text>
            )}
            <Text span size="sm" fw={600} lh={1.25} className={classes.tileLabel}>
              {t.label}
            </Text>
          </a>
        );
      })}
    </SimpleGrid>
  );
}
