// Opens the configured database, refuses weak durability in production, and migrates it.
import type { Config } from '../config/config.js';
import { CrashPoints } from './crash-points.js';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { PostgresDatabase } from './postgres-database.js';
import { SqliteDatabase } from './sqlite-database.js';

export class DurabilityError extends Error {
  override name = 'DurabilityError';
}

export interface OpenOptions {
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
}

export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  const crashPoints = config.crashTest ? new CrashPoints(config.crashTest) : undefined;
  const database = config.database.dialect === 'sqlite' ? SqliteDatabase.open(config.database, crashPoints) : PostgresDatabase.open(config.database, crashPoints);
  try {
    if (config.env === 'production') await assertDurable(database);
    if (options.migrate !== false) await migrateToLatest(migrationConnection(database), database.dialect);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The connection migrations run on: SQLite's writer (the reader is read-only), PostgreSQL's pool. */
export function migrationConnection(database: Database) {
  return database instanceof SqliteDatabase ? database.writerKysely : database.reader;
}

async function assertDurable(database: Database): Promise<void> {
  if (database instanceof SqliteDatabase) {
    if (!database.durableCommits()) throw new DurabilityError('SQLite commits are not synced to disk (synchronous below FULL): refusing to start in production');
  } else if (database instanceof PostgresDatabase) {
    const settings = await database.durabilitySettings();
    if (settings.fsync !== 'on') throw new DurabilityError('PostgreSQL fsync is off: refusing to start in production');
    if (settings.synchronousCommit === 'off') {
      throw new DurabilityError('PostgreSQL synchronous_commit is off: refusing to start in production');
    }
  }
}
