// Frozen in time: the dossiers' (receiving unit, status, created_at desc, id) index also holds the channel, last.
// A desk's own drafts (photos sent by messaging, postal hand-overs) are the drafts whose channel is not online:
// the staff search and the "to receive" worklist counted and paged them by reading the row of every draft of the
// unit, citizens' abandoned online drafts included (117 ms for a unit with 19,500 drafts); with the channel in the
// index they are found, counted and ordered from the index alone.
import type { Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.dropIndex('dossiers_unit_status_idx').execute();
  await db.schema.createIndex('dossiers_unit_status_idx').on('dossiers').columns(['receiving_unit_id', 'status', 'created_at desc', 'id', 'channel']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The awaiting-channel migration cannot be reverted');
}
