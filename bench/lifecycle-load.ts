// A small closed-loop load driver for request sequences: `concurrency` workers, each running one
// sequence (e.g. a dossier's whole lifecycle, five dependent requests) after another over keep-alive
// connections (Node's fetch, undici's pooled HTTP/1.1 agent), for a fixed time. autocannon cannot chain
// a request on the previous answer's ids, so sequences use this driver; single requests use autocannon.
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
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
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

/** Warm-up (unmeasured), then the measured run. */
export async function measureSequences(sequence: (worker: number) => Promise<void>, options: { concurrency: number; seconds: number; warmupSeconds: number }): Promise<SequenceFigures> {
  if (options.warmupSeconds > 0) await loop(sequence, options.concurrency, options.warmupSeconds);
  const run = await loop(sequence, options.concurrency, options.seconds);
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return { perSecond: run.latencies.length / run.elapsed, completed: run.latencies.length, failed: run.failed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), failures: run.failures };
}

/** A JSON request that must answer `expected`; the parsed body otherwise an Error with status and body. */
export async function call<T>(url: string, init: { method?: string; cookie?: string; body?: unknown }, expected: number): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.cookie ? { cookie: init.cookie } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${init.method ?? 'POST'} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}
