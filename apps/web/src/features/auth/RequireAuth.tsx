import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Container } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { FullPageLoader, QueryError } from '../../components/QueryStates';
import { useTRPC } from '../../lib/trpc';
import { MeContext } from './useMe';

/** "/signin?next=/p/123/members": where to go to sign in, and where to come back to afterwards. */
export function signInPath(next: string): string {
  return next && next !== '/' ? `/signin?next=${encodeURIComponent(next)}` : '/signin';
}

/**
 * Renders its children only for a signed-in user. Anyone else goes to sign in, and comes back here after.
 * (When any request answers UNAUTHORIZED, the query client forgets `auth.me`, so this redirects then too.)
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const location = useLocation();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 });

  if (me.isPending) return <FullPageLoader label="Checking who you are" />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <QueryError
          error={me.error}
          onRetry={() => void me.refetch()}
          title="Baton could not check who you are"
        />
      </Container>
    );
  }
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
