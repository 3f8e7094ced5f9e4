// Frozen in time: the units that took part in each dossier (received it, or hold one of its steps), with the
// dossier's status and creation instant copied beside them. The staff search lists a unit's dossiers,
// newest first, optionally by status; asked of the dossiers table (received here, OR a step here by a
// correlated EXISTS on the tasks) it read every dossier of that status, row by row: 11.6 s to count one
// desk's returned dossiers with 1,000,000 stored. Here a unit's dossiers are one index range, counted and
// paged in index order. Maintained in the write transaction of every dossier write, like the report counters
// (src/dossiers/dossier-units.repository.ts); no foreign keys, as for the counters: the rows are a projection
// that `motcua verify` checks, and a dossier is never deleted.
import { sql, type Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  await db.schema
    .createTable('dossier_units')
    .addColumn('dossier_id', pg ? 'uuid' : 'text', (c) => c.notNull())
    .addColumn('unit_id', pg ? 'uuid' : 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // The dossier row's created_at: the search's order ("newest first"), the same as before this table.
    .addColumn('created_at', pg ? 'timestamptz' : 'text', (c) => c.notNull())
    // The dossier's receiving unit (never changes): someone who sees several units counts each dossier once — the
    // rows received in one of them, plus the others de-duplicated — reading the indexes alone.
    .addColumn('receiving_unit_id', pg ? 'uuid' : 'text', (c) => c.notNull())
    // A rowid table on SQLite, not WITHOUT ROWID: a status change then rewrites a short row and the status index,
    // not the wide primary-key b-tree (10.5 against 13.8 µs per update measured).
    .addPrimaryKeyConstraint('dossier_units_pk', ['dossier_id', 'unit_id'])
    .execute();
  // Existing dossiers: the receiving unit, then every other unit holding one of its steps.
  await sql`insert into dossier_units (dossier_id, unit_id, status, created_at, receiving_unit_id)
    select id, receiving_unit_id, status, created_at, receiving_unit_id from dossiers`.execute(db);
  await sql`insert into dossier_units (dossier_id, unit_id, status, created_at, receiving_unit_id)
    select distinct t.dossier_id, t.unit_id, d.status, d.created_at, d.receiving_unit_id
    from dossier_tasks t join dossiers d on d.id = t.dossier_id
    where t.unit_id <> d.receiving_unit_id`.execute(db);
  // Built after the rows are in (one sort rather than a million random inserts).
  await db.schema.createIndex('dossier_units_unit_idx').on('dossier_units').columns(['unit_id', 'created_at desc', 'dossier_id', 'receiving_unit_id']).execute();
  await db.schema.createIndex('dossier_units_unit_status_idx').on('dossier_units').columns(['unit_id', 'status', 'created_at desc', 'dossier_id', 'receiving_unit_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The dossier units migration cannot be reverted');
}
