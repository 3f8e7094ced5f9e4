// Durable commits for SQLite in WAL mode without blocking the event loop.
//
// With synchronous=FULL, SQLite fsyncs the WAL inside COMMIT: better-sqlite3 is synchronous, so the whole
// server waits for the disk (a few milliseconds per commit on these machines) and serves nobody meanwhile.
// Here the write connection runs with synchronous=NORMAL — COMMIT writes the WAL frames to the OS but does
// not fsync them; SQLite still fsyncs around every checkpoint — and after each COMMIT the WAL file is fsynced
// on libuv's thread pool. A write is acknowledged only once an fsync that began after its COMMIT has
// completed: what has been acknowledged is on disk, exactly as with FULL. Meanwhile the event loop serves
// other requests and the next batch runs; one fsync covers every commit made before it began.
// fsyncs overlap (up to MAX_IN_FLIGHT): a commit made while an fsync runs gets its own at once, instead of
// waiting for the running one to end and then for its own — a writer waits for one fsync, not two. Whichever
// completes, every commit made before it began is durable.
//
// Why a prefix is safe: WAL frames are appended in commit order and each frame's checksum chains on the
// previous one, so after a power loss SQLite recovers a prefix of the commits — never a later commit without
// an earlier one. The window: for the milliseconds of one fsync, other connections may read a commit that is
// not yet durable (a power loss in that window loses it; its writer was never answered, and retries with
// its idempotency key). A process crash loses nothing: the frames are in the OS's cache.
import fs from 'node:fs';

interface Waiter {
  readonly commit: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** fsyncs running at once, at most (libuv's thread pool has 4 threads by default; file reads need some). */
const MAX_IN_FLIGHT = 2;

export class WalSync {
  private fd: number | null = null;
  private committed = 0;
  private synced = 0;
  /** The commit count each running fsync began after (ascending). */
  private running: number[] = [];
  /** Descriptors of a WAL file that was replaced, closed once no fsync is running. */
  private readonly retired: number[] = [];
  private failure: unknown = null;
  private waiters: Waiter[] = [];
  /** fsyncs completed (each may cover several commits). */
  syncs = 0;

  constructor(private readonly walPath: string) {}

  /** Call right after a COMMIT returned: resolves when that commit is on disk. */
  afterCommit(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const commit = ++this.committed;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ commit, resolve, reject });
      this.kick();
    });
  }

  /**
   * An fsync failed: nothing written since can be promised durable (the kernel may have dropped the pages).
   * The group-commit writer then refuses every write until the process is restarted (as PostgreSQL panics).
   */
  get failed(): unknown {
    return this.failure;
  }

  close(): void {
    for (const fd of this.retired.splice(0)) fs.closeSync(fd);
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private kick(): void {
    if (this.failure || this.running.length >= MAX_IN_FLIGHT) return;
    // Nothing new since the latest running (or completed) fsync began: it will cover every commit so far.
    if (this.committed <= Math.max(this.synced, this.running.at(-1) ?? 0)) return;
    const upTo = this.committed;
    this.running.push(upTo);
    this.fsync().then(
      () => {
        this.syncs++;
        if (this.failure) return;
        this.synced = Math.max(this.synced, upTo);
        this.settle((w) => w.commit <= this.synced, (w) => w.resolve());
      },
      (error: unknown) => {
        // fsync failures are not retried (after a failed fsync Linux may report later ones as successful
        // while the data is gone): every write not yet answered fails, and so does every later one.
        this.failure ??= error;
        this.settle(() => true, (w) => w.reject(this.failure));
      },
    ).finally(() => {
      this.running.splice(this.running.indexOf(upTo), 1);
      if (this.running.length === 0) for (const fd of this.retired.splice(0)) fs.closeSync(fd);
      this.kick();
    });
  }

  private settle(matches: (w: Waiter) => boolean, action: (w: Waiter) => void): void {
    const ready = this.waiters.filter(matches);
    this.waiters = this.waiters.filter((w) => !matches(w));
    for (const w of ready) action(w);
  }

  private fsync(): Promise<void> {
    return new Promise((resolve, reject) => {
      // The WAL exists once something was committed, and SQLite keeps the same file while connections are
      // open; should it ever be another file (same path, new inode), the new one is the one to sync.
      try {
        if (this.fd !== null && fs.fstatSync(this.fd).ino !== fs.statSync(this.walPath).ino) {
          // Another fsync may still be running on the old descriptor: it is closed once none is.
          this.retired.push(this.fd);
          this.fd = null;
        }
        this.fd ??= fs.openSync(this.walPath, 'r');
      } catch (error) {
        reject(error);
        return;
      }
      fs.fsync(this.fd, (error) => (error ? reject(error) : resolve()));
    });
  }
}
