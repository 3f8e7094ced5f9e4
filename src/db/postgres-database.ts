// PostgreSQL: ordinary per-call transactions behind the same write path (PostgreSQL group-commits itself).
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, sql, type DialectAdapter, type PostgresPool } from 'kysely';
import { AppError } from '../errors/app-error.js';
import type { PostgresDatabaseConfig } from '../config/config.js';
import { EARLY_ACK_COMMIT_DELAY_MS, sleep, type CrashPoints } from './crash-points.js';
import type { Database, Executor } from './database.js';
import { MIGRATION_LOCK_KEY } from './migrate.js';
import type { DB } from './schema.js';

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;
const INT8_OID = 20;

// Same value shapes as SQLite: instants as ISO-8601 UTC strings, dates as 'YYYY-MM-DD', counts as numbers.
const parsers: Record<number, (value: string) => unknown> = {
  [TIMESTAMPTZ_OID]: (value) => new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(),
  [TIMESTAMP_OID]: (value) => new Date(`${value.replace(' ', 'T')}Z`).toISOString(),
  [DATE_OID]: (value) => value,
  [INT8_OID]: (value) => Number(value),
};

export function createPostgresPool(config: PostgresDatabaseConfig): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax,
    // Admission: a request waits this long at most for a connection, then is refused (see admittingPool).
    connectionTimeoutMillis: config.poolWaitMaxMs, // 0: no limit
    options: '-c TimeZone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: string) => parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (restart, failover, pg_terminate_backend) is dropped from the pool
  // and replaced on the next query; without a listener its 'error' would crash the process.
  pool.on('error', () => {});
  return pool;
}

/**
 * Kysely's PostgreSQL adapter locks migrations with a session-level pg_advisory_lock taken outside the migration
 * transaction; MotCua takes only transaction-scoped locks (PgBouncer's transaction pooling may run the lock and
 * the unlock on different server connections). `migrateToLatest` runs the migrator inside its own transaction,
 * so this lock lasts until that transaction ends and there is nothing to release.
 */
class TransactionLockPostgresAdapter extends PostgresAdapter {
  override async acquireMigrationLock(db: Parameters<PostgresAdapter['acquireMigrationLock']>[0]): Promise<void> {
    await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(db);
  }
  override async releaseMigrationLock(): Promise<void> {}
}

/** PostgreSQL as MotCua speaks it: Kysely's dialect with transaction-scoped migration locks. */
export class MotcuaPostgresDialect extends PostgresDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionLockPostgresAdapter();
  }
}

/** pg-pool's message when a request waited connectionTimeoutMillis in its queue for a free connection. */
const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';

/**
 * The pool as Kysely sees it, with admission: when `maxWaiting` requests already wait for a connection a new
 * one is refused at once, and one that waited `poolWaitMaxMs` in vain is refused too — both SERVICE_OVERLOADED
 * (503 + Retry-After), before any statement ran, so a refused request did nothing.
 */
export function admittingPool(pool: pg.Pool, maxWaiting: number): PostgresPool {
  const overloaded = () => new AppError('SERVICE_OVERLOADED', { reason: 'database_pool', retryAfterSeconds: 1 });
  return {
    async connect() {
      // Requests already queued that no idle connection or room for a new one will serve (pg-pool hands idle
      // connections out on the next tick, so queued requests and idle connections offset each other).
      const unserved = pool.waitingCount - pool.idleCount - Math.max(0, (pool.options.max ?? 10) - pool.totalCount);
      if (unserved >= maxWaiting) throw overloaded();
      try {
        return await pool.connect();
      } catch (error) {
        if (error instanceof Error && error.message === POOL_WAIT_TIMEOUT) throw overloaded();
        throw error;
      }
    },
    end: () => pool.end(),
  };
}

export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  readonly reader: Executor;

  private constructor(
    private readonly pool: pg.Pool,
    maxWaiting: number,
    private readonly crashPoints: CrashPoints | undefined,
  ) {
    this.reader = new Kysely<DB>({ dialect: new MotcuaPostgresDialect({ pool: admittingPool(pool, maxWaiting) }) });
  }

  static open(config: PostgresDatabaseConfig, crashPoints?: CrashPoints): PostgresDatabase {
    return new PostgresDatabase(createPostgresPool(config), config.poolMaxWaiting, crashPoints);
  }

  /** Connections of the pool in use and requests waiting for one. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  runInWriteTx<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    const crash = this.crashPoints;
    if (!crash) return this.reader.transaction().execute(fn);
    if (crash.acknowledgesBeforeCommit) return this.acknowledgeBeforeCommit(fn);
    return this.reader
      .transaction()
      .execute(async (tx) => {
        const value = await fn(tx);
        crash.beforeCommit(); // Kysely sends COMMIT when this callback returns
        return value;
      })
      .then((value) => {
        crash.afterCommit();
        return value;
      });
  }

  /** The negative control's deliberate bug (test-only): answer when the work is done, COMMIT later. */
  private acknowledgeBeforeCommit<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.reader
        .transaction()
        .execute(async (tx) => {
          const value = await fn(tx);
          resolve(value);
          await sleep(EARLY_ACK_COMMIT_DELAY_MS);
          return value;
        })
        .catch(reject);
    });
  }

  runInReadSnapshot<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.reader.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
  }

  /** Returns the durability settings that production refuses to run without. */
  async durabilitySettings(): Promise<{ fsync: string; synchronousCommit: string }> {
    const fsync = await sql<{ fsync: string }>`show fsync`.execute(this.reader);
    const syncCommit = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(this.reader);
    return { fsync: fsync.rows[0]!.fsync, synchronousCommit: syncCommit.rows[0]!.synchronous_commit };
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.reader);
  }

  private closing: Promise<void> | undefined;

  close(): Promise<void> {
    this.closing ??= this.reader.destroy();
    return this.closing;
  }
}
