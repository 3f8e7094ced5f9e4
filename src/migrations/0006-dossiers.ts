// Frozen in time: dossiers. dossier_events is the append-only truth; dossiers (with the folded state)
// and dossier_tasks are projections of it, written in the same transaction; dossier_code_counters
// numbers dossiers per receiving unit and day without gaps; idempotency_keys remember first answers.
import { sql, type Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const id = pg ? 'uuid' : 'text';
  const instant = pg ? 'timestamptz' : 'text';
  const json = pg ? 'jsonb' : 'text';

  await db.schema
    .createTable('dossiers')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('national_status', 'integer')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('receiving_unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('case_code', 'text', (c) => c.notNull())
    .addColumn('procedure_version_id', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('process_definition_id', id, (c) => c.references('process_definitions.id'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_number', 'text', (c) => c.notNull())
    .addColumn('submitted_at', instant)
    .addColumn('received_at', instant)
    .addColumn('due_at', instant)
    .addColumn('legal_due_at', instant)
    .addColumn('resolved_at', instant)
    .addColumn('returned_at', instant)
    .addColumn('timeliness', 'text')
    .addColumn('outcome', 'text')
    .addColumn('is_paused', 'integer', (c) => c.notNull())
    .addColumn('has_apology', 'integer', (c) => c.notNull())
    .addColumn('draft_token_hash', 'text')
    .addColumn('state', json, (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dossiers_unit_status_idx').on('dossiers').columns(['receiving_unit_id', 'status', 'received_at']).execute();
  await db.schema.createIndex('dossiers_status_due_idx').on('dossiers').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('dossiers_applicant_idx').on('dossiers').columns(['applicant_id_number']).execute();

  await db.schema
    .createTable('dossier_events')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('dossier_id', id, (c) => c.notNull().references('dossiers.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', instant, (c) => c.notNull())
    .addColumn('recorded_at', instant, (c) => c.notNull())
    .addColumn('actor_user_id', id)
    .addColumn('unit_id', id)
    .addColumn('payload', json, (c) => c.notNull())
    .addUniqueConstraint('dossier_events_seq_unique', ['dossier_id', 'seq'])
    .execute();

  await db.schema
    .createTable('dossier_tasks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('dossier_id', id, (c) => c.notNull().references('dossiers.id'))
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('assignee_id', id, (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('due_at', instant)
    .addColumn('finished_at', instant)
    .addColumn('timeliness', 'text')
    .execute();
  // Worklists: active tasks of a unit and role by due date; a person's own tasks.
  await db.schema.createIndex('dossier_tasks_worklist_idx').on('dossier_tasks').columns(['unit_id', 'status', 'role', 'due_at', 'id']).execute();
  await db.schema.createIndex('dossier_tasks_assignee_idx').on('dossier_tasks').columns(['assignee_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('dossier_tasks_dossier_idx').on('dossier_tasks').columns(['dossier_id']).execute();

  await db.schema
    .createTable('dossier_code_counters')
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last_nr', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_code_counters_pk', ['unit_id', 'day'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', json, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();

  if (pg) {
    await sql`create function dossier_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'dossier_events is append-only'; end $$`.execute(db);
    await sql`create trigger dossier_events_no_change before update or delete on dossier_events
      for each row execute function dossier_events_append_only()`.execute(db);
    // A numbered dossier is never deleted (cancel it with a reason).
    await sql`create function dossiers_keep_numbered() returns trigger language plpgsql as $$
      begin if old.code is not null then raise exception 'a numbered dossier is never deleted'; end if; return old; end $$`.execute(db);
    await sql`create trigger dossiers_no_delete_numbered before delete on dossiers
      for each row execute function dossiers_keep_numbered()`.execute(db);
  } else {
    await sql`create trigger dossier_events_no_update before update on dossier_events
      begin select raise(abort, 'dossier_events is append-only'); end`.execute(db);
    await sql`create trigger dossier_events_no_delete before delete on dossier_events
      begin select raise(abort, 'dossier_events is append-only'); end`.execute(db);
    await sql`create trigger dossiers_no_delete_numbered before delete on dossiers when old.code is not null
      begin select raise(abort, 'a numbered dossier is never deleted'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The dossiers migration cannot be reverted');
}
