// Frozen in time: the report counters. One row per receiving unit, bucket (a day, or a month), procedure
// version, channel and receiving officer, with one column per measure. They are maintained in the same
// write transaction as the dossier projection (the difference between a dossier's contributions before
// and after a command), so a report sums a few thousand rows however many dossiers there are.
import { sql, type Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export const MEASURE_COLUMNS_0008 = [
  'received',
  'ended_early',
  'ended_on_time',
  'ended_late',
  'refused',
  'withdrawn',
  'stopped',
  'ended_minutes',
  'due',
  'due_met',
  'ended_after_due',
  'supplement_started',
  'supplement_ended',
  'payment_started',
  'payment_ended',
  'refused_at_receipt',
  'returned_for_completion',
] as const;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  let table = db.schema
    .createTable('report_counters')
    .addColumn('unit_id', pg ? 'uuid' : 'text', (c) => c.notNull())
    // 'd': bucket is a day 'YYYY-MM-DD'; 'm': bucket is a month 'YYYY-MM' (Vietnam's legal dates).
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('procedure_version_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'integer', (c) => c.notNull())
    // The desk officer who received the dossier; '' when none (not received, or imported without one).
    .addColumn('officer_id', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull());
  for (const column of MEASURE_COLUMNS_0008) table = table.addColumn(column, pg ? 'bigint' : 'integer', (c) => c.notNull().defaultTo(0));
  // SQLite: clustered on the key (WITHOUT ROWID), so a report's range of buckets is read in place.
  await table
    .addPrimaryKeyConstraint('report_counters_pk', ['unit_id', 'grain', 'bucket', 'procedure_version_id', 'channel', 'officer_id'])
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  if (pg) await sql`alter table report_counters set (fillfactor = 80)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_counters').execute();
}
