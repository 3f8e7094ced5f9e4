// Child process for the worker-kill test: a real JobWorker over the database given as argument, with one
// test handler whose effect (a row keyed by the job's idempotency key) commits in the same transaction as
// the job's completion. Poison payloads fail (retriable until their attempts run out, or permanently).
// Prints "ready" once it polls; stops after the jobs in hand on SIGTERM.
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/config.js';
import type { Executor } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createUnitOfWork } from '../../src/db/unit-of-work.js';
import { PermanentJobError } from '../../src/jobs/job.js';
import { JobQueue } from '../../src/jobs/job-queue.js';
import { JobWorker } from '../../src/jobs/job-worker.js';
import { JobsRepository } from '../../src/jobs/jobs.repository.js';
import { systemClock } from '../../src/time/clock.js';

export const TEST_EFFECT_JOB = 'test.effect';

export interface TestEffectPayload {
  readonly n: number;
  readonly poison?: 'retry' | 'permanent';
}

/** The test's effect table (not part of the application's schema). */
export class EffectsRepository {
  constructor(private readonly db: Executor) {}

  static async create(db: Executor): Promise<void> {
    await sql`create table if not exists test_job_effects (idempotency_key text not null, worker text not null)`.execute(db);
  }

  async add(key: string, worker: string): Promise<void> {
    await sql`insert into test_job_effects (idempotency_key, worker) values (${key}, ${worker})`.execute(this.db);
  }

  static async counts(db: Executor): Promise<Map<string, number>> {
    const { rows } = await sql<{ idempotency_key: string; n: number }>`select idempotency_key, count(*) as n from test_job_effects group by idempotency_key`.execute(db);
    return new Map(rows.map((r) => [r.idempotency_key, Number(r.n)]));
  }
}

async function main(): Promise<void> {
  const [url, owner] = process.argv.slice(2);
  if (!url || !owner) throw new Error('usage: job-worker-child <DATABASE_URL> <owner>');
  const db = await openDatabase(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, PG_POOL_MAX: '4' }), { migrate: false });
  const uow = createUnitOfWork(db, (executor) => ({ jobs: new JobsRepository(executor, db.dialect), effects: new EffectsRepository(executor) }));
  const worker = new JobWorker(new JobQueue(uow, systemClock), { owner, concurrency: 4, pollMs: 50, leaseMs: 1500, backoff: { baseMs: 20, maxMs: 200 } });
  worker.register(TEST_EFFECT_JOB, async (context) => {
    const payload = context.job.payload as TestEffectPayload;
    if (payload.poison === 'permanent') throw new PermanentJobError(`poison ${payload.n}`);
    if (payload.poison === 'retry') throw new Error(`poison ${payload.n}`);
    // Work that takes a while, so that a worker killed at any moment is holding jobs.
    await new Promise((resolve) => setTimeout(resolve, 40 + (payload.n % 7) * 10));
    await context.completeWith((repos) => repos.effects.add(context.idempotencyKey, owner));
  });
  worker.start();
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await worker.stop();
  await db.close();
  process.stdout.write(`stopped ${JSON.stringify(worker.stats)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
