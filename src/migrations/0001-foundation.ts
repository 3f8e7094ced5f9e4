// Frozen in time: never edit a migration that has shipped; add a new one. Uses Kysely<any> and
// imports no application code, so later changes to the app cannot change what this migration did.
import { sql, type Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const id = pg ? 'uuid' : 'text';
  const instant = pg ? 'timestamptz' : 'text';
  const date = pg ? 'date' : 'text';
  const json = pg ? 'jsonb' : 'text';

  await db.schema
    .createTable('units')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('office_hours', json, (c) => c.notNull())
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('successor_id', id, (c) => c.references('units.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_type_idx').on('units').columns(['type', 'code']).execute();

  await db.schema
    .createTable('unit_parent_links')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('parent_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .execute();
  await db.schema.createIndex('unit_parent_links_parent_idx').on('unit_parent_links').columns(['parent_id', 'valid_from']).execute();
  await db.schema.createIndex('unit_parent_links_unit_idx').on('unit_parent_links').columns(['unit_id', 'valid_from']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_system_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('role_assignments_unique', ['user_id', 'unit_id', 'role'])
    .execute();
  await db.schema.createIndex('role_assignments_unit_idx').on('role_assignments').columns(['unit_id', 'role']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('last_seen_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('occurred_at', instant, (c) => c.notNull())
    .addColumn('actor_user_id', id)
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('details', json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();

  if (pg) {
    // The audit log is append-only: the database itself refuses to change or delete a row.
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    // RAISE(ABORT) undoes only the offending statement (never ROLLBACK: it would break group commit).
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted');
}
