// Frozen in time: the procedure catalogue (thủ tục hành chính). A procedure has a stable id and code;
// its content lives in numbered versions, drafts first, then published with the dates they are in force.
// The database refuses to change a published version (except closing its open end once) or to delete it.
import { sql, type Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const id = pg ? 'uuid' : 'text';
  const instant = pg ? 'timestamptz' : 'text';
  const date = pg ? 'date' : 'text';
  const json = pg ? 'jsonb' : 'text';

  await db.schema
    .createTable('procedures')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('procedure_versions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('procedure_id', id, (c) => c.notNull().references('procedures.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_from', date)
    .addColumn('effective_to', date)
    // Copies of document fields that lists filter and sort on.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('field_name', 'text', (c) => c.notNull())
    .addColumn('levels', 'text', (c) => c.notNull()) // ',province,commune,'
    .addColumn('online_level', 'text', (c) => c.notNull())
    // Derived search columns (words without diacritics, space-delimited): may be recomputed.
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('document', json, (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('published_at', instant)
    .addUniqueConstraint('procedure_versions_number_unique', ['procedure_id', 'version'])
    .execute();
  // Versions in force on a date, for all procedures (lists) and for one (dossier intake).
  await db.schema.createIndex('procedure_versions_in_force_idx').on('procedure_versions').columns(['status', 'effective_from', 'effective_to']).execute();
  await db.schema.createIndex('procedure_versions_procedure_idx').on('procedure_versions').columns(['procedure_id', 'status', 'effective_from']).execute();
  await db.schema.createIndex('procedure_versions_field_idx').on('procedure_versions').columns(['field_code', 'status']).execute();

  // Implementing units of a version (for the filter, and so that a unit in use cannot be deleted).
  await db.schema
    .createTable('procedure_version_units')
    .addColumn('version_id', id, (c) => c.notNull().references('procedure_versions.id'))
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('procedure_version_units_pk', ['version_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('procedure_version_units_unit_idx').on('procedure_version_units').columns(['unit_id', 'version_id']).execute();

  if (pg) {
    await sql`create function procedure_versions_published_immutable() returns trigger language plpgsql as $$
      begin
        if old.status <> 'published' then
          if tg_op = 'DELETE' then return old; end if;
          return new;
        end if;
        if tg_op = 'DELETE' then raise exception 'published procedure versions are immutable'; end if;
        if row(new.id, new.procedure_id, new.version, new.status, new.effective_from, new.name, new.field_code, new.field_name,
               new.levels, new.online_level, new.document, new.revision, new.created_at, new.updated_at, new.published_at)
           is distinct from
           row(old.id, old.procedure_id, old.version, old.status, old.effective_from, old.name, old.field_code, old.field_name,
               old.levels, old.online_level, old.document, old.revision, old.created_at, old.updated_at, old.published_at)
           or (old.effective_to is not null and new.effective_to is distinct from old.effective_to) then
          raise exception 'published procedure versions are immutable';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger procedure_versions_immutable before update or delete on procedure_versions
      for each row execute function procedure_versions_published_immutable()`.execute(db);
    await sql`create function procedure_version_units_published_immutable() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from procedure_versions v where v.id = old.version_id and v.status = 'published') then
          raise exception 'published procedure versions are immutable';
        end if;
        return old;
      end $$`.execute(db);
    await sql`create trigger procedure_version_units_immutable before delete on procedure_version_units
      for each row execute function procedure_version_units_published_immutable()`.execute(db);
  } else {
    // RAISE(ABORT) undoes only the offending statement (never ROLLBACK: it would break group commit).
    await sql`create trigger procedure_versions_immutable before update on procedure_versions
      when old.status = 'published' and (
        new.id is not old.id or new.procedure_id is not old.procedure_id or new.version is not old.version
        or new.status is not old.status or new.effective_from is not old.effective_from or new.name is not old.name
        or new.field_code is not old.field_code or new.field_name is not old.field_name or new.levels is not old.levels
        or new.online_level is not old.online_level or new.document is not old.document or new.revision is not old.revision
        or new.created_at is not old.created_at or new.updated_at is not old.updated_at or new.published_at is not old.published_at
        or (old.effective_to is not null and new.effective_to is not old.effective_to))
      begin select raise(abort, 'published procedure versions are immutable'); end`.execute(db);
    await sql`create trigger procedure_versions_no_delete before delete on procedure_versions
      when old.status = 'published'
      begin select raise(abort, 'published procedure versions are immutable'); end`.execute(db);
    await sql`create trigger procedure_version_units_immutable before delete on procedure_version_units
      when (select status from procedure_versions where id = old.version_id) = 'published'
      begin select raise(abort, 'published procedure versions are immutable'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The catalogue migration cannot be reverted');
}
