import type { TVisibility } from '@baton/domain';
import { sql } from 'kysely';
import type { Executor } from './client';

export type TAuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'invite'
  | 'accept_invite'
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'second_factor_on'
  | 'second_factor_off'
  | 'export';

/**
 * Who may read an event: every member (`public`), members of the item's organisations and everyone who sees
 * every organisation (`owners`), or only the latter (`full`). It follows the visibility of the item.
 */
export type TAuditAudience =
  { kind: 'public' } | { kind: 'owners'; organisationIds: readonly string[] } | { kind: 'full' };

export interface AuditEntry {
  actorUserId: string | null;
  programmeId: string | null;
  /** The organisation that owns the changed item. */
  organisationId: string | null;
  audience: TAuditAudience;
  entityType: string;
  entityId: string;
  action: TAuditAction;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: Dates become ISO strings, so before/after read back identically on both engines. */
function snapshot(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** A uuid[] literal built from parameters: the same on pg and PGlite, whatever each does with JS arrays. */
function uuidArray(ids: readonly string[]) {
  const unique = [...new Set(ids)];
  return unique.length
    ? sql<string[]>`array[${sql.join(unique.map((id) => sql`${id}::uuid`))}]`
    : sql<string[]>`'{}'::uuid[]`;
}

const auditRow = (entry: AuditEntry) => ({
  actor_user_id: entry.actorUserId,
  programme_id: entry.programmeId,
  organisation_id: entry.organisationId,
  entity_type: entry.entityType,
  entity_id: entry.entityId,
  action: entry.action,
  summary: entry.summary,
  before: snapshot(entry.before),
  after: snapshot(entry.after),
  audience: entry.audience.kind,
  audience_organisation_ids: uuidArray(
    entry.audience.kind === 'owners' ? entry.audience.organisationIds : [],
  ),
});

/** Many events in a few statements (an import of thousands of rows), in the same transaction as the change. */
export async function recordAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  for (let at = 0; at < entries.length; at += 500) {
    await db
      .insertInto('audit_events')
      .values(entries.slice(at, at + 500).map(auditRow))
      .execute();
  }
}

/** Call inside the transaction that makes the change: the change and its record stand or fall together. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_user_id: entry.actorUserId,
      programme_id: entry.programmeId,
      organisation_id: entry.organisationId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      summary: entry.summary,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      audience: entry.audience.kind,
      audience_organisation_ids: uuidArray(
        entry.audience.kind === 'owners' ? entry.audience.organisationIds : [],
      ),
    })
    .execute();
}

export interface AuditListOptions {
  programmeId: string;
  cursor?: number | undefined;
  limit: number;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Whose events the reader may see: a bidder sees public ones and those about its own organisation's items. */
  visibility: TVisibility;
}

export async function listAuditEvents(db: Executor, o: AuditListOptions) {
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select([
      'e.id',
      'e.occurred_at',
      'e.actor_user_id',
      'u.name as actor_name',
      'e.entity_type',
      'e.entity_id',
      'e.action',
      'e.summary',
      'e.before',
      'e.after',
    ])
    .where('e.programme_id', '=', o.programmeId)
    .orderBy('e.id', 'desc')
    .limit(o.limit + 1);
  if (o.cursor !== undefined) q = q.where('e.id', '<', o.cursor);
  if (o.entityType) q = q.where('e.entity_type', '=', o.entityType);
  if (o.entityId) q = q.where('e.entity_id', '=', o.entityId);
  const v = o.visibility;
  if (v.kind === 'own')
    q = q.where((eb) =>
      eb.or([
        eb('e.audience', '=', 'public'),
        eb.and([
          eb('e.audience', '=', 'owners'),
          sql<boolean>`${v.organisationId}::uuid = any(e.audience_organisation_ids)`,
        ]),
      ]),
    );
  const rows = await q.execute();
  const page = rows.slice(0, o.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      actor: r.actor_user_id ? { id: r.actor_user_id, name: r.actor_name ?? 'Unknown user' } : null,
      entityType: r.entity_type,
      entityId: r.entity_id,
      action: r.action,
      summary: r.summary,
      before: r.before as unknown,
      after: r.after as unknown,
    })),
    nextCursor: rows.length > o.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
