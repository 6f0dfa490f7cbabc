import { sql, type Kysely } from 'kysely';

/*
 * Schedule truth and go-live confidence:
 * - plan tasks record when work actually started (completed_on is the actual finish) and, for the schedule risk
 *   analysis, an optimistic and a pessimistic duration beside the planned (most likely) one;
 * - baselines: a copy of every task's planned dates, kept when a meeting's pack is frozen or when a lead sets
 *   one, so variance can be measured against it;
 * - delivery confidence: the commissioner's judgement per transfer (and each provider's self-assessment) on the
 *   IPA scale;
 * - risks linked to the tasks they would delay, with the delay in days (the probability comes from the risk);
 * - per programme, the readiness rules' settings and the confidence scale;
 * - TUPE staff groups: weekly pay and the share of time on the service, for the money rules and New Fair Deal.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plan_tasks')
    .addColumn('actual_start', 'date')
    .addColumn('optimistic_days', 'integer')
    .addColumn('pessimistic_days', 'integer')
    .execute();
  // Work that is under way or finished has started: its planned start is the best record there is.
  await sql`update plan_tasks set actual_start = least(start_date, coalesce(completed_on, start_date))
    where status in ('in_progress', 'blocked', 'done')`.execute(db);
  await sql`alter table plan_tasks add constraint plan_tasks_estimates
    check ((optimistic_days is null or optimistic_days >= 0) and (pessimistic_days is null or pessimistic_days >= 0)
      and (optimistic_days is null or pessimistic_days is null or optimistic_days <= pessimistic_days))`.execute(
    db,
  );

  await db.schema
    .createTable('baselines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('baselines_kind', sql`kind in ('meeting', 'manual')`)
    .execute();
  await db.schema
    .createIndex('baselines_programme_idx')
    .on('baselines')
    .columns(['programme_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('baseline_tasks')
    .addColumn('baseline_id', 'uuid', (c) => c.notNull().references('baselines.id').onDelete('cascade'))
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('plan_tasks.id').onDelete('cascade'))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('baseline_tasks_pk', ['baseline_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('confidence_assessments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('transfer_id', 'uuid', (c) => c.notNull().references('transfers.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assessed_on', 'date', (c) => c.notNull())
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('confidence_kind', sql`kind in ('commissioner', 'provider')`)
    .addCheckConstraint('confidence_scale', sql`scale in ('five', 'three')`)
    .execute();
  await db.schema
    .createIndex('confidence_transfer_idx')
    .on('confidence_assessments')
    .columns(['transfer_id', 'assessed_on'])
    .execute();

  await db.schema
    .createTable('risk_task_impacts')
    .addColumn('risk_id', 'uuid', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('plan_tasks.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('impact_days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_task_impacts_pk', ['risk_id', 'task_id'])
    .addCheckConstraint('risk_task_impacts_days', sql`impact_days between 1 and 365`)
    .execute();
  await db.schema
    .createIndex('risk_task_impacts_task_idx')
    .on('risk_task_impacts')
    .column('task_id')
    .execute();

  await db.schema
    .alterTable('programmes')
    .addColumn('readiness_settings', 'jsonb')
    .addColumn('confidence_scale', 'text', (c) => c.notNull().defaultTo('five'))
    .execute();
  await sql`alter table programmes add constraint programmes_confidence_scale
    check (confidence_scale in ('five', 'three'))`.execute(db);

  await db.schema
    .alterTable('tupe_staff_groups')
    .addColumn('weekly_pay_gbp', 'numeric(10, 2)')
    .addColumn('percent_time_on_service', 'smallint')
    .execute();
  await sql`alter table tupe_staff_groups add constraint tupe_staff_groups_money
    check ((weekly_pay_gbp is null or weekly_pay_gbp >= 0)
      and (percent_time_on_service is null or percent_time_on_service between 0 and 100))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tupe_staff_groups drop constraint tupe_staff_groups_money`.execute(db);
  await db.schema
    .alterTable('tupe_staff_groups')
    .dropColumn('weekly_pay_gbp')
    .dropColumn('percent_time_on_service')
    .execute();
  await sql`alter table programmes drop constraint programmes_confidence_scale`.execute(db);
  await db.schema
    .alterTable('programmes')
    .dropColumn('readiness_settings')
    .dropColumn('confidence_scale')
    .execute();
  for (const t of ['risk_task_impacts', 'confidence_assessments', 'baseline_tasks', 'baselines'])
    await db.schema.dropTable(t).execute();
  await sql`alter table plan_tasks drop constraint plan_tasks_estimates`.execute(db);
  await db.schema
    .alterTable('plan_tasks')
    .dropColumn('actual_start')
    .dropColumn('optimistic_days')
    .dropColumn('pessimistic_days')
    .execute();
}
