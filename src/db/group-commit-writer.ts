// Group commit for SQLite's single write connection.
//
// One fsync per COMMIT is the cost of durability. Logical transactions that arrive together share one
// physical transaction: BEGIN IMMEDIATE, then each one inside its own SAVEPOINT (so a failure rolls back
// only itself), then one COMMIT. Callers are answered only once that COMMIT is durable: when it returns
// (synchronous=FULL), or when the `durable` hook says so (WalSync: the fsync off the event loop; the next
// batch runs meanwhile).
// If SQLite rolls back the whole transaction (SQLITE_FULL, IOERR, BUSY…) or the COMMIT fails, every
// logical transaction of the batch gets the error: none of them is durable.
//
// Admission: a write arriving when too many are waiting, or when the oldest waiting one has waited too long,
// is refused at once with SERVICE_OVERLOADED (503 + Retry-After) instead of joining a queue it would time
// out in. A refused write never started: it did nothing.
import { AppError } from '../errors/app-error.js';
import { CompiledQuery, type ControlledTransaction, type Kysely } from 'kysely';
import { EARLY_ACK_COMMIT_DELAY_MS, sleep, type CrashPoints } from './crash-points.js';
import { runDirectlyOn, type DirectRunner } from './prepared.js';
import type { DB } from './schema.js';

interface PendingWrite {
  readonly fn: (tx: Kysely<DB>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** performance.now() when it was queued. */
  readonly queuedAt: number;
}

interface Options {
  /** Most logical transactions in one physical transaction. */
  readonly maxBatchSize: number;
  /** After this many ms, no new logical transaction joins the running batch. */
  readonly maxBatchMs: number;
  /** Test-only fault injection around COMMIT (the crash suite). */
  readonly crashPoints?: CrashPoints | undefined;
  /** Most writes waiting (not yet started); a new one beyond it is refused. Default: no limit. */
  readonly maxQueueDepth?: number;
  /** A new write is refused while the oldest waiting one has waited longer than this (ms). Default: no limit. */
  readonly maxQueueAgeMs?: number;
  /** Called right after each COMMIT; the batch's writers are answered when it resolves. Default: at once. */
  readonly durable?: () => Promise<void>;
  /** An error when no write may run any more (the disk failed an fsync); checked before each write. */
  readonly broken?: () => unknown;
  /** Runs a batch's statements on its connection directly (SQLite, prepared.ts): given each batch's transaction. */
  readonly direct?: DirectRunner;
}

/** Seconds a refused writer is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 1;

export class BatchRolledBackError extends Error {
  constructor(override readonly cause: unknown) {
    super('The write batch was rolled back by the database; this transaction was not committed', { cause });
    this.name = 'BatchRolledBackError';
  }
}

export interface WriterStats {
  /** Physical transactions committed. */
  committedBatches: number;
  /** Logical transactions committed. */
  committedWrites: number;
  /** Physical transactions lost whole (rolled back by SQLite or failed at COMMIT). */
  lostBatches: number;
  /** Logical transactions refused at admission (queue too deep or too old); none of them started. */
  refusedWrites: number;
}

