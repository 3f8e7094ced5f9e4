// Jobs: everything that happens later or elsewhere (issuing documents, rebuilding reports, deadline checks,
// notifications) is a row of one table, enqueued in the business write transaction and run by workers under a
// lease. Pure types and rules here; SQL in jobs.repository.ts, the loop in job-worker.ts.

export const JOB_STATES = ['queued', 'running', 'done', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly payload: unknown;
  /** Unique per kind; handlers use it to make their effect happen once (an outbox row, an upsert). */
  readonly idempotencyKey: string;
  readonly state: JobState;
  /** Claims so far (a claim counts even if the worker dies before it finishes). */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAt: string;
  readonly leaseOwner: string | null;
  readonly leaseToken: string | null;
  readonly leaseExpiresAt: string | null;
  readonly lastError: string | null;
  readonly deadReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

export interface EnqueueRequest {
  readonly kind: string;
  readonly payload: unknown;
  readonly idempotencyKey: string;
  /** Not before this instant (default: now). */
  readonly runAt?: string;
  readonly maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** A handler's way to say "retrying cannot help" (bad payload, missing record): the job goes dead at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** The lease was taken over (it expired and another worker claimed the job): this worker's result is void. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor(readonly jobId: string) {
    super(`the lease of job ${jobId} is no longer held`);
  }
}

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60 * 60 * 1_000 };

/**
 * Delay before the next attempt after `attempts` failed ones: exponential (base·2^(attempts−1), capped)
 * with full jitter — a random delay between 0 and that bound — so that jobs failing together (a gateway
 * down) do not retry together. `random` in [0, 1).
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  const bound = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 40));
  return Math.floor(random() * bound);
}

/** Error text kept on the job: the message (and the name when it says more), bounded. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? (error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message) : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
