import { Suspense, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * Where a dialog or drawer whose code loads on first open goes: `children` are rendered (inside Suspense) only
 * while `open`, so a page's first load carries none of its forms. Mantine gives focus back to what opened a
 * dialog only when a mounted dialog closes; this one is removed instead, so the slot does it: it notes what
 * had focus as the dialog opened and, when it closes, focuses that again (unless focus has gone elsewhere).
 */
export function DialogSlot({ open, children }: { open: boolean; children: ReactNode }) {
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open) {
      // Before the dialog's focus trap moves focus (it does so on a timer, after this runs).
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      return;
    }
    const el = opener.current;
    opener.current = null;
    if (!el) return;
    const id = window.setTimeout(() => {
      const now = document.activeElement;
      if (el.isConnected && (!now || now === document.body)) el.focus({ preventScroll: true });
    });
    return () => window.clearTimeout(id);
  }, [open]);
  return <Suspense fallback={null}>{open && children}</Suspense>;
}
