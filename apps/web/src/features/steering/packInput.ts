const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The pack a page address asks for (`?asAt=`): one definition for the page and the prefetch at start-up. */
export function packInput(
  programmeId: string,
  params: URLSearchParams,
): { programmeId: string; asAt?: string } {
  const asAt = params.get('asAt');
  return asAt && ISO.test(asAt) ? { programmeId, asAt } : { programmeId };
}
