// The queue's guarantees on both dialects: enqueue belongs to the business transaction and is idempotent by
// key; a claim holds a lease that only its holder can finish; an expired lease is taken over; failures retry
// with backoff until the job is dead with its reason, attempts and payload; PostgreSQL claimers never share a job.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, DIALECTS, testConfig, type TestDatabase } from '../../test/support/test-app.js';
import { testClock } from '../../test/support/test-clock.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open-database.js';
import { createUnitOfWork, type UnitOfWork } from '../db/unit-of-work.js';
import { PermanentJobError } from './job.js';
import { JobQueue, type JobRepositories } from './job-queue.js';
import { JobWorker } from './job-worker.js';
import { JobsRepository } from './jobs.repository.js';

const T0 = '2026-03-02T01:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`jobs queue [${dialect}]`, () => {
    let target: TestDatabase;
    let db: Database;
    let uow: UnitOfWork<JobRepositories>;
    const clock = testClock(T0);
    let queue: JobQueue;

    before(async () => {
      target = await createTestDatabase(dialect);
      db = await openDatabase(testConfig(target.url));
      uow = createUnitOfWork(db, (executor) => ({ jobs: new JobsRepository(executor, db.dialect) }));
      queue = new JobQueue(uow, clock);
    });
    after(async () => {
      await db.close();
      await target.drop();
    });

    it('enqueues once per kind and idempotency key, and only if the business write commits', async () => {
      const first = await queue.enqueue({ kind: 'k.once', payload: { n: 1 }, idempotencyKey: 'a' });
      const again = await queue.enqueue({ kind: 'k.once', payload: { n: 2 }, idempotencyKey: 'a' });
      assert.equal(first.created, true);
      assert.deepEqual(again, { id: first.id, created: false });
      assert.deepEqual((await uow.read.jobs.find(first.id))!.payload, { n: 1 });
      const other = await queue.enqueue({ kind: 'k.other', payload: null, idempotencyKey: 'a' });
      assert.equal(other.created, true, 'the same key under another kind is another job');

      await assert.rejects(
        uow.write(async (repos) => {
          await repos.jobs.enqueue({ kind: 'k.once', payload: {}, idempotencyKey: 'rolled-back' }, T0);
          throw new Error('the business write failed');
        }),
        /business write failed/,
      );
      assert.equal(await uow.read.jobs.findByKey('k.once', 'rolled-back'), undefined);
    });

    it('leases a job to one worker; another takes it only after the lease expires, and then only the new holder finishes it', async () => {
      clock.set(T0);
      const { id } = await queue.enqueue({ kind: 'k.lease', payload: { x: 1 }, idempotencyKey: 'l1' });
      const [held] = await queue.claim('worker-a', ['k.lease'], 5, 10_000);
      assert.equal(held!.id, id);
      assert.equal(held!.attempts, 1);
      assert.equal(held!.leaseOwner, 'worker-a');
      assert.deepEqual(await queue.claim('worker-b', ['k.lease'], 5, 10_000), [], 'a held lease is not claimable');

      clock.set('2026-03-02T01:00:09.000Z');
      assert.equal(await queue.renew(held!, 10_000), true, 'the holder renews its lease');
      clock.set('2026-03-02T01:00:15.000Z');
      assert.deepEqual(await queue.claim('worker-b', ['k.lease'], 5, 10_000), [], 'the renewed lease still holds');

      clock.set('2026-03-02T01:00:20.000Z');
      const [taken] = await queue.claim('worker-b', ['k.lease'], 5, 10_000);
      assert.equal(taken!.id, id);
      assert.equal(taken!.attempts, 2, 'the lost attempt counts');
      assert.notEqual(taken!.leaseToken, held!.leaseToken);

      assert.equal(await queue.complete(held!), false, 'the old holder cannot complete');
      assert.equal(await queue.fail(held!, 'late', null, 'permanent_error'), false, 'nor fail it');
      assert.equal(await queue.renew(held!, 10_000), false, 'nor renew it');
      await assert.rejects(queue.completeWith(held!, async () => assert.fail('the effect must not run')), /no longer held/);
      assert.equal(await queue.complete(taken!), true);
      const done = (await uow.read.jobs.find(id))!;
      assert.equal(done.state, 'done');
      assert.equal(done.leaseOwner, null);
      assert.equal(done.finishedAt, '2026-03-02T01:00:20.000Z');
      assert.deepEqual(await queue.claim('worker-c', ['k.lease'], 5, 1), [], 'a done job is never claimed again');
    });

    it('does not claim a job before its run_at, nor kinds the worker has no handler for', async () => {
      clock.set(T0);
      await queue.enqueue({ kind: 'k.later', payload: null, idempotencyKey: 'later', runAt: '2026-03-02T02:00:00.000Z' });
      assert.deepEqual(await queue.claim('w', ['k.later'], 5, 1000), []);
      assert.deepEqual(await queue.claim('w', ['k.unknown'], 5, 1000), []);
      clock.set('2026-03-02T02:00:00.000Z');
      assert.equal((await queue.claim('w', ['k.later'], 5, 1000)).length, 1);
    });

    it('retries a failing job with backoff and then dead-letters it with reason, attempts and payload; a permanent error dies at once', async () => {
      clock.set(T0);
      const worker = new JobWorker(queue, { concurrency: 2, pollMs: 10, leaseMs: 5000, backoff: { baseMs: 1000, maxMs: 10_000 }, random: () => 0.999 });
      let calls = 0;
      worker.register('k.poison', async ({ job }) => {
        calls++;
        throw new Error(`cannot handle ${(job.payload as { item: string }).item}`);
      });
      worker.register('k.permanent', async () => {
        throw new PermanentJobError('the record it names does not exist');
      });
      const poison = await queue.enqueue({ kind: 'k.poison', payload: { item: 'X-1' }, idempotencyKey: 'p1', maxAttempts: 3 });
      const permanent = await queue.enqueue({ kind: 'k.permanent', payload: { item: 'Y' }, idempotencyKey: 'p2' });

      assert.equal(await worker.drain(), 2);
      let job = (await uow.read.jobs.find(poison.id))!;
      assert.equal(job.state, 'queued');
      assert.equal(job.runAt, '2026-03-02T01:00:00.999Z', 'first retry within base·2^0 = 1 s');
      assert.equal(job.lastError, 'cannot handle X-1');
      const dead = (await uow.read.jobs.find(permanent.id))!;
      assert.equal(dead.state, 'dead');
      assert.equal(dead.deadReason, 'permanent_error');
      assert.equal(dead.attempts, 1);

      assert.equal(await worker.drain(), 0, 'not before its retry time');
      clock.set('2026-03-02T01:00:01.000Z');
      assert.equal(await worker.drain(), 1);
      job = (await uow.read.jobs.find(poison.id))!;
      assert.equal(job.runAt, '2026-03-02T01:00:02.998Z', 'second retry within base·2^1 = 2 s');
      clock.set('2026-03-02T01:00:03.000Z');
      assert.equal(await worker.drain(), 1);
      job = (await uow.read.jobs.find(poison.id))!;
      assert.equal(job.state, 'dead');
      assert.equal(job.deadReason, 'max_attempts');
      assert.equal(job.attempts, 3);
      assert.deepEqual(job.payload, { item: 'X-1' }, 'the payload is kept as it was enqueued');
      assert.equal(job.lastError, 'cannot handle X-1');
      assert.equal(calls, 3);
      assert.deepEqual(worker.stats, { claimed: 4, done: 0, retried: 2, dead: 2, leaseLost: 0 });
    });

    it('a job whose worker died on its last attempt goes dead (lease_expired) instead of running again', async () => {
      clock.set(T0);
      const { id } = await queue.enqueue({ kind: 'k.crash', payload: { big: true }, idempotencyKey: 'c1', maxAttempts: 1 });
      assert.equal((await queue.claim('doomed', ['k.crash'], 1, 1000)).length, 1);
      clock.set('2026-03-02T01:00:02.000Z');
      assert.deepEqual(await queue.claim('survivor', ['k.crash'], 1, 1000), []);
      const job = (await uow.read.jobs.find(id))!;
      assert.equal(job.state, 'dead');
      assert.equal(job.deadReason, 'lease_expired');
      assert.equal(job.attempts, 1);
    });

    it('concurrent claimers never receive the same job', async () => {
      clock.set(T0);
      await uow.write(async (repos) => {
        for (let i = 0; i < 60; i++) await repos.jobs.enqueue({ kind: 'k.race', payload: { i }, idempotencyKey: `r${i}` }, T0);
      });
      const batches = await Promise.all(Array.from({ length: 6 }, (_, w) => queue.claim(`w${w}`, ['k.race'], 15, 60_000)));
      const ids = batches.flat().map((j) => j.id);
      assert.equal(ids.length, 60);
      assert.equal(new Set(ids).size, 60, 'every job claimed once');
      const counts = await uow.read.jobs.countByState();
      assert.ok(counts.running >= 60);
    });
  });
}
