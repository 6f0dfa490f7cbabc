import { ConflictError } from '@baton/domain';
import {
  recordAudit,
  recordAudits,
  type Database,
  type TAuditAction,
  type TAuditAudience,
  type Tx,
} from '@baton/db';
import type { TMember } from './access/membership';

/*
 * Every change goes through `mutation()`: one transaction, the version the caller read checked before
 * anything is written, and at least one audit event naming who did it, in the same transaction. A change
 * that records no audit event is a programming error and rolls back.
 */

export interface TAuditEvent {
  entityType: string;
  entityId: string;
  action: TAuditAction;
  summary: string;
  /** Who may read the event: follow the visibility of the item (see the feature's access module). */
  audience: TAuditAudience;
  /** The organisation that owns the item, if any. */
  organisationId?: string | null;
  /** Defaults to the programme of the caller's membership. */
  programmeId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface TWrite {
  trx: Tx;
  /** Record what changed, in this transaction. */
  audit(event: TAuditEvent): Promise<void>;
  /** Many events at once (an import), as audit() would record each. */
  auditMany(events: readonly TAuditEvent[]): Promise<void>;
  /**
   * The row the caller read has not changed since: otherwise a CONFLICT carrying the current row, so the
   * client shows it. (Repositories also update `where version = ?`, which catches a race after this check.)
   */
  expectVersion<R extends { version: number }>(row: R, version: number, what: string): void;
}

export interface TMutationContext {
  db: Database;
  user: { id: string };
  member?: TMember;
}

export interface TMutationOptions {
  isolation?: 'repeatable read' | 'serializable';
  /** A change that is nobody else's business (a person's own notification state): say why it has no event. */
  unaudited?: string;
}

export async function mutation<T>(
  ctx: TMutationContext,
  work: (w: TWrite) => Promise<T>,
  options: TMutationOptions = {},
): Promise<T> {
  let tx = ctx.db.transaction();
  if (options.isolation) tx = tx.setIsolationLevel(options.isolation);
  const entryOf = (e: TAuditEvent) => ({
    actorUserId: ctx.user.id,
    programmeId: e.programmeId === undefined ? (ctx.member?.programmeId ?? null) : e.programmeId,
    organisationId: e.organisationId ?? null,
    audience: e.audience,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    summary: e.summary,
    before: e.before,
    after: e.after,
  });
  return tx.execute(async (trx) => {
    let events = 0;
    const w: TWrite = {
      trx,
      async audit(e) {
        events++;
        await recordAudit(trx, entryOf(e));
      },
      async auditMany(es) {
        events += es.length;
        await recordAudits(trx, es.map(entryOf));
      },
      expectVersion(row, version, what) {
        if (row.version !== version) {
          throw new ConflictError(
            `Someone else changed this ${what} while you were editing. The latest version is shown; check it and try again.`,
            row,
          );
        }
      },
    };
    const result = await work(w);
    if (events === 0 && !options.unaudited) {
      throw new Error('A change was about to be saved without an audit event; it has been rolled back.');
    }
    return result;
  });
}
