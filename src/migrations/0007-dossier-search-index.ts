// Frozen in time: the staff search lists dossiers newest first; without an index covering that order,
// a system administrator's unfiltered search sorted every dossier (over 30 s at 1,000,000).
import type { Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('dossiers_created_idx').on('dossiers').columns(['created_at desc', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The dossier search index migration cannot be reverted');
}
