import { sql, type Kysely } from 'kysely';

/*
 * Who may read each audit event. Bidders in a live procurement see only their own organisation's items, so the
 * trail must follow the visibility of the item each event is about, not the organisation column alone (which
 * was null for transfers and meetings, making them visible to every member):
 *   public  - programme-wide facts every member sees (the programme, its lots, its risk matrix);
 *   owners  - members of the listed organisations see it (a risk's owner; a transfer's outgoing and incoming
 *             providers; a party, membership or user's own organisation), as do members who see everything;
 *   full    - only members who see every organisation (meetings and their minutes, anything unknown).
 * Existing events are classified from the item they name; an event whose item is gone stays `full`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audit_events')
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('full'))
    .addColumn('audience_organisation_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .execute();
  await sql`alter table audit_events add constraint audit_events_audience_check
    check (audience in ('public', 'owners', 'full'))`.execute(db);

  await sql`update audit_events set audience = 'public'
    where entity_type in ('programme', 'lot', 'risk_matrix')`.execute(db);
  await sql`update audit_events e set audience = 'owners', audience_organisation_ids = array[r.owning_organisation_id]
    from risks r where e.entity_type = 'risk' and e.entity_id = r.id::text`.execute(db);
  await sql`update audit_events e set audience = 'owners',
      audience_organisation_ids = array[t.outgoing_organisation_id, t.incoming_organisation_id]
    from transfers t where e.entity_type = 'transfer' and e.entity_id = t.id::text`.execute(db);
  await sql`update audit_events e set audience = 'owners',
      audience_organisation_ids = array[t.outgoing_organisation_id, t.incoming_organisation_id]
    from plan_tasks k join transfers t on t.id = k.transfer_id
    where e.entity_type = 'task' and e.entity_id = k.id::text`.execute(db);
  // Register rows may be deleted; their events carry the transfer in the row they recorded.
  await sql`update audit_events e set audience = 'owners',
      audience_organisation_ids = array[t.outgoing_organisation_id, t.incoming_organisation_id]
    from transfers t
    where e.entity_type in ('staff_group', 'site', 'system')
      and coalesce(e.after ->> 'transferId', e.before ->> 'transferId') = t.id::text`.execute(db);
  await sql`update audit_events set audience = 'owners', audience_organisation_ids = array[organisation_id]
    where entity_type in ('party', 'membership', 'user', 'risk_import') and organisation_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_events').dropConstraint('audit_events_audience_check').execute();
  await db.schema
    .alterTable('audit_events')
    .dropColumn('audience')
    .dropColumn('audience_organisation_ids')
    .execute();
}
