// PostgreSQL: ordinary per-call transactions behind the same write path (PostgreSQL group-commits itself).
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, sql, type DialectAdapter } from 'kysely';
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

export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  readonly reader: Executor;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly crashPoints: CrashPoints | undefined,
  ) {
    this.reader = new Kysely<DB>({ dialect: new MotcuaPostgresDialect({ pool }) });
  }

  static open(config: PostgresDatabaseConfig, crashPoints?: CrashPoints): PostgresDatabase {
    return new PostgresDatabase(createPostgresPool(config), crashPoints);
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
