// Frozen in time: a dossier awaiting receipt (a draft, or submitted online and waiting for the desk) has no
// rows in dossier_units. No unit has taken part in it yet — the desk finds it by receiving unit and status in
// the dossiers table, as the "to receive" worklist always did — and online intake, the busiest write, then
// writes only the dossier and its events (the row and its two index entries were 5–9% of an intake's cost).
// That table's rows are written at receipt, refusal or request for a complete dossier (src/dossiers/dossier-units.repository.ts).
// The dossiers' (receiving unit, status) index ends with the creation instant and the id (the search's order)
// instead of the receipt instant (always empty while a dossier awaits receipt; no query ranges over it after the
// status): a desk's dossiers of one status are then read newest (or oldest) first from the index, without sorting
// every one of them — nor every one of an instant, as when a batch was imported or cloned at once.
import { sql, type Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  // A row's status is its dossier's (the projection `motcua verify` checks).
  await sql`delete from dossier_units where status in ('draft', 'submitted')`.execute(db);
  await db.schema.dropIndex('dossiers_unit_status_idx').execute();
  await db.schema.createIndex('dossiers_unit_status_idx').on('dossiers').columns(['receiving_unit_id', 'status', 'created_at desc', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The awaiting-receipt migration cannot be reverted');
}