export class GroupCommitWriter {
  readonly stats: WriterStats = { committedBatches: 0, committedWrites: 0, lostBatches: 0, refusedWrites: 0 };
  private readonly queue: PendingWrite[] = [];
  private isScheduled = false;
  private running: Promise<void> | undefined;
  /** Batches committed, waiting for `durable`. */
  private readonly syncing = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly isInTransaction: () => boolean,
    private readonly options: Options,
  ) {}

  run<T>(fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
    // After a failed fsync nothing new is committed: it could be read, and replayed to a retrying writer, without being on disk.
    const broken = this.options.broken?.();
    if (broken) return Promise.reject(broken instanceof Error ? broken : new Error(String(broken)));
    const now = performance.now();
    if (this.isOverloaded(now)) {
      this.stats.refusedWrites++;
      return Promise.reject(new AppError('SERVICE_OVERLOADED', { reason: 'write_queue', retryAfterSeconds: RETRY_AFTER_SECONDS }));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject, queuedAt: now });
      this.schedule();
    });
  }

  /** Writes waiting to start (not counting the batch running now). */
  get queueDepth(): number {
    return this.queue.length;
  }

  private isOverloaded(now: number): boolean {
    const { maxQueueDepth, maxQueueAgeMs } = this.options;
    if (maxQueueDepth !== undefined && this.queue.length >= maxQueueDepth) return true;
    const oldest = this.queue[0];
    return maxQueueAgeMs !== undefined && oldest !== undefined && now - oldest.queuedAt > maxQueueAgeMs;
  }

  /** Resolves when every write queued so far has been committed (and answered) or rejected. */
  async drain(): Promise<void> {
    while (this.running || this.isScheduled || this.queue.length > 0 || this.syncing.size > 0) {
      if (this.running) await this.running;
      else if (this.syncing.size > 0) await Promise.all(this.syncing);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedule(): void {
    if (this.isScheduled || this.running) return;
    this.isScheduled = true;
    // setImmediate: everything queued during this event-loop turn lands in the same batch.
    setImmediate(() => {
      this.isScheduled = false;
      this.running = this.runBatches().finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async runBatches(): Promise<void> {
    while (this.queue.length > 0) {
      await this.runOneBatch();
      // better-sqlite3 is synchronous: without a turn between batches a long queue would be drained without the
      // event loop reading a socket (or shedding a request) meanwhile. Writes arriving meanwhile join the next batch.
      if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async runOneBatch(): Promise<void> {
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      // Could not even take the write lock: nobody queued now can be served.
      for (const pending of this.queue.splice(0)) pending.reject(error);
      return;
    }

    if (this.options.direct) runDirectlyOn(trx, this.options.direct);
    const startedAt = performance.now();
    const done: Array<{ pending: PendingWrite; value: unknown }> = [];
    let count = 0;
    while (this.queue.length > 0 && count < this.options.maxBatchSize && performance.now() - startedAt < this.options.maxBatchMs) {
      const pending = this.queue.shift()!;
      const name = `w${count++}`;
      const outcome = await this.runInSavepoint(trx, name, pending);
      if (outcome.kind === 'committed-pending') done.push({ pending, value: outcome.value });
      else if (outcome.kind === 'failed') pending.reject(outcome.error);
      else {
        // SQLite rolled back the whole physical transaction: nothing in this batch is durable.
        pending.reject(outcome.error);
        for (const d of done) d.pending.reject(new BatchRolledBackError(outcome.error));
        this.stats.lostBatches++;
        await rollbackQuietly(trx);
        return;
      }
    }

    const crash = this.options.crashPoints;
    if (crash?.acknowledgesBeforeCommit) {
      // The negative control's deliberate bug: answer first, commit later.
      for (const d of done) d.pending.resolve(d.value);
      await sleep(EARLY_ACK_COMMIT_DELAY_MS);
    }
    try {
      crash?.beforeCommit();
      await trx.commit().execute();
      crash?.afterCommit();
    } catch (error) {
      for (const d of done) d.pending.reject(error);
      this.stats.lostBatches++;
      await rollbackQuietly(trx);
      return;
    }
    this.stats.committedBatches++;
    this.stats.committedWrites += done.length;
    if (!this.options.durable) {
      for (const d of done) d.pending.resolve(d.value);
      return;
    }
    const answered = this.options.durable().then(
      () => {
        for (const d of done) d.pending.resolve(d.value);
      },
      (error: unknown) => {
        // Committed, but not known to be on disk: not acknowledged (a retry with the same idempotency key finds it).
        this.stats.lostBatches++;
        for (const d of done) d.pending.reject(error);
      },
    );
    this.syncing.add(answered);
    void answered.finally(() => this.syncing.delete(answered));
  }

  private async runInSavepoint(
    trx: ControlledTransaction<DB>,
    name: string,
    pending: PendingWrite,
  ): Promise<{ kind: 'committed-pending'; value: unknown } | { kind: 'failed' | 'batch-lost'; error: unknown }> {
    // The savepoint statements run as raw SQL on the batch's transaction (one connection): Kysely's savepoint
    // objects cost more than the statements themselves, twice per write.
    const statements = savepointStatements(name);
    let inSavepoint = false;
    try {
      await this.runStatement(trx, statements.begin);
      inSavepoint = true;
      const value = await pending.fn(trx);
      await this.runStatement(trx, statements.release);
      return { kind: 'committed-pending', value };
    } catch (error) {
      if (!this.isInTransaction()) return { kind: 'batch-lost', error };
      try {
        if (inSavepoint) {
          await this.runStatement(trx, statements.rollback);
          await this.runStatement(trx, statements.release);
        }
      } catch {
        return { kind: 'batch-lost', error };
      }
      return this.isInTransaction() ? { kind: 'failed', error } : { kind: 'batch-lost', error };
    }
  }

  private runStatement(trx: ControlledTransaction<DB>, statement: CompiledQuery): unknown {
    const direct = this.options.direct;
    return direct ? direct(statement.sql, statement.parameters) : trx.executeQuery(statement);
  }
}

const savepoints = new Map<string, { begin: CompiledQuery; release: CompiledQuery; rollback: CompiledQuery }>();

/** The three statements of a savepoint, made once per name (names are w0, w1… up to the batch size). */
function savepointStatements(name: string) {
  let statements = savepoints.get(name);
  if (!statements) {
    statements = { begin: CompiledQuery.raw(`savepoint "${name}"`), release: CompiledQuery.raw(`release "${name}"`), rollback: CompiledQuery.raw(`rollback to "${name}"`) };
    savepoints.set(name, statements);
  }
  return statements;
}

async function rollbackQuietly(trx: ControlledTransaction<DB>): Promise<void> {
  try {
    await trx.rollback().execute();
  } catch {
    // Already rolled back by SQLite; Kysely releases the connection either way.
  }
}
