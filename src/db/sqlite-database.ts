// Embedded SQLite: one write connection with group commit, one read-only connection.
import fs from 'node:fs';
import path from 'node:path';
import SqliteConnection from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
import type { SqliteDatabaseConfig } from '../config/config.js';
import type { CrashPoints } from './crash-points.js';
import type { Database, Executor } from './database.js';
import { GroupCommitWriter, type WriterStats } from './group-commit-writer.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, WalCheckpointer, type CheckpointerStats } from './wal-checkpointer.js';
import { runDirectlyOn, type DirectRunner } from './prepared.js';
import { WalSync } from './wal-sync.js';
import type { DB } from './schema.js';

/** Transactions take the write lock up front, so two writers never deadlock on a lock upgrade. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite runs DDL inside transactions; telling Kysely so makes each migration run atomic and locked. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class DurableSqliteDialect extends SqliteDialect {
  constructor(private readonly dialectConfig: SqliteDialectConfig) {
    super(dialectConfig);
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.dialectConfig);
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

const BUSY_TIMEOUT_MS = 30_000;
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every statement again on each query; preparing costs more than running a small
 * query. Queries are built from a bounded set of shapes, so a small LRU of prepared statements per
 * connection removes most of that cost. (SQLite re-prepares a cached statement itself after a schema change.)
 */
function withStatementCache(connection: SqliteConnection.Database): SqliteDialectConfig['database'] & { prepare(sql: string): SqliteConnection.Statement } {
  const cache = new Map<string, SqliteConnection.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-insert: most recently used last
      } else {
        statement = connection.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/** Runs a statement as Kysely's SQLite driver does (same result shape), without Kysely's path around it. */
export function directRunner(connection: { prepare(sql: string): SqliteConnection.Statement }): DirectRunner {
  return (sql, parameters) => {
    const statement = connection.prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  };
}

/**
 * Page cache per connection, in KiB when negative: 64 MiB instead of SQLite's 2 MiB, so the inner pages of
 * the indexes of a large database (1,000,000 dossiers: random-uuid keys) stay in memory instead of being
 * read from the OS cache on every insert and lookup.
 */
const CACHE_SIZE = -65_536;

/**
 * FULL is kept by fsyncing the WAL off the event loop after each COMMIT (wal-sync.ts) on a connection at
 * NORMAL; EXTRA (which also syncs the directory) is left to SQLite itself.
 */
function syncsOffTheEventLoop(config: SqliteDatabaseConfig): boolean {
  return config.synchronous === 'FULL';
}

export function openSqliteWriteConnection(config: SqliteDatabaseConfig): SqliteConnection.Database {
  fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const connection = new SqliteConnection(config.file, { timeout: BUSY_TIMEOUT_MS });
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${syncsOffTheEventLoop(config) ? 'NORMAL' : config.synchronous}`);
  connection.pragma('foreign_keys = ON');
  connection.pragma(`cache_size = ${CACHE_SIZE}`);
  // Each write of a group commit runs in a SAVEPOINT, and SQLite keeps the original of every page a savepoint
  // changes in a sub-journal so it can roll back to it. That journal is a temporary file once it passes 64 KiB
  // (a batch's does): two syscalls per page per write, more than the WAL itself. In memory it is bounded by the
  // batch (its pages, at most a few MiB) and dropped at COMMIT.
  connection.pragma('temp_store = MEMORY');
  if (config.checkpoint === 'background') connection.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  return connection;
}

export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  readonly reader: Executor;
  /** The write connection as Kysely; used directly only by migrations and the group-commit writer. */
  readonly writerKysely: Kysely<DB>;
  private readonly writer: GroupCommitWriter;
  private readonly walSync: WalSync | null;
  private readonly checkpointer: WalCheckpointer | null;

  private constructor(
    private readonly writeConnection: SqliteConnection.Database,
    private readonly readConnection: SqliteConnection.Database,
    config: SqliteDatabaseConfig,
    crashPoints: CrashPoints | undefined,
  ) {
    const writeStatements = withStatementCache(writeConnection);
    const readStatements = withStatementCache(readConnection);
    this.writerKysely = new Kysely<DB>({ dialect: new DurableSqliteDialect({ database: writeStatements }) });
    this.reader = new Kysely<DB>({ dialect: new SqliteDialect({ database: readStatements }) });
    // Hot prepared statements skip Kysely's path on both connections (prepared.ts); nothing here streams rows.
    runDirectlyOn(this.reader, directRunner(readStatements));
    const walSync = syncsOffTheEventLoop(config) ? new WalSync(`${config.file}-wal`) : null;
    this.walSync = walSync;
    this.checkpointer = config.checkpoint === 'background' ? new WalCheckpointer(config.file) : null;
    this.writer = new GroupCommitWriter(this.writerKysely, () => writeConnection.inTransaction, {
      ...(walSync ? { durable: () => walSync.afterCommit(), broken: () => walSync.failed } : {}),
      direct: directRunner(writeStatements),
      maxBatchSize: config.writeBatchMaxSize,
      maxBatchMs: config.writeBatchMaxMs,
      crashPoints,
      maxQueueDepth: config.writeQueueMaxDepth,
      ...(config.writeQueueMaxAgeMs > 0 ? { maxQueueAgeMs: config.writeQueueMaxAgeMs } : {}),
    });
  }

  static open(config: SqliteDatabaseConfig, crashPoints?: CrashPoints): SqliteDatabase {
    const writeConnection = openSqliteWriteConnection(config);
    // Read-only: a query on the reader can never write, so the single write path is enforced by SQLite.
    const readConnection = new SqliteConnection(config.file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
    readConnection.pragma(`cache_size = ${CACHE_SIZE}`);
    return new SqliteDatabase(writeConnection, readConnection, config, crashPoints);
  }

  /** The synchronous level of the write connection (1 = NORMAL, 2 = FULL, 3 = EXTRA). */
  synchronousLevel(): number {
    return Number(this.writerSetting('synchronous'));
  }

  /** A setting (pragma) of the write connection, as SQLite reports it. */
  writerSetting(name: 'synchronous' | 'temp_store' | 'cache_size' | 'wal_autocheckpoint'): unknown {
    return this.writeConnection.pragma(name, { simple: true });
  }

  /** Every acknowledged commit is on disk: SQLite syncs in COMMIT (FULL, EXTRA), or the WAL is fsynced after it. */
  durableCommits(): boolean {
    return this.synchronousLevel() >= 2 || (this.walSync !== null && this.synchronousLevel() === 1);
  }

  /** WAL fsyncs done off the event loop (each covers every commit made before it began); null when SQLite syncs. */
  walSyncs(): number | null {
    return this.walSync?.syncs ?? null;
  }

  /** Checkpoints done by the background checkpointer; null when SQLite checkpoints inside COMMIT. */
  checkpointStats(): CheckpointerStats | null {
    return this.checkpointer?.stats ?? null;
  }

  /** Counters of the group-commit writer (batches and writes committed, batches lost). */
  writerStats(): Readonly<WriterStats> {
    return { ...this.writer.stats };
  }

  runInWriteTx<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.writer.run(fn);
  }

  runInReadSnapshot<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.writer.run(fn);
  }

  async ping(): Promise<void> {
    this.readConnection.prepare('select 1').get();
  }

  async close(): Promise<void> {
    await this.writer.drain();
    await this.checkpointer?.close();
    await this.reader.destroy();
    await this.writerKysely.destroy();
    // Kysely only closes a connection it has used; close both explicitly, whatever happened.
    for (const connection of [this.readConnection, this.writeConnection]) if (connection.open) connection.close();
    this.walSync?.close();
  }
}
