import { startTransition, useEffect, useState } from 'react';

/**
 * The first `first` items on the first render, every item from the next frame on. A long table's first
 * screenful is on screen (painted) before the rows below the fold are built, and those are built as an
 * interruptible transition, so a click or keystroke meanwhile is answered first. Only the first render is cut:
 * once everything has been shown, later lists (a filter, a sort, the next page) are shown whole.
 */
export function useFirstScreenful<T>(items: readonly T[], first: number): readonly T[] {
  const [whole, setWhole] = useState(false);
  useEffect(() => {
    if (whole) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame, then a task: the cut table is painted before the rest is started.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setWhole(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [whole]);
  return whole || items.length <= first ? items : items.slice(0, first);
}
