// Frozen in time: office hours change from a date on. units.office_hours keeps the hours the unit
// started with; each later schedule is a row here, so a change never rewrites the past.
import type { Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  await db.schema
    .createTable('unit_office_hours_changes')
    .addColumn('unit_id', pg ? 'uuid' : 'text', (c) => c.notNull().references('units.id'))
    .addColumn('valid_from', pg ? 'date' : 'text', (c) => c.notNull())
    .addColumn('sessions', pg ? 'jsonb' : 'text', (c) => c.notNull())
    .addColumn('recorded_at', pg ? 'timestamptz' : 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_office_hours_changes_pk', ['unit_id', 'valid_from'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The unit office hours migration cannot be reverted');
}
