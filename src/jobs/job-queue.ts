// The queue as workers and services see it: every step is one write through the UnitOfWork, so a job's
// state changes are as durable as any business write. Generic over the repositories a handler's
// completeWith may use (the application's, or a test's own).
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Clock } from '../time/clock.js';
import { LeaseLostError, type EnqueueRequest, type Job } from './job.js';
import type { JobsRepository } from './jobs.repository.js';

export interface JobRepositories {
  readonly jobs: JobsRepository;
}

/** A job as its worker holds it: the row plus the lease it was claimed under. */
export interface ClaimedJob extends Job {
  readonly leaseToken: string;
}

function addMs(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

export class JobQueue<R extends JobRepositories = JobRepositories> {
  constructor(
    readonly uow: UnitOfWork<R>,
    readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Enqueues outside any business write (an operator's request). Inside one, use `repos.jobs.enqueue`. */
  enqueue(request: EnqueueRequest): Promise<{ id: string; created: boolean }> {
    return this.uow.write((repos) => repos.jobs.enqueue(request, this.now()));
  }

  /** Claims up to `limit` due jobs of the given kinds for `owner`, leased for `leaseMs`. */
  async claim(owner: string, kinds: readonly string[], limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    if (limit <= 0 || kinds.length === 0) return [];
    const now = this.now();
    const lease = { owner, token: randomUUID(), expiresAt: addMs(now, leaseMs) };
    const jobs = await this.uow.write((repos) => repos.jobs.claim(limit, lease, now, kinds));
    return jobs as ClaimedJob[];
  }

  renew(job: ClaimedJob, leaseMs: number): Promise<boolean> {
    const now = this.now();
    return this.uow.write((repos) => repos.jobs.renew(job.id, job.leaseToken, addMs(now, leaseMs), now));
  }

  complete(job: ClaimedJob): Promise<boolean> {
    return this.uow.write((repos) => repos.jobs.complete(job.id, job.leaseToken, this.now()));
  }

  /**
   * Runs fn and marks the job done in ONE write transaction: the effect commits with the completion, or
   * neither does. The lease is checked first, so a worker that lost its job changes nothing (LeaseLostError).
   */
  completeWith<T>(job: ClaimedJob, fn: (repos: R) => Promise<T>): Promise<T> {
    return this.uow.write(async (repos) => {
      if (!(await repos.jobs.complete(job.id, job.leaseToken, this.now()))) throw new LeaseLostError(job.id);
      return fn(repos);
    });
  }

  /** A failed attempt: retried after `retryInMs`, or dead (`retryInMs` null) with `deadReason`. */
  fail(job: ClaimedJob, error: string, retryInMs: number | null, deadReason: string | null): Promise<boolean> {
    const now = this.now();
    return this.uow.write((repos) => repos.jobs.fail(job.id, job.leaseToken, { error, retryAt: retryInMs === null ? null : addMs(now, retryInMs), deadReason }, now));
  }
}
