import type { ReactNode } from 'react';
import { useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * A list shown as a table on a wide screen and as cards on a phone. Only the one the screen shows is built:
 * hiding the other with CSS (`visibleFrom`/`hiddenFrom`) still made React and Mantine build every row twice,
 * which was about a third of the register's first render. The width is read before the first render (no flash
 * of the wrong layout) and followed as the window is resized or turned.
 */
export function WideOrNarrow({ wide, narrow }: { wide: ReactNode; narrow: ReactNode }) {
  return useIsWide() ? wide : narrow;
}

/** True from Mantine's `sm` breakpoint up: the width at which `visibleFrom="sm"` shows. */
export function useIsWide(): boolean {
  const theme = useMantineTheme();
  const query = `(min-width: ${theme.breakpoints.sm})`;
  return (
    useMediaQuery(query, typeof window === 'undefined' ? true : window.matchMedia(query).matches, {
      getInitialValueInEffect: false,
    }) ?? true
  );
}
