// Checkpoints SQLite's WAL in a worker thread, off the event loop.
//
// A checkpoint copies the WAL's committed pages into the database file and fsyncs it. Left to SQLite, the
// write connection does it inside the COMMIT that crosses the auto-checkpoint size — synchronously, since
// better-sqlite3 is synchronous: every ~4 MB of WAL the whole server stopped for 5–15 ms (the p99 of a commit),
// a few per cent of the write path's time. Here a worker thread with its own connection to the same file
// runs PASSIVE checkpoints (they never block the writer or readers) whenever the WAL has grown past a size;
// the writer keeps SQLite's own auto-checkpoint only as a fallback, at a much larger size, should the worker
// fall behind or die.
//
// Durability is SQLite's own: a checkpoint fsyncs the WAL before copying from it and the database after, and
// the writer restarts the WAL only once a checkpoint has copied all of it. The worker dies with the process;
// a checkpoint interrupted by a crash is redone from the WAL at the next open.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** WAL size (bytes) past which the worker checkpoints: SQLite's default auto-checkpoint (1,000 pages of 4 KiB). */
export const CHECKPOINT_AT_BYTES = 4 * 1024 * 1024;
/** The writer's own auto-checkpoint, as a fallback only (pages): 64 MiB of WAL. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_384;
/**
 * How often the worker looks (ms). Under a steady load the WAL is rarely copied to its end at the moment the
 * writer starts its next transaction, so it is not reused and stays past the size: each look then checkpoints,
 * and each checkpoint fsyncs the WAL and the database. Every quarter second keeps that to a few per second.
 */
const POLL_MS = 250;

export interface CheckpointerStats {
  /** Checkpoints run by the worker. */
  readonly checkpoints: number;
  /** Pages copied into the database file by them. */
  readonly pagesCopied: number;
  /** The last error the worker met (it keeps going), or null. */
  readonly lastError: string | null;
}

// Plain CommonJS run with `eval: true`: the worker needs no TypeScript loader, in development or in production.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
db.pragma('synchronous = NORMAL');
let checkpoints = 0, pagesCopied = 0, lastError = null, stopping = false, copiedOfThisWal = 0;
function walSize() {
  try { return fs.statSync(workerData.file + '-wal').size; } catch { return 0; }
}
function tick() {
  if (stopping) return;
  try {
    if (walSize() >= workerData.atBytes) {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      checkpoints++;
      // 'checkpointed' counts the frames of the current WAL copied so far (it starts again when the WAL is reused).
      const copied = Number(result.checkpointed);
      pagesCopied += copied >= copiedOfThisWal ? copied - copiedOfThisWal : Math.max(0, copied);
      copiedOfThisWal = Math.max(0, copied);
      parentPort.postMessage({ checkpoints, pagesCopied, lastError });
    }
  } catch (error) {
    lastError = String(error && error.message || error);
    parentPort.postMessage({ checkpoints, pagesCopied, lastError });
  }
  setTimeout(tick, workerData.pollMs);
}
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopping = true;
  db.close();
  parentPort.close();
});
tick();
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  private latest: CheckpointerStats = { checkpoints: 0, pagesCopied: 0, lastError: null };
  private readonly exited: Promise<void>;

  constructor(file: string, options: { atBytes?: number; pollMs?: number } = {}) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, atBytes: options.atBytes ?? CHECKPOINT_AT_BYTES, pollMs: options.pollMs ?? POLL_MS } });
    this.worker.on('message', (stats: CheckpointerStats) => {
      this.latest = stats;
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // A failure of the worker itself leaves the writer's fallback auto-checkpoint in charge.
    this.worker.on('error', (error) => {
      this.latest = { ...this.latest, lastError: String(error.message) };
    });
    this.worker.unref();
  }

  get stats(): CheckpointerStats {
    return this.latest;
  }

  async close(): Promise<void> {
    this.worker.ref(); // wait for its exit, even when nothing else keeps the process alive
    this.worker.postMessage('stop');
    await this.exited;
  }
}
