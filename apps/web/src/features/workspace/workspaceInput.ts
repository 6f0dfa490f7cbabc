import type { WorkspaceScope } from './types';

export const WEEKS = ['1', '2', '4'] as const;

/**
 * The workspace a page address asks for (`?scope=`, `?weeks=`): one definition for the page and the prefetch
 * at start-up. The whole programme is only for those who may see it; anyone else gets their own tasks.
 */
export function workspaceInput(programmeId: string, params: URLSearchParams, canSeeProgramme: boolean) {
  const asked = params.get('scope');
  const scope: WorkspaceScope =
    asked === 'organisation'
      ? 'organisation'
      : asked === 'programme' && canSeeProgramme
        ? 'programme'
        : 'mine';
  const weeks = WEEKS.find((w) => w === params.get('weeks')) ?? '2';
  return { input: { programmeId, scope, horizonDays: Number(weeks) * 7 }, weeks };
}
