// An open-loop load driver at a fixed request rate, for latency at a given rate (the public lookup at
// 1,000 req/s). Requests are sent on an even schedule — request k at start + k / rate — whatever the
// answers do, and each latency is measured from the instant the request was *due*, not from when it went
// out, so a stalled server or a busy load generator counts against the figures (no coordinated omission,
// as in wrk2).
//
// Why not autocannon's `overallRate`: it gives each connection a quota per second and sends the quota
// back-to-back when the second starts, then waits for the next second. At 1,000 req/s over 20 connections
// that is a burst of 1,000 requests with 20 always in flight, every second — the p50 it reports (3 ms for a
// lookup that takes about 0.3 ms of server time) is the queue inside the burst, not the latency at the rate.
import http from 'node:http';
import { percentile } from './burst-load.js';
import { settleDisk } from './load.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface PacedFigures {
  /** Answers per second over the measured run (2xx or not). */
  readonly perSecond: number;
  readonly sent: number;
  readonly ok: number;
  /** Non-2xx answers and connection errors. */
  readonly failed: number;
  /** Milliseconds from the instant each request was due to the end of its answer. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** The first failures' messages, to show in the report. */
  readonly failures: readonly string[];
  /** The longest this driver's own event loop was blocked during the measured run (ms): a request it sent late
   * counts as slow, rightly for an open loop, but then the slowness is the load generator's, not the server's. */
  readonly driverBlockedMs: number;
}

export interface PacedTarget {
  /** Builds each request's URL afresh (e.g. rotating over dossier codes). */
  readonly nextUrl: () => string;
  readonly rate: number;
  /** Keep-alive connections the requests are spread over; a request finding none free waits (and that wait counts). */
  readonly connections: number;
}

/** One GET, resolved with its status (0 for a connection error), its answer read to the end. */
function get(url: string, agent: http.Agent): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, timeout: 30_000 }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
      response.on('error', (error) => resolve({ status: 0, error: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer in 30 s')));
    request.on('error', (error) => resolve({ status: 0, error: error.message }));
  });
}

async function run(target: PacedTarget, seconds: number, agent: http.Agent) {
  const interval = 1000 / target.rate;
  const total = Math.round(seconds * target.rate);
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now() + 5;
  let next = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      // Everything due by now goes out now; the timer only wakes the loop (its ~1 ms granularity is absorbed
      // by measuring from the due instant).
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        const due = start + next * interval;
        next++;
        pending.push(
          get(target.nextUrl(), agent).then(({ status, error }) => {
            latencies.push(performance.now() - due);
            if (status < 200 || status > 299) {
              failed++;
              if (failures.length < 5) failures.push(error ?? `HTTP ${status}`);
            }
          }),
        );
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
      else done();
    };
    setTimeout(tick, 5);
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  return { latencies, failed, failures, elapsed };
}

/** Warm-up (unmeasured), then the measured run, at the target's fixed rate. */
export async function measurePaced(target: PacedTarget, options: { seconds: number; warmupSeconds: number; beforeMeasuring?: () => Promise<unknown> }): Promise<PacedFigures> {
  settleDisk();
  const agent = new http.Agent({ keepAlive: true, maxSockets: target.connections });
  try {
    if (options.warmupSeconds > 0) await run(target, options.warmupSeconds, agent);
    await options.beforeMeasuring?.();
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const measured = await run(target, options.seconds, agent);
    loop.disable();
    const sorted = [...measured.latencies].sort((a, b) => a - b);
    return {
      perSecond: measured.latencies.length / measured.elapsed,
      sent: measured.latencies.length,
      ok: measured.latencies.length - measured.failed,
      failed: measured.failed,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0,
      failures: measured.failures,
      driverBlockedMs: loop.max / 1e6,
    };
  } finally {
    agent.destroy();
  }
}
