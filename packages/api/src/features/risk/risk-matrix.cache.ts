import { deepFreeze } from '@baton/domain';
import { findRiskMatrix, type Executor, type TStoredMatrix } from '@baton/db';
import type { TMember } from '../../access/membership';

/*
 * The programme's risk matrix kept against its stored version, which the membership check reads in the same
 * query as the caller's role (`TMember.matrixVersion`). Every register read, heat map, pack and "what
 * changed" needs the matrix; between two changes of it each process reads and validates it once instead of
 * once per request (a round trip and a schema parse). A save bumps the version, so the next request of any
 * instance reads the new one.
 *
 * The matrix is shared by every request that reads it: frozen, so a caller that tried to change it would fail
 * loudly rather than change everyone's bands.
 */

const CAPACITY = 256;
const matrices = new Map<string, TStoredMatrix>();

/** The member's programme's matrix, read from the database only when this process has not got its version. */
export async function matrixFor(db: Executor, member: TMember): Promise<TStoredMatrix> {
  const hit = matrices.get(member.programmeId);
  if (hit && member.matrixVersion !== undefined && hit.version === member.matrixVersion) return hit;
  const stored = deepFreeze(await findRiskMatrix(db, member.programmeId));
  matrices.delete(member.programmeId);
  matrices.set(member.programmeId, stored);
  if (matrices.size > CAPACITY) matrices.delete(matrices.keys().next().value!);
  return stored;
}
