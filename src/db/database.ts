// The database seen by the rest of the application: a reader for queries, and ONE write path.
// Every state change goes through runInWriteTx; no other code opens a transaction.
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** A query executor: the reader, or the transaction a write runs in. Only repositories use it. */
export type Executor = Kysely<DB>;

export interface Database {
  readonly dialect: Dialect;
  /** For reads that need no transaction. On SQLite a read-only connection (WAL readers never block). */
  readonly reader: Executor;
  /**
   * Runs fn as one logical transaction and resolves only after its effects are durable.
   * If fn throws, its effects are rolled back and the error is rethrown. fn must only do database
   * work (no network, no password hashing): on SQLite other writers wait behind it.
   */
  runInWriteTx<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * Runs fn on one consistent snapshot, for long read-only checks (reconciliation) that must not see
   * commands commit half-way through. PostgreSQL: a REPEATABLE READ, READ ONLY transaction (writers go on);
   * SQLite: inside the write path (the single writer waits, so nothing changes meanwhile).
   */
  runInReadSnapshot<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /** Checks the database answers (for /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** JSON columns come back parsed from PostgreSQL (jsonb) and as text from SQLite. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}
