// A small closed-loop load driver for request sequences: `concurrency` workers, each running one
// sequence (e.g. a dossier's whole lifecycle, five dependent requests) after another over keep-alive
// connections (node:http with a keep-alive agent), for a fixed time. autocannon cannot chain
// a request on the previous answer's ids, so sequences use this driver; single requests use autocannon.
import http from 'node:http';
import { percentile } from './burst-load.js';
import type { LoadSide } from './interleaved-load.js';
import { settleDisk } from './load.js';
import { processCpuSeconds } from './process-cpu.js';

export interface SequenceFigures {
  /** Sequences completed per second during the measured run. */
  readonly perSecond: number;
  readonly completed: number;
  readonly failed: number;
  /** Milliseconds per sequence. */
  readonly p50: number;
  readonly p99: number;
  /** The first failures' messages (status and body), to show in the report. */
  readonly failures: readonly string[];
  /** CPU seconds the server process used during the measured run (all its threads), when its pid was given. */
  readonly serverCpuSeconds: number | null;
}


async function loop(sequence: (worker: number) => Promise<void>, concurrency: number, seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await sequence(worker);
          latencies.push(performance.now() - t0);
        } catch (error) {
          failed++;
          if (failures.length < 5) failures.push((error as Error).message);
        }
      }
    }),
  );
  return { latencies, failed, failures, elapsed: (performance.now() - started) / 1000 };
}

/** Sequences as one side of an interleaved comparison (bench/interleaved-load.ts): `concurrency` loops per run. */
export function sequenceSide(sequence: (worker: number) => Promise<void>, concurrency: number, pid?: number): LoadSide & { readonly failures: string[] } {
  const failures: string[] = [];
  return {
    ...(pid === undefined ? {} : { pid }),
    failures,
    async run(seconds) {
      const run = await loop(sequence, concurrency, seconds);
      for (const failure of run.failures) if (failures.length < 5) failures.push(failure);
      const sorted = run.latencies.sort((a, b) => a - b);
      return { seconds: run.elapsed, ok: run.latencies.length, failed: run.failed, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    },
  };
}

/** Warm-up (unmeasured), then the measured run; `serverPid`: the server whose CPU time the run used is measured too. */
export async function measureSequences(sequence: (worker: number) => Promise<void>, options: { concurrency: number; seconds: number; warmupSeconds: number; serverPid?: number }): Promise<SequenceFigures> {
  settleDisk();
  if (options.warmupSeconds > 0) await loop(sequence, options.concurrency, options.warmupSeconds);
  const cpuBefore = options.serverPid === undefined ? null : processCpuSeconds(options.serverPid);
  const run = await loop(sequence, options.concurrency, options.seconds);
  const cpuAfter = options.serverPid === undefined ? null : processCpuSeconds(options.serverPid);
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return {
    perSecond: run.latencies.length / run.elapsed,
    completed: run.latencies.length,
    failed: run.failed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures: run.failures,
    serverCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  };
}

/**
 * Keep-alive connections for `call`, as many as there are concurrent sequences (and a few spare). node:http
 * rather than fetch: undici's fetch took most of the load generator's core at ~1,500 requests/s, and the
 * load generator must not be what limits the measurement.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A JSON request that must answer `expected`; the parsed body otherwise an Error with status and body. */
export function call<T>(url: string, init: { method?: string; cookie?: string; body?: unknown }, expected: number): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const payload = init.body !== undefined ? Buffer.from(JSON.stringify(init.body)) : undefined;
  const headers: Record<string, string | number> = {};
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  if (init.cookie) headers.cookie = init.cookie;
  return new Promise<T>((resolve, reject) => {
    const request = http.request(url, { method, headers, agent, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode !== expected) reject(new Error(`${method} ${new URL(url).pathname} answered ${response.statusCode}: ${text.slice(0, 300)}`));
        else resolve((text ? JSON.parse(text) : null) as T);
      });
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${new URL(url).pathname}: no answer in 30 s`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/** A request retried after its Retry-After while shed (503/429), at most `retries` times, as a well-behaved client does. */
export async function politely(url: string, init: RequestInit, retries: number): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    if ((response.status !== 503 && response.status !== 429) || attempt === retries) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
  }
}

/**
 * A JSON GET for the requests around a measurement (setting up, counting what was written): shed requests are
 * retried (`politely`, four times). Measured requests use `call`, where a 503 counts as a failure.
 */
export async function getPolitely<T>(url: string, cookie?: string): Promise<T> {
  const response = await politely(url, cookie ? { headers: { cookie } } : {}, 4);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
