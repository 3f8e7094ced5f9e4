// Several worker processes on one database, one of them killed (SIGKILL) in the middle of its jobs: every
// job's effect happens exactly once, the poison jobs are dead-lettered with their reason, and nothing is left
// queued or running. The killed worker's jobs are taken over when their leases expire.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EffectsRepository, TEST_EFFECT_JOB, type TestEffectPayload } from '../../test/support/job-worker-child.js';
import { createTestDatabase, DIALECTS, testConfig } from '../../test/support/test-app.js';
import { openDatabase } from '../db/open-database.js';
import { JobsRepository } from './jobs.repository.js';

const JOBS = 200;
const POISON = new Map<number, 'retry' | 'permanent'>([[17, 'retry'], [63, 'retry'], [101, 'permanent'], [150, 'retry'], [199, 'permanent']]);
const script = path.resolve('test/support/job-worker-child.ts');

function startWorker(url: string, owner: string): { child: ChildProcess; ready: Promise<void>; exited: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, owner], { env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker ${owner} exited (${code}) before it was ready: ${err}`)));
  });
  const exited = new Promise<string>((resolve) => child.once('exit', () => resolve(out)));
  return { child, ready, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe(`jobs across worker processes [${dialect}]`, () => {
    it(`${JOBS} jobs, 3 workers, one SIGKILLed mid-run: each effect once, poison dead, nothing open`, { timeout: 120_000 }, async () => {
      const target = await createTestDatabase(dialect);
      const db = await openDatabase(testConfig(target.url));
      const workers: Array<ReturnType<typeof startWorker>> = [];
      try {
        await db.runInWriteTx((tx) => EffectsRepository.create(tx));
        workers.push(...['w1', 'w2', 'w3'].map((owner) => startWorker(target.url, `${dialect}-${owner}`)));
        await Promise.all(workers.map((w) => w.ready));

        // One business write enqueues them all.
        const now = new Date().toISOString();
        await db.runInWriteTx(async (tx) => {
          const jobs = new JobsRepository(tx, db.dialect);
          for (let n = 0; n < JOBS; n++) {
            const poison = POISON.get(n);
            const payload: TestEffectPayload = poison ? { n, poison } : { n };
            await jobs.enqueue({ kind: TEST_EFFECT_JOB, payload, idempotencyKey: `effect-${n}`, maxAttempts: poison ? 3 : 8 }, now);
          }
        });

        // Kill the first worker once a quarter of the effects exist: it is holding jobs then.
        const deadline = Date.now() + 90_000;
        while ((await EffectsRepository.counts(db.reader)).size < JOBS / 4) {
          assert.ok(Date.now() < deadline, 'the workers make progress');
          await sleep(20);
        }
        const repo = new JobsRepository(db.reader, db.dialect);
        const victim = `${dialect}-w1`;
        while (!(await repo.list({ state: 'running', limit: 1000 })).some((j) => j.leaseOwner === victim)) await sleep(5);
        workers[0]!.child.kill('SIGKILL');
        await workers[0]!.exited;
        // What it held when it died: nobody can take these over before their leases expire.
        const orphaned = (await repo.list({ state: 'running', limit: 1000 })).filter((j) => j.leaseOwner === victim).map((j) => j.id);
        assert.ok(orphaned.length > 0, 'the worker was killed in the middle of its jobs');

        for (;;) {
          const counts = await repo.countByState();
          if (counts.queued === 0 && counts.running === 0) break;
          assert.ok(Date.now() < deadline, `the surviving workers finish (${JSON.stringify(counts)})`);
          await sleep(50);
        }

        const effects = await EffectsRepository.counts(db.reader);
        const jobs = await repo.list({ limit: 1000 });
        const counts = await repo.countByState();
        assert.deepEqual(counts, { queued: 0, running: 0, done: JOBS - POISON.size, dead: POISON.size });
        for (const job of jobs) {
          const { n, poison } = job.payload as TestEffectPayload;
          if (poison) {
            assert.equal(job.state, 'dead', `poison job ${n} is dead`);
            assert.equal(effects.get(job.idempotencyKey), undefined, `poison job ${n} had no effect`);
            assert.ok(job.deadReason === (poison === 'permanent' ? 'permanent_error' : 'max_attempts') || job.deadReason === 'lease_expired', `reason of ${n}: ${job.deadReason}`);
            assert.equal(job.lastError?.endsWith(`poison ${n}`) || job.deadReason === 'lease_expired', true);
            if (job.deadReason === 'max_attempts') assert.equal(job.attempts, 3);
          } else {
            assert.equal(job.state, 'done', `job ${n} is done`);
            assert.equal(effects.get(job.idempotencyKey), 1, `job ${n}'s effect happened exactly once`);
          }
        }
        assert.equal([...effects.values()].reduce((a, b) => a + b, 0), JOBS - POISON.size, 'no other effect');
        for (const id of orphaned) {
          const job = jobs.find((j) => j.id === id)!;
          assert.ok(job.attempts >= 2, 'an orphaned job was claimed again after its lease expired');
          if (!(job.payload as TestEffectPayload).poison) assert.equal(job.state, 'done');
        }
        console.log(`[${dialect}] ${JOBS} jobs, 3 workers, one SIGKILLed holding ${orphaned.length} leases: ${counts.done} done once, ${counts.dead} poison dead, 0 open; the ${orphaned.length} orphaned jobs taken over after their leases expired`);
      } finally {
        for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
        await Promise.all(workers.map((w) => w.exited));
        await db.close();
        await target.drop();
      }
    });
  });
}
