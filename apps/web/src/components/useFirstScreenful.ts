import { startTransition, useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The first items on the first render, every item from the next frame on. A long table's first screenful is
 * on screen (painted) before the rows below the fold are built, and those are built as an interruptible
 * transition, so a click or keystroke meanwhile is answered first. Only the first render is cut: once
 * everything has been shown, later lists (a filter, a sort, the next page) are shown whole.
 *
 * Without `fit`, the first render holds `first` items. With it, it starts with `fit.minimum` and, before the
 * first paint, grows to as many as reach the bottom of the window (never more than `first`), measured from
 * the rows already drawn in `fit.rows`: a table body (its rows), or a table (the rows of all its bodies). A row of the register
 * costs tens of milliseconds to build on a slow machine, and on a laptop only three show below the heat map.
 */
export function useFirstScreenful<T>(
  items: readonly T[],
  first: number,
  fit?: { rows: RefObject<HTMLElement | null>; minimum: number },
): readonly T[] {
  const whole = useFirstPaintDone();
  const [count, setCount] = useState(() => (fit ? Math.min(fit.minimum, first) : first));

  useLayoutEffect(() => {
    const holder = fit?.rows.current;
    if (!holder) return;
    const rows = drawnRows(holder);
    if (rows.length === 0) return;
    const top = rows[0]!.getBoundingClientRect().top;
    const rowHeight = (rows[rows.length - 1]!.getBoundingClientRect().bottom - top) / rows.length;
    if (!(rowHeight > 0)) return;
    // One more than fits, so a row cut by the window's edge is there too. Rows that are not items (a plan's
    // workstream headings) count as rows, so a few more items than fit may be built: never fewer.
    const fits = Math.ceil((window.innerHeight - top) / rowHeight) + 1;
    const wanted = Math.min(first, fits);
    setCount((c) => Math.max(c, wanted));
    // Measured once, before the first paint: later renders show every item anyway.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return whole || items.length <= count ? items : items.slice(0, count);
}

/**
 * False on a component's first render, true from just after its first paint, as an interruptible transition:
 * what is below the fold can wait for it (a click or keystroke meanwhile is answered first).
 */
export function useFirstPaintDone(): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame, then a task: the first screenful is painted before the rest is started.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setDone(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [done]);
  return done;
}

function drawnRows(holder: HTMLElement): readonly Element[] {
  return holder instanceof HTMLTableElement
    ? Array.from(holder.querySelectorAll(':scope > tbody > tr'))
    : Array.from(holder.children);
}
