// Frozen in time: the jobs table (one queue for everything that happens later or elsewhere: document
// issuing, report rebuilds, scheduled deadline checks, notifications) and the notifications outbox.
// A job is enqueued in the business write transaction; a worker claims it under a lease (token + expiry),
// only the lease holder can finish it; failures retry with backoff until `dead` (reason, attempts, payload kept).
import { sql, type Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const id = pg ? 'uuid' : 'text';
  const instant = pg ? 'timestamptz' : 'text';
  const json = pg ? 'jsonb' : 'text';

  await db.schema
    .createTable('jobs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', json, (c) => c.notNull())
    // Unique per kind: enqueueing the same work twice (two nodes, a retried command) stores one job.
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', instant, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_token', 'text')
    .addColumn('lease_expires_at', instant)
    .addColumn('last_error', 'text')
    .addColumn('dead_reason', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('finished_at', instant)
    .addUniqueConstraint('jobs_kind_key_unique', ['kind', 'idempotency_key'])
    .addCheckConstraint('jobs_state_check', sql`state in ('queued', 'running', 'done', 'dead')`)
    .execute();
  // Claiming: queued jobs that are due, and running jobs whose lease expired.
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['state', 'run_at']).execute();
  await db.schema.createIndex('jobs_lease_idx').on('jobs').columns(['state', 'lease_expires_at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', id, (c) => c.primaryKey())
    // One message per reason: the job's idempotency key (dossier + day + kind), so a retry never sends twice.
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_user_id', id, (c) => c.references('users.id'))
    .addColumn('dossier_id', id, (c) => c.references('dossiers.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('sent_at', instant)
    .execute();
  await db.schema.createIndex('notifications_dossier_idx').on('notifications').columns(['dossier_id', 'created_at']).execute();
}
