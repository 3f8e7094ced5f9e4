// A worker: polls the queue for the kinds it has handlers for, runs up to `concurrency` jobs at once, keeps
// their leases alive while they run, and records the outcome — done, retried after an exponential backoff
// with full jitter, or dead (attempts used up, or a PermanentJobError). Any number of workers, in any
// number of processes or nodes, may share one database: a job is held by one lease at a time, and only the
// lease holder can finish it. A worker that dies leaves its leases to expire; another worker takes them over.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DEFAULT_BACKOFF, errorText, LeaseLostError, PermanentJobError, retryDelayMs, type BackoffPolicy, type Job } from './job.js';
import type { ClaimedJob, JobQueue, JobRepositories } from './job-queue.js';

export interface JobContext<R> {
  readonly job: Job;
  /** The job's idempotency key: the handler's effect should be keyed by it (an outbox row, an upsert). */
  readonly idempotencyKey: string;
  /**
   * Commits fn's writes together with marking the job done (one transaction): the effect happens exactly
   * once even if this worker dies or loses its lease. A handler that does not call it is marked done after
   * it returns (its effect must then be idempotent by the key).
   */
  completeWith(fn: (repos: R) => Promise<void>): Promise<void>;
}

export type JobHandler<R> = (context: JobContext<R>) => Promise<void>;

export interface WorkerLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface WorkerOptions {
  /** Names this worker in `lease_owner` (host, process, random suffix by default). */
  readonly owner?: string;
  readonly concurrency: number;
  /** Wait between polls when the queue had nothing due. */
  readonly pollMs: number;
  /** How long a claim holds; renewed every third of it while the handler runs. */
  readonly leaseMs: number;
  readonly backoff?: BackoffPolicy;
  readonly logger?: WorkerLogger;
  readonly random?: () => number;
}

const silent: WorkerLogger = { info() {}, warn() {}, error() {} };

export interface WorkerStats {
  claimed: number;
  done: number;
  retried: number;
  dead: number;
  leaseLost: number;
}

export class JobWorker<R extends JobRepositories> {
  readonly owner: string;
  readonly stats: WorkerStats = { claimed: 0, done: 0, retried: 0, dead: 0, leaseLost: 0 };
  private readonly handlers = new Map<string, JobHandler<R>>();
  private readonly inflight = new Set<Promise<void>>();
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly logger: WorkerLogger;

  constructor(
    private readonly queue: JobQueue<R>,
    private readonly options: WorkerOptions,
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.logger = options.logger ?? silent;
  }

  register(kind: string, handler: JobHandler<R>): this {
    this.handlers.set(kind, handler);
    return this;
  }

  get kinds(): string[] {
    return [...this.handlers.keys()];
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops claiming, then waits for the jobs in hand to finish (their outcome is recorded). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
    await Promise.allSettled([...this.inflight]);
  }

  /** Claims and runs jobs until none is due (tests, `motcua jobs work --drain`). Returns how many ran. */
  async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const jobs = await this.queue.claim(this.owner, this.kinds, this.options.concurrency, this.options.leaseMs);
      if (jobs.length === 0) return ran;
      this.stats.claimed += jobs.length;
      ran += jobs.length;
      await Promise.all(jobs.map((job) => this.execute(job)));
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const free = this.options.concurrency - this.inflight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const jobs = await this.queue.claim(this.owner, this.kinds, free, this.options.leaseMs);
          claimed = jobs.length;
          this.stats.claimed += claimed;
          for (const job of jobs) {
            const run: Promise<void> = this.execute(job).finally(() => {
              this.inflight.delete(run);
              this.wake?.();
            });
            this.inflight.add(run);
          }
        } catch (error) {
          // The database is unreachable or busy: try again after the poll interval.
          this.logger.error({ err: errorText(error), owner: this.owner }, 'job claim failed');
        }
      }
      if (!this.running) break;
      // Filled every free slot: the queue may hold more, claim again at once. Otherwise wait for the poll
      // interval, woken early when a job finishes (a slot frees up) or by stop().
      if (free > 0 && claimed === free && this.inflight.size < this.options.concurrency) continue;
      await this.pause(this.options.pollMs);
    }
  }

  /** Sleeps for ms, or until a job finishes or stop() is called. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      this.wake = null;
    });
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.kind)!;
    let completed = false;
    const renewal = setInterval(() => {
      this.queue.renew(job, this.options.leaseMs).then(
        (held) => {
          if (!held) this.logger.warn({ jobId: job.id, kind: job.kind }, 'job lease lost while running');
        },
        (error: unknown) => this.logger.warn({ jobId: job.id, err: errorText(error) }, 'job lease renewal failed'),
      );
    }, Math.max(50, Math.floor(this.options.leaseMs / 3)));
    try {
      await handler({
        job,
        idempotencyKey: job.idempotencyKey,
        completeWith: async (fn) => {
          await this.queue.completeWith(job, fn);
          completed = true;
        },
      });
      if (!completed && !(await this.queue.complete(job))) throw new LeaseLostError(job.id);
      this.stats.done++;
    } catch (error) {
      await this.failed(job, error);
    } finally {
      clearInterval(renewal);
    }
  }

  private async failed(job: ClaimedJob, error: unknown): Promise<void> {
    if (error instanceof LeaseLostError) {
      // Another worker holds the job now; its outcome is the one that counts.
      this.stats.leaseLost++;
      this.logger.warn({ jobId: job.id, kind: job.kind }, 'job lease lost: outcome discarded');
      return;
    }
    const permanent = error instanceof PermanentJobError;
    const exhausted = job.attempts >= job.maxAttempts;
    const text = errorText(error);
    try {
      if (permanent || exhausted) {
        await this.queue.fail(job, text, null, permanent ? 'permanent_error' : 'max_attempts');
        this.stats.dead++;
        this.logger.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, err: text }, 'job dead');
      } else {
        await this.queue.fail(job, text, retryDelayMs(job.attempts, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random), null);
        this.stats.retried++;
        this.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, err: text }, 'job failed, will retry');
      }
    } catch (recordError) {
      // Could not record the failure: the lease expires and the job is claimed again.
      this.logger.error({ jobId: job.id, err: errorText(recordError) }, 'job failure could not be recorded');
    }
  }
}
