import { lazy, type ComponentType } from 'react';

/** A thenable that calls back at once, so `React.lazy` reads its value in the same render (a promise cannot). */
function resolvedNow<T>(value: T): Promise<T> {
  const thenable = { then: (onFulfilled?: (v: T) => unknown) => void onFulfilled?.(value) };
  return thenable as unknown as Promise<T>;
}

/**
 * A page component from its module: fetched when the page first renders, or earlier through `load` (the router
 * preloads the page being opened beside the session check).
 *
 * Code that has already arrived is handed to React synchronously: a promise, even a settled one, suspends the
 * first render, and React 19 then holds the page behind its skeleton (it throttles Suspense reveals, up to
 * 300 ms) before the page's own render starts.
 */
export function lazyPage(loadModule: () => Promise<Record<string, ComponentType>>, name: string) {
  let loaded: ComponentType | undefined;
  const load = () =>
    loadModule().then((m) => {
      const C = m[name];
      if (!C) throw new Error(`The page module exports no ${name}`);
      loaded = C;
      return C;
    });
  return Object.assign(
    lazy(() => (loaded ? resolvedNow({ default: loaded }) : load().then((C) => ({ default: C })))),
    { load },
  );
}
