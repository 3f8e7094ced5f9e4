// An open-loop load driver for the burst scenario. Requests leave at their scheduled instants whatever the
// server is doing (autocannon's connections wait for an answer before sending again, so a slow server would
// quietly lower the offered rate — coordinated omission). Latency is measured from the scheduled instant.
// node:http with a keep-alive agent: cheaper per request than fetch, so the driver keeps up at 5× capacity.
import http from 'node:http';

/** Keep-alive connections to the server; requests beyond them wait in the driver (counted in their latency). */
export const SOCKETS = 256;

export interface MixRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

export interface Outcome {
  /** Scheduled send instant, ms since the driver's origin. */
  readonly at: number;
  readonly latencyMs: number;
  /** HTTP status; 0 when there was no answer (timeout or connection error). */
  readonly status: number;
  readonly timedOut: boolean;
  /** How late the driver itself started the request (its own CPU was busy): part of latencyMs, not the server's. */
  readonly lateMs: number;
}

export class BurstDriver {
  private readonly agent: http.Agent;
  private readonly origin = performance.now();
  readonly outcomes: Outcome[] = [];
  private inFlight = 0;

  constructor(
    private readonly baseUrl: URL,
    private readonly next: () => MixRequest,
    private readonly timeoutMs: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  }

  /**
   * Opens every socket of the pool before measuring (as a reverse proxy keeps its upstream connections): a burst
   * of new connections would overflow the server's accept queue, and the kernel's SYN retries (1 s, 3 s, 7 s)
   * would measure TCP, not the application.
   */
  async openSockets(): Promise<void> {
    await Promise.all(
      Array.from({ length: SOCKETS }, () => new Promise<void>((resolve) => {
        http.get({ agent: this.agent, host: this.baseUrl.hostname, port: this.baseUrl.port, path: '/health' }, (response) => {
          response.resume();
          response.once('end', () => resolve());
        }).once('error', () => resolve());
      })),
    );
  }

  now(): number {
    return performance.now() - this.origin;
  }

  /** Sends one request scheduled at `at`; resolves with its outcome (also recorded). */
  private send(at: number): Promise<Outcome> {
    const request = this.next();
    const lateMs = this.now() - at;
    this.inFlight++;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const finish = (status: number, timedOut: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight--;
        const outcome = { at, latencyMs: this.now() - at, status, timedOut, lateMs };
        this.outcomes.push(outcome);
        resolve(outcome);
      };
      const req = http.request(
        { agent: this.agent, host: this.baseUrl.hostname, port: this.baseUrl.port, method: request.method, path: request.path, headers: request.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body) } : {} },
        (response) => {
          response.resume();
          response.once('end', () => finish(response.statusCode ?? 0, false));
          response.once('error', () => finish(0, false));
        },
      );
      // Counted from the scheduled instant: time spent waiting for a free socket is the server's too.
      const timer = setTimeout(() => {
        finish(0, true);
        req.destroy();
      }, Math.max(1, this.timeoutMs - (this.now() - at)));
      req.once('error', () => finish(0, false));
      if (request.body) req.end(request.body);
      else req.end();
    });
  }

  /** Open loop: `rate` requests per second for `seconds`, each sent at its own instant. */
  async openLoop(rate: number, seconds: number): Promise<void> {
    const start = this.now();
    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const pending: Promise<Outcome>[] = [];
    let sent = 0;
    while (sent < total) {
      const due = start + sent * interval;
      const now = this.now();
      // Send everything that is due (a late timer tick sends its backlog at once, keeping the rate).
      while (sent < total && start + sent * interval <= now) pending.push(this.send(start + sent++ * interval));
      if (sent < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(5, due + interval - this.now()))));
    }
    await Promise.all(pending);
  }

  /** Closed loop: `workers` clients, each sending its next request when the previous is answered. */
  async closedLoop(workers: number, seconds: number): Promise<{ perSecond: number; shed: number }> {
    const start = this.now();
    const deadline = start + seconds * 1000;
    let answered = 0;
    let shed = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (this.now() < deadline) {
          const outcome = await this.send(this.now());
          if (outcome.status >= 200 && outcome.status < 300) answered++;
          else shed++;
        }
      }),
    );
    return { perSecond: answered / ((this.now() - start) / 1000), shed };
  }

  get pending(): number {
    return this.inFlight;
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface PhaseFigures {
  readonly requests: number;
  readonly ok2xx: number;
  readonly shed429: number;
  readonly shed503: number;
  /** Answers other than 2xx, 429, 503 (must be 0). */
  readonly other: number;
  readonly timeouts: number;
  /** Connection errors other than timeouts. */
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly otherStatuses: readonly number[];
  /** p99 of how late the driver started requests (its own lag, included in the latencies). */
  readonly driverLateP99: number;
}

export function figuresOf(outcomes: readonly Outcome[]): PhaseFigures {
  const latencies = outcomes.filter((o) => o.status !== 0).map((o) => o.latencyMs).sort((a, b) => a - b);
  const other = outcomes.filter((o) => o.status !== 0 && !(o.status >= 200 && o.status < 300) && o.status !== 429 && o.status !== 503);
  return {
    requests: outcomes.length,
    ok2xx: outcomes.filter((o) => o.status >= 200 && o.status < 300).length,
    shed429: outcomes.filter((o) => o.status === 429).length,
    shed503: outcomes.filter((o) => o.status === 503).length,
    other: other.length,
    timeouts: outcomes.filter((o) => o.timedOut).length,
    errors: outcomes.filter((o) => o.status === 0 && !o.timedOut).length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    otherStatuses: [...new Set(other.map((o) => o.status))].sort(),
    driverLateP99: percentile(outcomes.map((o) => o.lateMs).sort((a, b) => a - b), 99),
  };
}
