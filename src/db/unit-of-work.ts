// Binds repositories to the reader or to the write transaction, so services never see a query executor.
import type { Database, Executor } from './database.js';

export interface UnitOfWork<R> {
  /** Repositories over the reader (no transaction). */
  readonly read: R;
  /** Runs fn in the single write path with repositories bound to its transaction. */
  write<T>(fn: (repos: R) => Promise<T>): Promise<T>;
  /** Runs fn with repositories reading one consistent snapshot (read-only checks that take a while). */
  snapshot<T>(fn: (repos: R) => Promise<T>): Promise<T>;
}

export function createUnitOfWork<R>(db: Database, bind: (executor: Executor) => R): UnitOfWork<R> {
  return {
    read: bind(db.reader),
    write: (fn) => db.runInWriteTx((tx) => fn(bind(tx))),
    snapshot: (fn) => db.runInReadSnapshot((tx) => fn(bind(tx))),
  };
}
