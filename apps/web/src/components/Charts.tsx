import { lazy, Suspense } from 'react';
import { Skeleton } from '@mantine/core';
import type { BarChartProps, LineChartProps } from '@mantine/charts';

/*
 * Mantine's charts draw with Recharts, about 100 kB compressed: more than the rest of a plan page's own code.
 * A chart is never the first thing a page must show, so its code comes when one is drawn, and a grey box of
 * the chart's height holds its place meanwhile (nothing moves when it arrives).
 */
const LineChartNow = lazy(() => import('@mantine/charts').then((m) => ({ default: m.LineChart })));
const BarChartNow = lazy(() => import('@mantine/charts').then((m) => ({ default: m.BarChart })));

function ChartPlaceholder({ h }: { h: unknown }) {
  return (
    <Skeleton height={typeof h === 'number' || typeof h === 'string' ? h : 200} radius="sm" animate={false} />
  );
}

export function LineChart(props: LineChartProps) {
  return (
    <Suspense fallback={<ChartPlaceholder h={props.h} />}>
      <LineChartNow {...props} />
    </Suspense>
  );
}

export function BarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<ChartPlaceholder h={props.h} />}>
      <BarChartNow {...props} />
    </Suspense>
  );
}
