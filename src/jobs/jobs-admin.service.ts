// What an administrator does with jobs: see them by state (the dead letters above all), replay a dead one,
// and ask for maintenance work (a report rebuild) to run in the background. Replays and requests are audited.
import type { AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import type { Clock } from '../time/clock.js';
import type { EnqueueRequest, Job, JobState } from './job.js';
import type { JobsRepository } from './jobs.repository.js';
import { requireJobAdministrator } from './jobs.policy.js';

export interface JobsAdminRepositories {
  readonly jobs: JobsRepository;
  readonly audit: AuditRepository;
}

export interface JobListing {
  readonly items: Job[];
  readonly counts: Record<JobState, number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class JobsAdminService {
  constructor(
    private readonly uow: UnitOfWork<JobsAdminRepositories>,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, filter: { state?: JobState; kind?: string; limit?: number }): Promise<JobListing> {
    requireJobAdministrator(actor);
    const [items, counts] = await Promise.all([this.uow.read.jobs.list({ ...filter, limit: filter.limit ?? 100 }), this.uow.read.jobs.countByState()]);
    return { items, counts };
  }

  async get(actor: Actor, id: string): Promise<Job> {
    requireJobAdministrator(actor);
    const job = UUID.test(id) ? await this.uow.read.jobs.find(id) : undefined;
    if (!job) throw new AppError('JOB_NOT_FOUND');
    return job;
  }

  /** Queues a dead job again with a fresh allowance of attempts; the audit log keeps who, when and why it had died. */
  async replay(actor: Actor, id: string, context: { requestId?: string } = {}): Promise<Job> {
    requireJobAdministrator(actor);
    if (!UUID.test(id)) throw new AppError('JOB_NOT_FOUND');
    const now = this.clock.now().toISOString();
    return this.uow.write(async (repos) => {
      const job = await repos.jobs.find(id);
      if (!job) throw new AppError('JOB_NOT_FOUND');
      if (job.state !== 'dead' || !(await repos.jobs.replay(id, now))) throw new AppError('JOB_NOT_DEAD', { state: job.state });
      await repos.audit.append({
        occurredAt: now,
        actorUserId: actor.userId,
        action: 'job.replayed',
        entityType: 'job',
        entityId: id,
        requestId: context.requestId ?? null,
        details: { by: actor.username, kind: job.kind, idempotencyKey: job.idempotencyKey, attempts: job.attempts, deadReason: job.deadReason, lastError: job.lastError, diedAt: job.finishedAt },
      });
      return (await repos.jobs.find(id))!;
    });
  }

  /** Enqueues maintenance work on an administrator's request (audited); the same key twice is one job. */
  async request(actor: Actor, request: EnqueueRequest, context: { requestId?: string } = {}): Promise<{ job: Job; created: boolean }> {
    requireJobAdministrator(actor);
    const now = this.clock.now().toISOString();
    return this.uow.write(async (repos) => {
      const { id, created } = await repos.jobs.enqueue(request, now);
      if (created) {
        await repos.audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'job.requested', entityType: 'job', entityId: id, requestId: context.requestId ?? null, details: { by: actor.username, kind: request.kind, idempotencyKey: request.idempotencyKey } });
      }
      return { job: (await repos.jobs.find(id))!, created };
    });
  }
}
