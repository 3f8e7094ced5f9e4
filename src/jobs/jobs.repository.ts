// The jobs table: enqueue in the caller's transaction, claim under a lease, finish only with the lease.
// Claiming differs by dialect: PostgreSQL locks the chosen rows with FOR UPDATE SKIP LOCKED, so workers on
// many nodes take different jobs without waiting on each other; SQLite has one writer, so the same
// UPDATE … RETURNING inside the write path is already exclusive.
import type { Selectable } from 'kysely';
import { readJson, writeJson, type Dialect, type Executor } from '../db/database.js';
import { PreparedQuery, type Param } from '../db/prepared.js';
import type { JobsTable } from '../db/schema.js';
import { DEFAULT_MAX_ATTEMPTS, type EnqueueRequest, type Job, type JobState } from './job.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: readJson(row.payload),
    idempotencyKey: row.idempotency_key,
    state: row.state as JobState,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    leaseOwner: row.lease_owner,
    leaseToken: row.lease_token,
    leaseExpiresAt: row.lease_expires_at,
    lastError: row.last_error,
    deadReason: row.dead_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export interface Lease {
  readonly owner: string;
  readonly token: string;
  readonly expiresAt: string;
}

/** Enqueued inside dossier commands (a receipt calls for a form): compiled once (src/db/prepared.ts). */
const enqueueJob = new PreparedQuery((db, param: Param<'id' | 'kind' | 'payload' | 'idempotency_key' | 'max_attempts' | 'run_at' | 'now'>) =>
  db
    .insertInto('jobs')
    .values({
      id: param('id'),
      kind: param('kind'),
      payload: param('payload'),
      idempotency_key: param('idempotency_key'),
      state: 'queued',
      attempts: 0,
      max_attempts: param('max_attempts'),
      run_at: param('run_at'),
      created_at: param('now'),
      updated_at: param('now'),
    })
    .onConflict((oc) => oc.columns(['kind', 'idempotency_key']).doNothing())
    .returning('id'),
);

export class JobsRepository {
  constructor(
    private readonly db: Executor,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Stores a job unless one of the same kind and idempotency key exists (then nothing changes). Call it
   * inside the business write so the job exists if and only if the business change committed.
   */
  async enqueue(request: EnqueueRequest, now: string): Promise<{ id: string; created: boolean }> {
    const [row] = (
      await enqueueJob.execute(this.db, {
        id: timeOrderedId(),
        kind: request.kind,
        payload: writeJson(request.payload ?? null),
        idempotency_key: request.idempotencyKey,
        max_attempts: request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        run_at: request.runAt ?? now,
        now,
      })
    ).rows;
    if (row) return { id: row.id, created: true };
    const existing = await this.db.selectFrom('jobs').select('id').where('kind', '=', request.kind).where('idempotency_key', '=', request.idempotencyKey).executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }

  /**
   * Takes up to `limit` jobs that are due (queued with run_at ≤ now, or running with an expired lease: their
   * worker died) under a new lease, counting an attempt each. Jobs whose lease expired on their last attempt
   * go dead instead (a job that kills its worker every time must not be retried forever). Only `kinds`
   * this worker has handlers for: during a rolling upgrade an older node leaves newer kinds alone.
   */
  async claim(limit: number, lease: Lease, now: string, kinds: readonly string[]): Promise<Job[]> {
    await this.db
      .updateTable('jobs')
      .set({ state: 'dead', dead_reason: 'lease_expired', last_error: 'the worker holding the lease stopped answering on the last attempt', lease_owner: null, lease_token: null, lease_expires_at: null, finished_at: now, updated_at: now })
      .where('state', '=', 'running')
      .where('lease_expires_at', '<=', now)
      .whereRef('attempts', '>=', 'max_attempts')
      .where('kind', 'in', kinds)
      .execute();
    let due = this.db
      .selectFrom('jobs')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<=', now)])]))
      .where('kind', 'in', kinds)
      .orderBy('run_at')
      .limit(limit);
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', attempts: eb('attempts', '+', 1), lease_owner: lease.owner, lease_token: lease.token, lease_expires_at: lease.expiresAt, updated_at: now }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toJob).sort((a, b) => a.runAt.localeCompare(b.runAt));
  }

  /** Extends a lease still held; false if it was lost. */
  async renew(id: string, token: string, expiresAt: string, now: string): Promise<boolean> {
    const result = await this.db.updateTable('jobs').set({ lease_expires_at: expiresAt, updated_at: now }).where('id', '=', id).where('lease_token', '=', token).where('state', '=', 'running').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks the job done if this lease still holds it; false otherwise (another worker took it over). */
  async complete(id: string, token: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ state: 'done', lease_owner: null, lease_token: null, lease_expires_at: null, last_error: null, finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('lease_token', '=', token)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A failed attempt: back to the queue at `retryAt`, or dead with a reason when `retryAt` is null. */
  async fail(id: string, token: string, failure: { error: string; retryAt: string | null; deadReason: string | null }, now: string): Promise<boolean> {
    const dead = failure.retryAt === null;
    const result = await this.db
      .updateTable('jobs')
      .set({
        state: dead ? 'dead' : 'queued',
        ...(dead ? { dead_reason: failure.deadReason ?? 'failed', finished_at: now } : { run_at: failure.retryAt! }),
        last_error: failure.error,
        lease_owner: null,
        lease_token: null,
        lease_expires_at: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('lease_token', '=', token)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async find(id: string): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  async findByKey(kind: string, idempotencyKey: string): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    return row && toJob(row);
  }

  /** Jobs in a state, most recently changed first; optionally of one kind. */
  async list(filter: { state?: JobState; kind?: string; limit: number }): Promise<Job[]> {
    let query = this.db.selectFrom('jobs').selectAll();
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    const rows = await query.orderBy('updated_at', 'desc').orderBy('id').limit(filter.limit).execute();
    return rows.map(toJob);
  }

  async countByState(): Promise<Record<JobState, number>> {
    const rows = await this.db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
    for (const row of rows) counts[row.state as JobState] = Number(row.n);
    return counts;
  }

  /** A dead job queued again with a fresh allowance of attempts; false if it is not dead (any more). */
  async replay(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ state: 'queued', attempts: 0, run_at: now, dead_reason: null, finished_at: null, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'dead')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
