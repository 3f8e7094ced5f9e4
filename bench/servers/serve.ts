// Shared by the benchmark servers: listen on 127.0.0.1:$PORT and close cleanly on SIGTERM/SIGINT,
// so the parent can stop a server and know its writes were flushed (MotCua drains its write queue).
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * BENCH_LOOP_FILE: the server watches its own event loop's delay, and on SIGUSR2 writes what it saw since the
 * last SIGUSR2 to that file (written aside, then renamed). A slow answer in a scenario can then be told apart:
 * the server's own loop was blocked (garbage collection, a synchronous SQLite read waiting on the disk), or not.
 */
function watchEventLoop(file: string): void {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const figures = { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), meanMs: ms(histogram.mean), samples: histogram.count };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(figures));
    fs.renameSync(`${file}.tmp`, file);
    histogram.reset();
  });
}

export async function serve(app: FastifyInstance): Promise<void> {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set by the bench runner');
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      console.error('close failed:', error);
      process.exit(1);
    }
  };
  if (process.env.BENCH_LOOP_FILE) watchEventLoop(process.env.BENCH_LOOP_FILE);
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
  // If the parent dies without signalling us (kill -9), do not linger as an orphan holding the port.
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      void close();
    }
  }, 1000).unref();
  await app.listen({ host: '127.0.0.1', port });
}

/** Entry-point wrapper: any startup error ends the process with a message the parent shows. */
export function main(start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    console.error('benchmark server failed:', error);
    process.exit(1);
  });
}

/** Required environment variable (set by bench/run.ts). */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set by the bench runner`);
  return value;
}
