import { DEFAULT_RISK_MATRIX, ZRiskMatrix, type TRiskMatrix } from '@baton/domain';
import type { Executor } from '../client';
import { staleOrMissing } from './versioning';

export interface TStoredMatrix {
  matrix: TRiskMatrix;
  /** 0 while the programme still uses the default and has never saved its own. */
  version: number;
}

/** A programme's matrix, or the NPSA 2008 default until it saves its own. */
export async function findRiskMatrix(db: Executor, programmeId: string): Promise<TStoredMatrix> {
  const r = await db
    .selectFrom('risk_matrices')
    .select(['config', 'version'])
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return r
    ? { matrix: ZRiskMatrix.parse(r.config), version: r.version }
    : { matrix: DEFAULT_RISK_MATRIX, version: 0 };
}

export async function saveRiskMatrix(
  db: Executor,
  programmeId: string,
  matrix: TRiskMatrix,
  expectedVersion: number,
): Promise<TStoredMatrix> {
  const config = JSON.stringify(matrix);
  if (expectedVersion === 0) {
    const r = await db
      .insertInto('risk_matrices')
      .values({ programme_id: programmeId, config })
      .onConflict((oc) => oc.column('programme_id').doNothing())
      .returning('version')
      .executeTakeFirst();
    if (!r) staleOrMissing('risk matrix', await findRiskMatrix(db, programmeId));
    return { matrix, version: r.version };
  }
  const r = await db
    .updateTable('risk_matrices')
    .set((eb) => ({ config, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('programme_id', '=', programmeId)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  if (!r) staleOrMissing('risk matrix', await findRiskMatrix(db, programmeId));
  return { matrix, version: r.version };
}
