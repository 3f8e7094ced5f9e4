// Frozen in time: calendars and their yearly lists of days off, versioned (append-only).
import type { Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const id = pg ? 'uuid' : 'text';
  const instant = pg ? 'timestamptz' : 'text';
  const json = pg ? 'jsonb' : 'text';

  await db.schema
    .createTable('calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('calendars.id'))
    .addColumn('unit_id', id, (c) => c.references('units.id').unique())
    .addColumn('weekly_rest_days', json, (c) => c.notNull())
    .addColumn('make_up_days_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  // One row per version of a year's list; the newest version of (calendar, year) is in force. Rows are
  // never updated, so a dossier's due date can always be recomputed with the list known at the time.
  await db.schema
    .createTable('calendar_year_lists')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entries', json, (c) => c.notNull())
    .addColumn('sources', json, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', instant, (c) => c.notNull())
    .addColumn('recorded_by', id)
    .addUniqueConstraint('calendar_year_lists_version_unique', ['calendar_id', 'year', 'version'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The calendars migration cannot be reverted');
}
