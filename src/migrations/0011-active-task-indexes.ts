// Frozen in time: the worklist indexes of dossier_tasks hold active tasks only. Every worklist asks for
// `status = 'active'`, but finished and cancelled tasks stayed in both indexes for ever: the indexes grew with
// every task ever started, and finishing a task moved its entry into the 'done' part at a place set by its
// due date — a page written per finished task that no query reads. Partial indexes keep what the worklists
// read; a finished task's entry is only removed, from the small part of the index every command touches.
// The assignee index also leaves out unassigned tasks (its query always names an assignee).
import { sql, type Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.dropIndex('dossier_tasks_worklist_idx').execute();
  await db.schema.dropIndex('dossier_tasks_assignee_idx').execute();
  await db.schema
    .createIndex('dossier_tasks_active_worklist_idx')
    .on('dossier_tasks')
    .columns(['unit_id', 'role', 'due_at', 'id'])
    .where(sql<boolean>`status = 'active'`)
    .execute();
  await db.schema
    .createIndex('dossier_tasks_active_assignee_idx')
    .on('dossier_tasks')
    .columns(['assignee_id', 'due_at', 'id'])
    .where(sql<boolean>`status = 'active' and assignee_id is not null`)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The active task indexes migration cannot be reverted');
}
