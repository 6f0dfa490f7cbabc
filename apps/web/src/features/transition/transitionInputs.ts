/* What the plan and my-tasks pages ask for, from their address: one definition for each page and the prefetch. */

export function planInput(
  programmeId: string,
  transferId: string,
  params: URLSearchParams,
): { programmeId: string; transferId: string; baselineId?: string } {
  const baselineId = params.get('baseline');
  return baselineId ? { programmeId, transferId, baselineId } : { programmeId, transferId };
}

export type TMyTasksScope = 'mine' | 'organisation';

export function myTasksScope(params: URLSearchParams): TMyTasksScope {
  return params.get('scope') === 'organisation' ? 'organisation' : 'mine';
}
