import { Suspense, type ComponentType, type ReactNode } from 'react';
import { lazyPage } from './lazyPage';
import { PageErrorBoundary } from './PageErrorBoundary';
import { matchPath, Route, Routes } from 'react-router';
import { PAGES } from './pages';
import { FullPageLoader, PageSkeleton } from '../components/QueryStates';
import { RequireAuth } from '../features/auth/RequireAuth';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';

// Each page is its own chunk: the sign-in page doesn't download the programme screens, and vice versa.
const pageModules = import.meta.glob<Record<string, ComponentType>>('../features/*/*Page.tsx');

/** A page's code, by its module path under features/ (`risks/RiskRegisterPage`). */
function pageFrom(module: string) {
  const loadModule = pageModules[`../features/${module}.tsx`];
  if (!loadModule) throw new Error(`No page module features/${module}.tsx`);
  return lazyPage(loadModule, module.slice(module.lastIndexOf('/') + 1));
}

const LAZY = new Map<string, ReturnType<typeof lazyPage>>(PAGES.map((p) => [p.module, pageFrom(p.module)]));
const Page = ({ module }: { module: string }) => {
  const C = LAZY.get(module)!;
  return <C />;
};

const page = (element: ReactNode) => (
  <PageErrorBoundary>
    <Suspense fallback={<PageSkeleton />}>{element}</Suspense>
  </PageErrorBoundary>
);
const bare = (element: ReactNode) => (
  <PageErrorBoundary>
    <Suspense fallback={<FullPageLoader />}>{element}</Suspense>
  </PageErrorBoundary>
);

export function AppRoutes() {
  return (
    <Routes>
      {PAGES.filter((p) => 'shell' in p).map((p) => (
        <Route key={p.path} path={p.path} element={bare(<Page module={p.module} />)} />
      ))}
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        {PAGES.filter((p) => !('shell' in p)).map((p) =>
          p.path === '/' ? (
            <Route key={p.path} index element={page(<Page module={p.module} />)} />
          ) : (
            <Route key={p.path} path={p.path} element={page(<Page module={p.module} />)} />
          ),
        )}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/**
 * Starts fetching the code of the page at `pathname` now, alongside the session check, instead of after it;
 * settles when it has arrived (or failed: a failure is left to the page's own load, which explains it, see
 * PageErrorBoundary), at once for an address that is no page.
 */
export function preloadPageFor(pathname: string): Promise<void> {
  const hit = PAGES.find((p) => matchPath(p.path, pathname));
  if (!hit) return Promise.resolve();
  return LAZY.get(hit.module)!
    .load()
    .then(
      () => {},
      () => {},
    );
}
