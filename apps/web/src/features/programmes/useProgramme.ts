import { useQuery } from '@tanstack/react-query';
import type { TCapability } from '@baton/domain';
import { useTRPC } from '../../lib/trpc';

/**
 * The programme's overview (shared, cached) and what the signed-in user may do in it. Pages inside a
 * programme use this for its name and the user's capabilities; the server enforces them regardless.
 */
export function useProgramme(programmeId: string) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.programme.overview.queryOptions({ programmeId }));
  const capabilities: readonly TCapability[] = overview.data?.me.capabilities ?? [];
  return {
    overview,
    programme: overview.data?.programme,
    me: overview.data?.me,
    can: (capability: TCapability) => capabilities.includes(capability),
  };
}
