import { createContext, useContext } from 'react';
import type { Me } from '../../lib/trpc';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user. Only for pages under RequireAuth, which provides it. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() is only available inside <RequireAuth>');
  return me;
}
