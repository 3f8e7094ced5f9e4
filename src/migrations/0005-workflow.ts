// Frozen in time: process definitions (quy trình nội bộ) per procedure case, versioned. A published
// version is never changed; a new version closes the previous one from its effective date.
import type { Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const id = pg ? 'uuid' : 'text';
  const instant = pg ? 'timestamptz' : 'text';
  const date = pg ? 'date' : 'text';
  const json = pg ? 'jsonb' : 'text';
  await db.schema
    .createTable('process_definitions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('case_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', json, (c) => c.notNull())
    .addColumn('total_hours', 'integer', (c) => c.notNull())
    .addColumn('effective_from', date)
    .addColumn('effective_to', date)
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('published_at', instant)
    .addColumn('published_by', id)
    .addUniqueConstraint('process_definitions_version_unique', ['procedure_code', 'case_code', 'version'])
    .execute();
  await db.schema.createIndex('process_definitions_in_force_idx').on('process_definitions').columns(['procedure_code', 'case_code', 'status', 'effective_from']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The workflow migration cannot be reverted');
}
